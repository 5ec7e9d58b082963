// EdgeApi over the headless server's HTTP routes: POST /api/<method> with a bearer token, events
// over Server-Sent Events. Every failure becomes an ApiError value, as on the IPC transport.
import type { ApiError, ApiMethod, ApiResult, EdgeApi } from '../../../shared/api/contract.ts';
import { EventStream } from './event-stream.ts';
import { METHOD_NAMES } from './method-names.ts';

function failure(kind: ApiError['kind'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { kind, message } };
}

function isApiResult(value: unknown): value is ApiResult<ApiMethod> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createHttpClient(baseUrl: string, token: string): EdgeApi {
  const root = baseUrl.replace(/\/+$/, '');
  const events = new EventStream(`${root}/api/events?token=${encodeURIComponent(token)}`);

  async function call(method: ApiMethod, input: unknown): Promise<ApiResult<ApiMethod>> {
    let response: Response;
    try {
      response = await fetch(`${root}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return failure('unavailable', `the edge server cannot be reached (${err instanceof Error ? err.message : String(err)})`);
    }
    if (response.status === 401) return failure('unavailable', 'the access token was refused: open the link the server printed again');
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure('failed', `unexpected answer from the edge server (HTTP ${response.status})`);
    }
    return isApiResult(body) ? body : failure('failed', `unexpected answer from the edge server (HTTP ${response.status})`);
  }

  const methods = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)]));
  return { ...methods, on: events.on.bind(events) } as EdgeApi;
}
