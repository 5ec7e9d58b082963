// Serves one EdgeApi call from either transport: parse the input with the contract's schema,
// run the handler, and turn every failure into an ApiError value (never a thrown exception).
import { API_METHODS, ApiFailure, type ApiMethod, type ApiResult, type ApiService } from '../../../shared/api/contract.ts';

export async function dispatch<M extends ApiMethod>(service: ApiService, method: M, rawInput: unknown): Promise<ApiResult<M>> {
  const parsed = API_METHODS[method].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { kind: 'invalid_input', message } };
  }
  try {
    const handler = service[method] as (input: unknown) => Promise<unknown>;
    const value = await handler.call(service, parsed.data);
    return { ok: true, value } as ApiResult<M>;
  } catch (err) {
    if (err instanceof ApiFailure) return { ok: false, error: { kind: err.kind, message: err.message } };
    return { ok: false, error: { kind: 'failed', message: err instanceof Error ? err.message : String(err) } };
  }
}
