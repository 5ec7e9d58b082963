// Configuration layers of the engine: packaged defaults < saved settings < file, environment, flags.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/api/dispatch.ts';
import { Engine } from '../../main/core/api/engine.ts';
import { Logger } from '../../main/core/log/logger.ts';
import { fileKeyCodec } from '../../main/core/secrets/file-key-codec.ts';
import { ROOT } from '../support/engine-rig.ts';
import { tempDataDir } from '../support/worker-process.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dataDir: string, overrides: Parameters<typeof Engine.open>[0]['overrides'] = []): Engine {
  const r = Engine.open({
    dataDir,
    secrets: fileKeyCodec(join(dataDir, 'secret.key')),
    logger: new Logger(),
    version: 'test',
    defaults: { ffmpegPath: '/bundled/ffmpeg' },
    overrides,
    samplesDir: join(ROOT, 'resources', 'samples'),
  });
  if (!r.ok) throw new Error(r.message);
  return r.engine;
}

describe('Engine configuration', () => {
  it('lets saved settings beat packaged defaults, and flags beat saved settings', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    let engine = open(dir);
    expect(engine.config.ffmpegPath).toBe('/bundled/ffmpeg');
    engine.settings.update({ concurrency: 6, taskTimeoutS: 100 });
    await engine.stop(100);
    engine = open(dir, [{ source: 'command-line', config: { concurrency: 2 } }]);
    expect(engine.config.taskTimeoutS).toBe(100);
    expect(engine.config.concurrency).toBe(2);
    await engine.stop(100);
  });

  it('never takes an executable path through the API: ffmpegPath comes from a file, the environment or a flag', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    let engine = open(dir);
    const r = await dispatch(engine.service, 'updateSettings', { ffmpegPath: '/bin/sh', concurrency: 5 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/ffmpegPath/) });
    expect(engine.config.concurrency).not.toBe(5);
    await engine.stop(100);
    engine = open(dir, [{ source: 'config-file', config: { ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' } }]);
    expect(engine.config.ffmpegPath).toBe('/opt/ffmpeg/bin/ffmpeg');
    await engine.stop(100);
  });

  it('binds a saved password to its host: pointing the platform or the broker elsewhere forgets it', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const engine = open(dir);
    const s = engine.settings;
    s.update({ platformUrl: 'http://platform.example:8000', platformUsername: 'edge', platformPassword: 'platform-secret', brokerUrls: ['amqp://mq1.example:5672/', 'amqp://mq2.example/'], brokerPassword: 'broker-secret' });
    expect(s.view()).toMatchObject({ hasPlatformPassword: true, hasBrokerPassword: true });
    expect(s.asConfig().platformPassword).toBe('platform-secret');
    // Another vhost or path on the same hosts keeps it; the default port written out is the same host.
    s.update({ brokerUrls: ['amqp://mq1.example/site', 'amqp://MQ2.example:5672/site'], platformUrl: 'http://platform.example:8000/api' });
    expect(s.view()).toMatchObject({ hasPlatformPassword: true, hasBrokerPassword: true });
    expect(s.asConfig().brokers?.every((b) => b.includes(':broker-secret@'))).toBe(true);

    s.update({ platformUrl: 'http://127.0.0.1:18999' });
    expect(s.view().hasPlatformPassword).toBe(false);
    expect(s.asConfig().platformPassword).toBeUndefined();
    // Moving back does not bring it back: it was forgotten, not hidden.
    s.update({ platformUrl: 'http://platform.example:8000' });
    expect(s.view().hasPlatformPassword).toBe(false);

    s.update({ brokerUrls: ['amqp://mq1.example/', 'amqp://evil.example/'] });
    expect(s.view().hasBrokerPassword).toBe(false);
    expect(JSON.stringify(s.asConfig())).not.toContain('broker-secret');
    // A new password given with the new host is bound to it.
    s.update({ platformUrl: 'https://new.example', platformPassword: 'new-secret' });
    expect(s.asConfig().platformPassword).toBe('new-secret');
    await engine.stop(100);
  });

  it('reports the settings a layer above decides, with the value the worker runs with', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    let engine = open(dir);
    engine.settings.update({ concurrency: 6, taskTimeoutS: 600, probeLimit: 5 });
    await engine.stop(100);
    engine = open(dir, [
      { source: 'config-file', config: { concurrency: 4 } },
      { source: 'environment', config: { taskTimeoutS: 120 } },
      // An unset flag sets nothing.
      { source: 'command-line', config: { concurrency: 2, workerId: undefined } },
    ]);
    const view = await engine.service.getSettings({});
    expect(view.overriddenBy).toEqual({ concurrency: 'command-line', taskTimeoutS: 'environment' });
    expect(view).toMatchObject({ concurrency: 2, taskTimeoutS: 120, probeLimit: 5 });
    // Saving an overridden field keeps it for later, but the view still shows what the worker runs with.
    const saved = await engine.service.updateSettings({ concurrency: 7 });
    expect(saved).toMatchObject({ concurrency: 2, overriddenBy: { concurrency: 'command-line' } });
    expect(engine.settings.get().concurrency).toBe(7);
    await engine.stop(100);
  });

  it('shows brokers from a layer above as URLs and a user name, never the password', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const engine = open(dir, [{ source: 'environment', config: { brokers: ['amqp://edge%40site:s3cret@mq1:5672/es', 'amqps://mq2/es'] } }]);
    const view = await engine.service.getSettings({});
    expect(view.overriddenBy).toEqual({ brokerUrls: 'environment', brokerUsername: 'environment' });
    expect(view).toMatchObject({ brokerUrls: ['amqp://mq1:5672/es', 'amqps://mq2/es'], brokerUsername: 'edge@site' });
    expect(JSON.stringify(view)).not.toMatch(/s3cret/);
    await engine.stop(100);
  });

  it('reports a platform password from a layer above as set and decided there, without showing it', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const engine = open(dir, [{ source: 'environment', config: { platformUrl: 'http://platform.example:8000', platformPassword: 'pl4tform-secret' } }]);
    const view = await engine.service.getSettings({});
    expect(view.overriddenBy).toEqual({ platformUrl: 'environment', platformPassword: 'environment' });
    expect(view.hasPlatformPassword).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/pl4tform-secret/);
    await engine.stop(100);
  });

  it('refuses to open with an invalid override, naming it', () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const r = Engine.open({ dataDir: dir, secrets: fileKeyCodec(join(dir, 'k')), logger: new Logger(), version: 't', overrides: [{ source: 'command-line', config: { concurrency: 0 } }], samplesDir: dir });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/concurrency/) });
  });
});

describe('Engine retention', () => {
  it('prunes results older than the retention period on start', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const engine = open(dir, [{ source: 'config-file', config: { retentionDays: 1 } }]);
    const old = Date.now() - 3 * 86_400_000;
    const row = { camera_id: 1, camera_name: 'c', diagnosis_type: 'brightness', diagnosis_status: 'normal' as const, score: 100, threshold: 30, thresholds: {}, is_abnormal: false, processing_time: 1, error_message: null, suggestions: [], metrics: {}, image_timestamp: null };
    const message = (id: string) => ({ messageId: id, exchange: 'x', routingKey: 'r', body: '{}' });
    engine.store.completeRunNow({ runId: 'old', taskId: 1, status: 'done', envelope: {}, finishedAt: old, receivedAt: old }, [row], message('m-old'));
    engine.store.outbox.markSent(engine.store.outboxForRun('old')!.id, old);
    engine.store.completeRunNow({ runId: 'new', taskId: 2, status: 'done', envelope: {} }, [row], message('m-new'));
    await engine.prune();
    expect(engine.store.results.forRun('old')).toHaveLength(0);
    expect(engine.store.results.forRun('new')).toHaveLength(1);
    await engine.stop(100);
  });
});
