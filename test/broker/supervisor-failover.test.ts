// Failover over a list of broker URLs (a cluster): one retry per failure, every URL before the backoff
// grows, a random first URL, and the broker's own reason in the log of a lost session.
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerSupervisor, type BrokerSession } from '../../main/core/broker/supervisor.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function proxies(n: number): Promise<TcpProxy[]> {
  const out: TcpProxy[] = [];
  for (let i = 0; i < n; i++) {
    const p = await startTcpProxy();
    cleanups.push(() => p.close());
    out.push(p);
  }
  return out;
}

function supervisor(urls: string[], onSession: (s: BrokerSession) => Promise<void>, random?: () => number): BrokerSupervisor {
  const sup = new BrokerSupervisor({ urls, heartbeatS: 10, backoff: { initialMs: 40, maxMs: 2000 }, onSession, ...(random ? { random } : {}) });
  cleanups.push(() => sup.stop());
  return sup;
}

/** The delays the supervisor announced, in order ("...; retrying in N ms"). */
function retryDelays(sup: BrokerSupervisor): number[] {
  const delays: number[] = [];
  sup.on('state', (state, detail) => {
    const m = /retrying in (\d+) ms$/.exec(detail);
    if (state === 'reconnecting' && m) delays.push(Number(m[1]));
  });
  return delays;
}

describe('BrokerSupervisor failover', () => {
  it('retries a failed session set-up once, visiting every URL before the backoff grows', async () => {
    const ps = await proxies(3);
    const visited: string[] = [];
    const sup = supervisor(
      ps.map((p) => p.url()),
      async (s) => {
        visited.push(s.url);
        throw new Error('set-up refused');
      },
      () => 0,
    );
    const delays = retryDelays(sup);
    sup.start();
    await expect.poll(() => visited.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await sup.stop();
    // One announced retry per failed set-up, not two.
    expect(delays.length).toBeLessThanOrEqual(visited.length);
    expect(visited.slice(0, 6)).toEqual([...ps, ...ps].map((p) => expect.stringContaining(`:${p.port}/`)));
    // Jitter pinned at 0: half the ceiling. Round one at 40 ms, round two at 80 ms.
    expect(delays.slice(0, 6)).toEqual([20, 20, 20, 40, 40, 40]);
  });

  it('tries every URL of the list before growing the backoff when nodes refuse connections', async () => {
    const urls = ['amqp://guest:guest@127.0.0.1:1/', 'amqp://guest:guest@127.0.0.1:2/', 'amqp://guest:guest@127.0.0.1:3/'];
    const sup = supervisor(urls, async () => undefined, () => 0);
    const details: string[] = [];
    sup.on('state', (_s, d) => details.push(d));
    const delays = retryDelays(sup);
    sup.start();
    await expect.poll(() => delays.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await sup.stop();
    expect(delays.slice(0, 6)).toEqual([20, 20, 20, 40, 40, 40]);
    for (const port of [1, 2, 3]) expect(details.join('\n')).toContain(`127.0.0.1:${port}/`);
  });

  it('starts at a random URL of the list, so a fleet spreads over the nodes', async () => {
    const ps = await proxies(3);
    const firstUrl = async (random: () => number): Promise<string> => {
      const sup = supervisor(ps.map((p) => p.url()), async () => undefined, random);
      const session = new Promise<BrokerSession>((resolve) => sup.once('session', resolve));
      sup.start();
      const s = await session;
      await sup.stop();
      return s.url;
    };
    expect(await firstUrl(() => 0)).toContain(`:${ps[0]!.port}/`);
    expect(await firstUrl(() => 0.5)).toContain(`:${ps[1]!.port}/`);
    expect(await firstUrl(() => 0.99)).toContain(`:${ps[2]!.port}/`);
  });

  it("names the broker's reason when a channel error ends the session", async () => {
    const [p] = await proxies(1);
    let tries = 0;
    const sup = supervisor([p!.url()], async (s) => {
      if (tries++ > 0) return;
      await s.consumer.consume(`no-such-queue-${Date.now()}`, () => undefined);
    });
    const lost = new Promise<string>((resolve) => sup.once('session-lost', (_s, reason) => resolve(reason)));
    const session = new Promise<BrokerSession>((resolve) => sup.once('session', resolve));
    sup.start();
    expect(await lost).toMatch(/NOT_FOUND - no queue 'no-such-queue-/);
    await session;
  });
});
