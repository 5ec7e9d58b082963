// Network misbehaviour on 127.0.0.1: a server that accepts and never answers, and a closed port.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface Blackhole {
  port: number;
  stop(): Promise<void>;
}

/** Accepts TCP connections and never sends a byte (a camera whose stream process hangs). */
export async function startBlackhole(): Promise<Blackhole> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
