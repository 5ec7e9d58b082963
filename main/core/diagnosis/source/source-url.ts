// Turns the camera address we were given into the exact input string ffmpeg may open, or a failure.
// ffmpeg treats any `name:` prefix (and `subfile,`) as a protocol (concat:, pipe:, data:, subfile...),
// some of which read arbitrary local files or descriptors, so only an allow-list gets through and
// local paths are always handed over as `file:<absolute path>`.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactUrls } from './redact.ts';
import { sourceFailure, type SourceFailure } from './failure.ts';

export type NetworkScheme = 'rtsp' | 'rtsps' | 'http' | 'https';

export type ParsedSource =
  | {
      kind: 'network';
      scheme: NetworkScheme;
      /** The URL ffmpeg opens, credentials included. Never log it. */
      input: string;
      /** The URL without credentials, for messages. */
      display: string;
      /** Credentials to scrub from anything we quote. */
      secrets: string[];
    }
  | { kind: 'file'; path: string; input: string; display: string; secrets: string[] };

/** An RTSP camera (plain or over TLS): its sessions, probing and timestamps differ from HTTP's and files'. */
export function isRtsp(source: ParsedSource): boolean {
  return source.kind === 'network' && (source.scheme === 'rtsp' || source.scheme === 'rtsps');
}

export interface SourceInput {
  source: string;
  username?: string;
  password?: string;
  allowFiles?: boolean;
}

const NETWORK_SCHEMES: readonly string[] = ['rtsp', 'rtsps', 'http', 'https'];
// A one-letter "scheme" is a Windows drive (C:\cams\a.mp4), not a protocol.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
// ffmpeg's subfile protocol is spelled with a comma: subfile,,start,0,end,0,,:/etc/passwd
const COMMA_PROTOCOL = /^[a-z][a-z0-9+.-]*,/i;
// Control characters could end an RTSP/HTTP request line and inject headers.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function parseSource(input: SourceInput): ParsedSource | SourceFailure {
  const source = input.source.trim();
  const allowFiles = input.allowFiles ?? true;
  if (!source) return sourceFailure('invalid_source', 'The camera address is empty.');
  if (hasControlCharacter(source)) {
    return sourceFailure('invalid_source', 'The camera address contains control characters (line breaks, tabs or NUL).');
  }

  const scheme = SCHEME.exec(source)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    if (!allowFiles) return filesRefused(source);
    let path: string;
    try {
      path = fileURLToPath(source);
    } catch {
      return sourceFailure('invalid_source', `"${redactUrls(source)}" is not a valid file:// URL (use file:///absolute/path).`);
    }
    return fileSource(path);
  }
  if (scheme !== undefined) {
    if (!NETWORK_SCHEMES.includes(scheme)) return unsupported(`${scheme}:`);
    return networkSource(source, scheme as NetworkScheme, input);
  }
  if (COMMA_PROTOCOL.test(source) && source.includes(':')) return unsupported(source.slice(0, source.indexOf(',') + 1));
  if (!allowFiles) return filesRefused(source);
  return fileSource(resolve(source));
}

function networkSource(source: string, scheme: NetworkScheme, input: SourceInput): ParsedSource | SourceFailure {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return sourceFailure('invalid_source', `"${redactUrls(source)}" is not a valid ${scheme}:// URL.`);
  }
  if (!url.hostname) return sourceFailure('invalid_source', `"${redactUrls(source)}" has no host name.`);
  // The URL setters percent-encode, so a password with '@' or ':' cannot break the authority.
  if (input.username !== undefined) url.username = input.username;
  if (input.password !== undefined) url.password = input.password;
  const secrets = [decodeURIComponent(url.username), decodeURIComponent(url.password)].filter((s) => s.length > 0);
  const display = new URL(url.href);
  if (display.username || display.password) {
    display.username = '***';
    display.password = '';
  }
  return { kind: 'network', scheme, input: url.href, display: display.href, secrets };
}

function fileSource(path: string): ParsedSource {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return { kind: 'file', path: absolute, input: `file:${absolute}`, display: absolute, secrets: [] };
}

function unsupported(prefix: string): SourceFailure {
  return sourceFailure(
    'unsupported_protocol',
    `The protocol "${prefix}" is not supported; use rtsp://, rtsps://, http://, https:// or a local file.`,
  );
}

function filesRefused(source: string): SourceFailure {
  return sourceFailure(
    'unsupported_protocol',
    `"${redactUrls(source)}" is a local file, but only network cameras (rtsp://, rtsps://, http://, https://) are accepted here.`,
  );
}
