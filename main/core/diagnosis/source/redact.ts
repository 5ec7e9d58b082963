// Credentials must never leave the grab: not in failure messages, not in quoted ffmpeg output.

/**
 * A URL's scheme and credentials. The scheme starts where no scheme character stands before it:
 * without that anchor every letter of a long word was tried as a scheme start (quadratic, 30 ms
 * for one 4 KB log line).
 */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]*@/gi;

/** Replaces the user:password part of every URL in `text` (ffmpeg echoes the input URL in errors). */
export function redactUrls(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@');
}

/** Redacts URLs and every occurrence of the given secrets, also percent-encoded. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = redactUrls(text);
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
