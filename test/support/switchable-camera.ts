// An HTTP snapshot camera whose picture a test switches: the OpenCV building photo (a healthy
// scene), or the same photo nearly black (a camera gone dark), as /snapshot.jpg.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cached, ffmpeg, SAMPLES } from './media.ts';

export type Picture = 'good' | 'dark';

export interface SwitchableCamera {
  url: string;
  show(picture: Picture): void;
  stop(): Promise<void>;
}

/** The building photo with its light almost gone, as a camera whose lamp or iris failed. */
function darkBuilding(): string {
  return cached('building-dark.jpg', (tmp) => ffmpeg(['-i', join(SAMPLES, 'building.jpg'), '-vf', 'eq=brightness=-0.85', '-q:v', '3', tmp]));
}

export async function startSwitchableCamera(initial: Picture = 'good'): Promise<SwitchableCamera> {
  const pictures: Record<Picture, Buffer> = { good: readFileSync(join(SAMPLES, 'building.jpg')), dark: readFileSync(darkBuilding()) };
  let current = initial;
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://camera').pathname !== '/snapshot.jpg') {
      res.writeHead(404).end();
      return;
    }
    const jpeg = pictures[current];
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/snapshot.jpg`,
    show: (picture) => {
      current = picture;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
