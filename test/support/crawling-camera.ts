// An HTTP camera whose MPEG-TS stream starts at full speed and then crawls: the first `fastSeconds`
// of picture arrive at once, the rest a TS packet every 100 ms (a few per cent of real time), never
// silent long enough for a read timeout. A camera on a failing link, or a server that starves a client.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cached, ffmpeg, streetClip } from './media.ts';

export interface CrawlingCamera {
  url: string;
  stop(): Promise<void>;
}

const TS_PACKET = 188;

/** The byte offset of the first video packet `seconds` or more after the first one in an MPEG-TS file. */
function offsetAt(path: string, seconds: number): number {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time,pos', '-of', 'csv=p=0', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffprobe failed: ${r.stderr}`);
  let first: number | undefined;
  for (const line of r.stdout.split('\n')) {
    const [time, pos] = line.split(',').map(Number);
    if (!line.trim() || time === undefined || pos === undefined) continue;
    first ??= time;
    if (time - first >= seconds) return pos - (pos % TS_PACKET);
  }
  throw new Error(`no packet at ${seconds} s in ${path}`);
}

export async function startCrawlingCamera(fastSeconds: number): Promise<CrawlingCamera> {
  const ts = cached('street-384x288.ts', (tmp) => ffmpeg(['-i', streetClip(), '-t', '20', '-c', 'copy', '-f', 'mpegts', tmp]));
  const bytes = readFileSync(ts);
  const fast = offsetAt(ts, fastSeconds);
  const streams = new Set<{ res: ServerResponse; timer: NodeJS.Timeout }>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'video/mp2t' });
    res.write(bytes.subarray(0, fast));
    let at = fast;
    const stream = {
      res,
      timer: setInterval(() => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, at + TS_PACKET));
        at += TS_PACKET;
      }, 100),
    };
    streams.add(stream);
    res.on('close', () => {
      clearInterval(stream.timer);
      streams.delete(stream);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/live.ts`,
    async stop() {
      for (const s of streams) {
        clearInterval(s.timer);
        s.res.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
}
