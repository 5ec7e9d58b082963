// Credentials must never leave the grab: not in failure messages, not in quoted ffmpeg output.

/** Replaces the user:password part of every URL in `text` (ffmpeg echoes the input URL in errors). */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]*@/gi, '$1***@');
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
