import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SecretCodec } from '../../main/core/store/cameras.ts';
import { aesCodec, openTestStore, useTestStore } from './store-fixtures.ts';

let codec: SecretCodec;
let encrypted: string[];
beforeEach(() => {
  const aes = aesCodec();
  encrypted = [];
  codec = {
    encrypt: (clear) => {
      encrypted.push(clear);
      return aes.encrypt(clear);
    },
    decrypt: (sealed) => aes.decrypt(sealed),
  };
});
const t = useTestStore(() => ({ secrets: codec }));

/** Every byte SQLite wrote for this database: the main file, the -wal and the -shm. */
function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(t.dir).filter((f) => f.startsWith('edge.db')).map((f) => readFileSync(join(t.dir, f))));
}

describe('cameras', () => {
  const PASSWORD = 'S3cret-Pa55word!';
  const URL_PASSWORD = 'url-only-p@ss';

  it('stores passwords only through the supplied encrypt function', () => {
    const saved = t.store.cameras.upsert({
      id: 101,
      code: 'CAM-101',
      name: 'Gate',
      streamUrl: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
      username: 'admin',
      password: PASSWORD,
      extra: { vendor: 'hik' },
      source: 'platform',
    });
    expect(saved).toMatchObject({ ok: true, camera: { id: 101, username: 'admin', hasPassword: true, extra: { vendor: 'hik' } } });
    expect(encrypted).toEqual([PASSWORD]);
    expect(t.store.cameras.credentials(101)).toEqual({ ok: true, username: 'admin', password: PASSWORD });

    // Credentials inside a URL are moved out of it and encrypted too.
    const fromUrl = t.store.cameras.upsert({
      id: 'local-1',
      name: 'Yard',
      streamUrl: `rtsp://viewer:${encodeURIComponent(URL_PASSWORD)}@192.0.2.11:554/live`,
      backupStreamUrl: `rtsp://viewer:${encodeURIComponent(URL_PASSWORD)}@192.0.2.12:554/live`,
      source: 'local',
    });
    expect(fromUrl).toMatchObject({ ok: true, camera: { streamUrl: 'rtsp://192.0.2.11:554/live', backupStreamUrl: 'rtsp://192.0.2.12:554/live', username: 'viewer' } });
    expect(t.store.cameras.credentials('local-1')).toEqual({ ok: true, username: 'viewer', password: URL_PASSWORD });

    // While open (rows still in the -wal) and after the checkpoint on close.
    for (const moment of ['open', 'closed']) {
      if (moment === 'closed') t.store.close();
      const bytes = databaseBytes();
      expect(bytes.includes(Buffer.from('CAM-101'))).toBe(true);
      for (const secret of [PASSWORD, URL_PASSWORD, encodeURIComponent(URL_PASSWORD)]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
      }
    }
  });

  it('keeps, replaces or removes the password on update', () => {
    t.store.cameras.upsert({ id: 1, name: 'A', streamUrl: 'rtsp://h/1', username: 'u', password: 'one', source: 'import' });
    t.store.cameras.upsert({ id: 1, name: 'A renamed', streamUrl: 'rtsp://h/1', username: 'u', source: 'import' });
    expect(t.store.cameras.credentials(1)).toEqual({ ok: true, username: 'u', password: 'one' });
    expect(t.store.cameras.get(1)?.name).toBe('A renamed');
    t.store.cameras.upsert({ id: 1, name: 'A', streamUrl: 'rtsp://h/1', username: 'u', password: 'two', source: 'import' });
    expect(t.store.cameras.credentials(1)).toMatchObject({ password: 'two' });
    t.store.cameras.upsert({ id: 1, name: 'A', streamUrl: 'rtsp://h/1', username: 'u', password: null, source: 'import' });
    expect(t.store.cameras.credentials(1)).toMatchObject({ password: null });
    expect(t.store.cameras.get(1)?.hasPassword).toBe(false);
  });

  it('reports a password that cannot be decrypted any more, and unknown cameras, as values', () => {
    t.store.cameras.upsert({ id: 7, name: 'B', streamUrl: 'rtsp://h/7', password: 'pw', source: 'local' });
    t.store.close();
    t.store = openTestStore(t.path, { secrets: aesCodec() }); // another key: the OS keyring changed
    expect(t.store.cameras.credentials(7)).toMatchObject({ ok: false, kind: 'secret_unavailable', message: expect.stringContaining('Enter the password again') });
    expect(t.store.cameras.credentials(8)).toMatchObject({ ok: false, kind: 'not_found' });
  });

  it('keeps integer and text ids apart and lists cameras by name', () => {
    t.store.cameras.upsert({ id: 2, name: 'b', streamUrl: 'rtsp://h/2', source: 'platform' });
    t.store.cameras.upsert({ id: '2', name: 'a', streamUrl: 'rtsp://h/2b', source: 'local' });
    expect(t.store.cameras.list().map((c) => [c.id, c.name])).toEqual([
      ['2', 'a'],
      [2, 'b'],
    ]);
    expect(t.store.cameras.remove(2)).toBe(true);
    expect(t.store.cameras.get('2')?.streamUrl).toBe('rtsp://h/2b');
  });
});

