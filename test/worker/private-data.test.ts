// What the worker keeps on disk is its owner's alone, and holds no camera password in clear text.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactJson } from '../../main/core/secrets/redact-json.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { Cleanups, waitUntil } from '../support/fault-harness.ts';
import { platformTask } from '../support/platform-peer.ts';
import { workerRig } from '../support/worker-rig.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data kept on disk', () => {
  it('masks secret fields and URL credentials, keeping the shape', () => {
    const message = { task_id: 1, data: { cameras: [{ id: 1, username: 'admin', password: 'Secr3t!', stream_url: 'rtsp://admin:Secr3t!@10.0.0.5/live', extra: [{ token: 'tkn-123' }] }], note: 'see http://u:p@host/x' } };
    const out = redactJson(message);
    expect(JSON.stringify(out)).not.toMatch(/Secr3t|tkn-123|u:p@/);
    expect(out).toEqual({ task_id: 1, data: { cameras: [{ id: 1, username: 'admin', password: '***', stream_url: 'rtsp://***@10.0.0.5/live', extra: [{ token: '***' }] }], note: 'see http://***@host/x' } });
  });

  it('keeps the data folder 0700, its database and log 0600, and no inline camera password in the stored task', async () => {
    const r = await workerRig(cleanups, 0);
    const worker = await r.start();
    const createdAt = new Date().toISOString();
    const password = 'Inline-Pa55word';
    await r.peer.publishTask(platformTask(7300, [{ id: 7300, name: 'cam', stream_url: r.camera.url('cam'), password, username: 'admin' }], ['brightness'], createdAt));
    await waitUntil(() => r.peer.results.some((x) => x.body.task_id === 7300), 30_000, 'the result');
    await worker.stop();

    expect(mode(r.dataDir)).toBe(0o700);
    for (const f of ['edge.db', 'secret.key', join('logs', 'edge.log')]) if (existsSync(join(r.dataDir, f))) expect(mode(join(r.dataDir, f)), f).toBe(0o600);
    expect(mode(join(r.dataDir, 'logs'))).toBe(0o700);
    const db = openSqlite(join(r.dataDir, 'edge.db'), 1000);
    try {
      const rows = db.prepare('SELECT envelope FROM runs').all() as Array<{ envelope: string }>;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.envelope).toContain('"password":"***"');
      expect(rows[0]!.envelope).not.toContain(password);
    } finally {
      db.close();
    }
    expect(readFileSync(join(r.dataDir, 'logs', 'edge.log'), 'utf8')).not.toContain(password);
  });
});
