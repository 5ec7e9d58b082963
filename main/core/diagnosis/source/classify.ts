// Names the reason ffmpeg gave no frame, from its stderr, in words an installer can act on.
import { redact } from './redact.ts';
import { sourceFailure, type FailureKind, type SourceFailure } from './failure.ts';

interface Rule {
  kind: FailureKind;
  pattern: RegExp;
  explain: string;
}

// Order matters: an RTSP 404 also prints "Server returned 404", a refused HLS segment also prints
// "Invalid data", so the most specific cause comes first.
const RULES: readonly Rule[] = [
  { kind: 'auth_failed', pattern: /401 Unauthorized|403 Forbidden|authorization failed|access denied/i, explain: 'rejected the credentials (check user name and password)' },
  { kind: 'not_found', pattern: /404 Not Found|DESCRIBE failed: 404|No such file or directory/i, explain: 'has no stream at this path (check the stream path or channel)' },
  { kind: 'refused', pattern: /Connection refused/i, explain: 'refused the connection (wrong port, or the streaming service is off)' },
  { kind: 'unreachable', pattern: /Name or service not known|Failed to resolve hostname|Temporary failure in name resolution|No address associated|No route to host|Network is unreachable|Host is unreachable/i, explain: 'cannot be reached (check the address and the network path)' },
  { kind: 'timeout', pattern: /timed out|Operation not permitted while connecting/i, explain: 'did not answer in time' },
  { kind: 'unsupported_protocol', pattern: /Protocol not found|not on whitelist|Protocol not supported|blocked for security reasons/i, explain: 'uses a protocol that is not allowed' },
  { kind: 'no_video', pattern: /matches no streams|does not contain any stream|Output file is empty/i, explain: 'sends no video track' },
  { kind: 'too_large', pattern: /Picture size \d+x\d+ is invalid|max_pixels|Invalid image size|exceeds/i, explain: 'sends pictures too large to analyse' },
  { kind: 'decode_error', pattern: /Invalid data found|moov atom not found|could not find codec parameters|Could not find codec|error while decoding|Invalid NAL|corrupt|End of file|Error opening filters|Server returned 5\d\d/i, explain: 'sent data that could not be decoded into a picture' },
];

/** Picks the failure from ffmpeg's last stderr lines; `display` is the redacted source for the message. */
export function classifyFfmpegFailure(lines: readonly string[], display: string, secrets: readonly string[]): SourceFailure {
  for (const rule of RULES) {
    const line = lines.find((l) => rule.pattern.test(l));
    if (line) return sourceFailure(rule.kind, `The source ${display} ${rule.explain}. ffmpeg: ${quote(line, secrets)}`);
  }
  const last = lines.at(-1);
  return sourceFailure(
    'decode_error',
    `No picture could be decoded from ${display}.${last ? ` ffmpeg: ${quote(last, secrets)}` : ''}`,
  );
}

function quote(line: string, secrets: readonly string[]): string {
  // Drop ffmpeg's "[h264 @ 0x55d0c0]" context pointer: it helps nobody.
  return `"${redact(line.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/i, '').trim(), secrets).slice(0, 300)}"`;
}
