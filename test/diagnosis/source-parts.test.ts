// The pure pieces of the frame source: option detection per ffmpeg version, redaction, source parsing.
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg, rtspSocketTimeoutOption, showinfoChecksumOption } from '../../main/core/diagnosis/source/ffmpeg-binary.ts';
import { buildGrabArgs } from '../../main/core/diagnosis/source/grab-args.ts';
import { parseGrabOptions } from '../../main/core/diagnosis/source/grab-request.ts';
import { redact } from '../../main/core/diagnosis/source/redact.ts';
import { parseSource } from '../../main/core/diagnosis/source/source-url.ts';

describe('ffmpeg capabilities', () => {
  it('uses -stimeout on the bundled ffmpeg 4 and never its listen-mode -timeout', async () => {
    const resolved = await resolveFfmpeg();
    expect(resolved.ok && resolved.binary.rtspSocketTimeout).toBe('stimeout');
    // The bundled static build crashes in getaddrinfo, so it is handed IP addresses.
    expect(resolved.ok && resolved.binary.resolvesHostNames).toBe(false);
  });

  it('reads the option name from the help of both generations', () => {
    const v4 = '  -timeout           <int>        .D....... set maximum timeout (in seconds) to wait for incoming connections (-1 is infinite, imply flag listen)\n  -stimeout          <int>        .D....... set timeout (in microseconds) of socket TCP I/O operations';
    const v5 = '  -listen_timeout    <int>        .D....... set maximum timeout (in seconds) to wait for incoming connections (-1 is infinite, imply flag listen)\n  -timeout           <int64>      .D....... set timeout (in microseconds) of socket I/O operations';
    const listenOnly = '  -timeout           <int>        .D....... set maximum timeout (in seconds) to wait for incoming connections (-1 is infinite, imply flag listen)';
    expect(rtspSocketTimeoutOption(v4)).toBe('stimeout');
    expect(rtspSocketTimeoutOption(v5)).toBe('timeout');
    expect(rtspSocketTimeoutOption(listenOnly)).toBeNull();
  });

  it('has showinfo skip its checksums where the binary offers the switch, and only there', async () => {
    for (const path of [undefined, '/usr/bin/ffmpeg']) {
      const resolved = await resolveFfmpeg(path);
      expect(resolved.ok && resolved.binary.showinfoSkipsChecksums).toBe(true);
    }
    const older = 'showinfo AVOptions:\n';
    expect(showinfoChecksumOption(older)).toBe(false);
    const source = parseSource({ source: 'rtsp://10.0.0.5/live' });
    const options = parseGrabOptions({ mode: 'window' });
    if ('message' in source || 'message' in options) throw new Error('bad fixture');
    const graph = (showinfoSkipsChecksums: boolean) => {
      const binary = { path: 'ffmpeg', rtspSocketTimeout: 'stimeout' as const, resolvesHostNames: true, showinfoSkipsChecksums };
      const { args } = buildGrabArgs({ source, options, binary, snapshot: false, thumbnail: false });
      return args[args.indexOf('-filter_complex') + 1]!;
    };
    expect(graph(true).match(/showinfo[^,;[]*/g)).toEqual(['showinfo=checksum=0', 'showinfo@colour=checksum=0']);
    expect(graph(false).match(/showinfo[^,;[]*/g)).toEqual(['showinfo', 'showinfo@colour']);
  });
});

describe('credentials', () => {
  it('are injected percent-encoded for ffmpeg and absent from what may be shown', () => {
    const parsed = parseSource({ source: 'rtsp://10.0.0.5:554/Streaming/101', username: 'admin', password: 'p@ss:w/rd' });
    if ('message' in parsed) throw new Error(parsed.message);
    expect(parsed.input).toBe('rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.5:554/Streaming/101');
    expect(parsed.display).toBe('rtsp://***@10.0.0.5:554/Streaming/101');
    expect(redact(`Connection to ${parsed.input} failed, p@ss:w/rd`, parsed.secrets)).not.toMatch(/p@ss|p%40ss|admin/);
  });

  it('are hidden in every URL of a text, and a long word is no work (it once took quadratic time)', () => {
    expect(redact('see http://u:p@host/x and amqp://guest:guest@127.0.0.1:5672/ or url=rtsp://a:b@c')).toBe('see http://***@host/x and amqp://***@127.0.0.1:5672/ or url=rtsp://***@c');
    // 300 KB of letters: the quadratic scan needed minutes for this, so the test would time out.
    const word = 'x'.repeat(300_000);
    expect(redact(`${word} rtsp://a:b@c`)).toBe(`${word} rtsp://***@c`);
  });
});
