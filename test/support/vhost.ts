// Each broker test gets its own RabbitMQ virtual host, so the platform's exact queue names can be
// used (interop) without tests seeing each other's messages.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestVhost {
  name: string;
  url: string;
  /** The same vhost through another host:port (a TCP proxy). */
  urlVia(port: number): string;
  remove(): Promise<void>;
}

export async function createVhost(): Promise<TestVhost> {
  const name = `edge-test-${randomBytes(4).toString('hex')}`;
  await run('rabbitmqctl', ['-q', 'add_vhost', name]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
  const path = encodeURIComponent(name);
  return {
    name,
    url: `amqp://guest:guest@127.0.0.1:5672/${path}`,
    urlVia: (port) => `amqp://guest:guest@127.0.0.1:${port}/${path}`,
    remove: async () => {
      await run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => undefined);
    },
  };
}