describe('settings', () => {
  const concurrency = z.number().int().min(1).max(32);

  it('round-trips through the caller schema and refuses what does not fit', () => {
    expect(t.store.settings.get('worker.concurrency', concurrency)).toEqual({ ok: true, value: undefined });
    expect(t.store.settings.set('worker.concurrency', concurrency, 4)).toEqual({ ok: true });
    expect(t.store.settings.get('worker.concurrency', concurrency)).toEqual({ ok: true, value: 4 });
    expect(t.store.settings.set('worker.concurrency', concurrency, 99)).toMatchObject({ ok: false, kind: 'invalid_input' });
    expect(t.store.settings.get('worker.concurrency', concurrency)).toEqual({ ok: true, value: 4 });
    // A newer build may read an older value with a stricter schema.
    expect(t.store.settings.get('worker.concurrency', z.string())).toMatchObject({ ok: false, kind: 'invalid_setting' });
    expect(t.store.settings.remove('worker.concurrency')).toBe(true);
  });
});

describe('events and reference frames', () => {
  it('lists events newest first, by level and kind, by keyset', () => {
    for (let i = 0; i < 5; i++) t.store.events.add({ level: i % 2 === 0 ? 'info' : 'error', kind: i < 3 ? 'broker' : 'store', message: `e${i}`, data: { i }, time: i });
    expect(t.store.events.recent().map((e) => e.message)).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
    expect(t.store.events.recent({ minLevel: 'warn' }).map((e) => e.message)).toEqual(['e3', 'e1']);
    const [first] = t.store.events.recent({ kind: 'broker', limit: 1 });
    expect(first).toMatchObject({ message: 'e2', data: { i: 2 }, level: 'info' });
    expect(t.store.events.recent({ kind: 'broker', before: first?.id ?? 0 }).map((e) => e.message)).toEqual(['e1', 'e0']);
  });

  it('keeps one reference frame per camera and refuses a frame of the wrong size', () => {
    const rgb = new Uint8Array(4 * 2 * 3).map((_, i) => i);
    expect(t.store.references.save(5, { width: 4, height: 2, rgb, capturedAt: 10 })).toEqual({ ok: true });
    expect(t.store.references.save(5, { width: 4, height: 3, rgb, capturedAt: 11 })).toMatchObject({ ok: false, kind: 'invalid_input' });
    const loaded = t.store.references.load(5);
    expect(loaded).toMatchObject({ width: 4, height: 2, capturedAt: 10 });
    expect([...(loaded?.rgb ?? [])]).toEqual([...rgb]);
    expect(t.store.references.load(6)).toBeNull();
  });
});
