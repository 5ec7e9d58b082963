// The platform's REST API (protocol.md): worker register/heartbeat/unregister, and camera look-ups
// with a bearer token that is refreshed, or renewed by a new login, when it expires.
import { z } from 'zod';
import { inlineCameraSchema, type InlineCamera } from '../../../shared/protocol/task-message.ts';

const tokensSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().optional(), token_type: z.string().optional() }).loose();
// The platform answers a page object (its CameraListResponse: cameras, total, page, page_size,
// total_pages), or in other builds a plain list or another page shape.
const pageSchema = z.union([
  z.object({ cameras: z.array(inlineCameraSchema) }).transform((p) => p.cameras),
  z.array(inlineCameraSchema),
  z.object({ items: z.array(inlineCameraSchema) }).transform((p) => p.items),
  z.object({ data: z.array(inlineCameraSchema) }).transform((p) => p.data),
]);

export type PlatformError = { kind: 'unreachable' | 'auth_failed' | 'not_found' | 'bad_response' | 'http_error'; message: string };
export type PlatformResult<T> = { ok: true; value: T } | { ok: false; error: PlatformError };

export interface PlatformClientOptions {
  baseUrl: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
  cameraCacheMs?: number;
}

export class PlatformClient {
  private readonly options: PlatformClientOptions;
  private accessToken: string | undefined;
  private refreshToken: string | undefined;
  private readonly cameraCache = new Map<string, { camera: InlineCamera; until: number }>();
  private registering: Promise<unknown> | undefined;

  constructor(options: PlatformClientOptions) {
    this.options = options;
  }

  async register(body: { worker_id: string; host: string; port: number; max_concurrent_tasks: number; capabilities: string[] }): Promise<PlatformResult<void>> {
    const call = this.voidCall('POST', '/api/v1/diagnosis/worker/register', body);
    this.registering = call;
    try {
      return await call;
    } finally {
      if (this.registering === call) this.registering = undefined;
    }
  }

  /** Sends a heartbeat; a 404 means the platform forgot us, so register again and retry once. */
  async heartbeat(
    body: { worker_id: string; current_tasks: number; status: 'online' | 'offline' | 'busy' | 'error' | 'maintenance' },
    registration: Parameters<PlatformClient['register']>[0],
  ): Promise<PlatformResult<void>> {
    // A heartbeat sent while the registration is on its way would only get a 404: wait for it.
    await this.registering;
    const first = await this.voidCall('POST', '/api/v1/diagnosis/worker/heartbeat', body);
    if (first.ok || first.error.kind !== 'not_found') return first;
    const again = await this.register(registration);
    if (!again.ok) return again;
    return this.voidCall('POST', '/api/v1/diagnosis/worker/heartbeat', body);
  }

  /** The platform's only task update route: RUNNING, COMPLETED or FAILED, with the worker's id. */
  async taskStatus(taskId: number, status: 'RUNNING' | 'COMPLETED' | 'FAILED', workerId: string): Promise<PlatformResult<void>> {
    return this.voidCall('POST', `/api/v1/diagnosis/worker/tasks/${taskId}/status`, { status, worker_id: workerId });
  }

  async unregister(workerId: string): Promise<PlatformResult<void>> {
    return this.voidCall('POST', `/api/v1/diagnosis/worker/unregister?worker_id=${encodeURIComponent(workerId)}`);
  }

  async camera(id: number | string): Promise<PlatformResult<InlineCamera>> {
    const key = String(id);
    const cached = this.cameraCache.get(key);
    if (cached && cached.until > Date.now()) return { ok: true, value: cached.camera };
    const r = await this.authed('GET', `/api/v1/cameras/${encodeURIComponent(key)}`);
    if (!r.ok) return r;
    const parsed = inlineCameraSchema.safeParse(r.value);
    if (!parsed.success) return { ok: false, error: { kind: 'bad_response', message: `camera ${key}: unexpected answer from the platform` } };
    this.cameraCache.set(key, { camera: parsed.data, until: Date.now() + (this.options.cameraCacheMs ?? 600_000) });
    return { ok: true, value: parsed.data };
  }

  async cameraPage(page: number, pageSize = 100): Promise<PlatformResult<InlineCamera[]>> {
    const r = await this.authed('GET', `/api/v1/cameras/?page=${page}&page_size=${pageSize}`);
    if (!r.ok) return r;
    const parsed = pageSchema.safeParse(r.value);
    if (!parsed.success) return { ok: false, error: { kind: 'bad_response', message: 'camera list: unexpected answer from the platform' } };
    return { ok: true, value: parsed.data };
  }

  private async login(): Promise<PlatformResult<void>> {
    if (this.refreshToken) {
      const refreshed = await this.request('POST', '/api/v1/auth/refresh', { refresh_token: this.refreshToken });
      if (refreshed.ok && this.takeTokens(refreshed.value)) return { ok: true, value: undefined };
      this.refreshToken = undefined;
    }
    if (!this.options.username) return { ok: false, error: { kind: 'auth_failed', message: 'the platform needs a user name and password for camera look-ups' } };
    const r = await this.request('POST', '/api/v1/auth/login', { username: this.options.username, password: this.options.password ?? '' });
    if (!r.ok) return r.error.kind === 'http_error' || r.error.kind === 'not_found' ? { ok: false, error: { kind: 'auth_failed', message: `platform login failed: ${r.error.message}` } } : r;
    if (!this.takeTokens(r.value)) return { ok: false, error: { kind: 'bad_response', message: 'platform login: no access token in the answer' } };
    return { ok: true, value: undefined };
  }

  private takeTokens(value: unknown): boolean {
    const t = tokensSchema.safeParse(value);
    if (!t.success) return false;
    this.accessToken = t.data.access_token;
    this.refreshToken = t.data.refresh_token ?? this.refreshToken;
    return true;
  }

  private async authed(method: string, path: string): Promise<PlatformResult<unknown>> {
    if (!this.accessToken) {
      const l = await this.login();
      if (!l.ok) return l;
    }
    const first = await this.request(method, path, undefined, this.accessToken);
    if (first.ok || first.error.kind !== 'auth_failed') return first;
    this.accessToken = undefined;
    const l = await this.login();
    if (!l.ok) return l;
    return this.request(method, path, undefined, this.accessToken);
  }

  private async voidCall(method: string, path: string, body?: unknown): Promise<PlatformResult<void>> {
    const r = await this.request(method, path, body);
    return r.ok ? { ok: true, value: undefined } : r;
  }

  private async request(method: string, path: string, body?: unknown, token?: string): Promise<PlatformResult<unknown>> {
    const url = new URL(path, this.options.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      return { ok: false, error: { kind: 'unreachable', message: `platform ${url.origin} unreachable: ${(err as Error).message}` } };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403) return { ok: false, error: { kind: 'auth_failed', message: `${method} ${url.pathname}: HTTP ${response.status}` } };
    if (response.status === 404) return { ok: false, error: { kind: 'not_found', message: `${method} ${url.pathname}: HTTP 404` } };
    if (!response.ok) return { ok: false, error: { kind: 'http_error', message: `${method} ${url.pathname}: HTTP ${response.status}` } };
    if (text === '') return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, error: { kind: 'bad_response', message: `${method} ${url.pathname}: the answer is not JSON` } };
    }
  }
}
