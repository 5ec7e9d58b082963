// Task messages may carry camera credentials inline (data.cameras[].password, user:pass@ in a
// stream URL). What is stored or written for later reading keeps the shape and drops the secrets.
import { redactUrls } from '../diagnosis/source/redact.ts';

const SECRET_KEY = /^(password|passwd|pwd|pass|secret|token|access_token|api_key|apikey)$/i;

/** A copy of a parsed JSON value with secret-named fields masked and URL credentials hidden. */
export function redactJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrls(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && typeof v === 'string' && v !== '' ? '***' : redactJson(v, depth + 1);
  }
  return out;
}
