// An HTTP camera on 127.0.0.1: JPEG snapshot, MJPEG stream, HLS, a Basic-auth path, and 404s.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLES, hlsDir, mjpegFrames } from './media.ts';

export interface HttpCamera {
  url(path: string): string;
  stop(): Promise<void>;
}

/** Paths: /snapshot.jpg, /mjpeg, /hls/index.m3u8, /evil.m3u8, /private.jpg (user:pass required), else 404. */
export async function startHttpCamera(user: string, password: string): Promise<HttpCamera> {
  const jpeg = readFileSync(join(SAMPLES, 'building.jpg'));
  const frames = mjpegFrames();
  const hls = hlsDir();
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://camera').pathname;
    if (path === '/snapshot.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
    } else if (path === '/private.jpg') {
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="camera"' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
    } else if (path === '/mjpeg') {
      // A live multipart stream at 5 fps, like a camera's /video.cgi.
      res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=frame' });
      streams.add(res);
      let i = 0;
      const timer = setInterval(() => {
        const frame = frames[i++ % frames.length]!;
        res.write(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${frame.length}\r\n\r\n`);
        res.write(frame);
        res.write('\r\n');
      }, 200);
      res.on('close', () => {
        clearInterval(timer);
        streams.delete(res);
      });
    } else if (path === '/evil.m3u8') {
      // A hostile playlist whose "segment" is a local file of the probing machine.
      res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
      res.end('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nfile:///etc/passwd.ts\n#EXT-X-ENDLIST\n');
    } else if (/^\/hls\/(index\.m3u8|seg\d{3}\.ts)$/.test(path)) {
      const file = path.slice('/hls/'.length);
      const type = file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(join(hls, file)));
    } else {
      res.writeHead(404).end('not found');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    async stop() {
      for (const res of streams) res.destroy();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
