// Resolves a camera's host name before ffmpeg runs: a failed lookup becomes a clear 'unreachable', and
// builds that cannot resolve names themselves get the address instead (see FfmpegBinary).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { sourceFailure, type SourceFailure } from './failure.ts';
import type { ParsedSource } from './source-url.ts';

type NetworkSource = Extract<ParsedSource, { kind: 'network' }>;

export async function resolveHost(source: NetworkSource, substitute: boolean, timeoutMs: number): Promise<NetworkSource | SourceFailure> {
  const url = new URL(source.input);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return source;

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<SourceFailure>((done) => {
    timer = setTimeout(() => done(sourceFailure('timeout', `Looking up the host name ${host} took longer than ${timeoutMs} ms (check the DNS server).`)), timeoutMs);
  });
  const looked = lookup(host).then(
    (found) => found,
    (error: NodeJS.ErrnoException) =>
      sourceFailure('unreachable', `The host name ${host} of ${source.display} could not be resolved (${error.code ?? error.message}); check the address and the DNS settings.`),
  );
  const result = await Promise.race([looked, timedOut]);
  clearTimeout(timer);
  if ('message' in result) return result;
  if (!substitute) return source;
  url.hostname = result.family === 6 ? `[${result.address}]` : result.address;
  return { ...source, input: url.href };
}
