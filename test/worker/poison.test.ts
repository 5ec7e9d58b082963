// A corpus of bad task messages against the real worker: every one must end parked (with a reason)
// or answered (an error result), nothing may loop, nothing may run a shell, and a good task sent
// after them must still be served.
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, sleep, waitForSettled, waitUntil } from '../support/fault-harness.ts';
import { PlatformPeer, platformTask, type PeerResult } from '../support/platform-peer.ts';
import { startSlowCamera } from '../support/slow-camera.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

interface Bad {
  name: string;
  body: Buffer;
  /** The task_id the worker can read from it, when it has one: its error result carries it. */
  taskId?: number | string;
  /** Odd but legal: must be served with a successful result (it once crashed the handler). */
  legal?: true;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const CREATED = '2025-08-13T08:00:00+00:00';

/** A well-formed envelope with `data` fields overridden (the bad part is in the data). */
function task(taskId: number | string, data: Record<string, unknown>, outer: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    task_id: taskId,
    task_type: 'diagnosis',
    created_at: CREATED,
    priority: 5,
    data: { task_id: taskId, task_type: 'diagnosis', camera_ids: [], diagnosis_types: ['brightness'], diagnosis_config: {}, threshold_config: {}, ...data },
    ...outer,
  };
}

function withCamera(taskId: number, streamUrl: string, extra: Record<string, unknown> = {}): Bad['body'] {
  return json(task(taskId, { camera_ids: [1], cameras: [{ id: 1, name: `cam-${taskId}`, stream_url: streamUrl, ...extra }] }));
}

function corpus(pwned: string, goodCamera: string): Bad[] {
  const deepArrays = '['.repeat(10_000) + ']'.repeat(10_000);
  const deepObjects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
  const hugeIds = Array.from({ length: 10_000 }, (_, i) => 700_000 + i);
  const bads: Bad[] = [
    // Not JSON at all.
    { name: 'truncated JSON', body: Buffer.from('{"task_id": 8001, "data": {') },
    { name: 'plain text', body: Buffer.from('hello, this is not a task') },
    { name: 'empty body', body: Buffer.alloc(0) },
    { name: 'random binary', body: randomBytes(4096) },
    { name: 'non-UTF8 truncated', body: Buffer.concat([Buffer.from('{"task_id": 8004, "x": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"')]) },
    {
      name: 'non-UTF8 inside a valid task',
      body: Buffer.concat([Buffer.from(`{"task_id":8005,"created_at":"${CREATED}","data":{"camera_ids":[1],"diagnosis_types":["brightness"],"cameras":[{"id":1,"name":"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('","stream_url":"rtsp://127.0.0.1:9/'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}]}}')]),
      taskId: 8005,
    },
    { name: 'UTF-8 BOM before JSON', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(task(8006, { camera_ids: [8006] }))]) },
    { name: '10 MB body', body: Buffer.concat([Buffer.from('{"task_id": 8007, "pad": "'), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from('"}')]) },
    // JSON, but not an object.
    { name: 'null', body: Buffer.from('null') },
    { name: 'array', body: Buffer.from('[{"task_id": 8009}]') },
    { name: 'number', body: Buffer.from('8010') },
    { name: 'string', body: Buffer.from('"task 8011"') },
    { name: 'boolean', body: Buffer.from('true') },
    { name: '10k nested arrays', body: Buffer.from(deepArrays) },
    { name: '10k nested objects', body: Buffer.from(deepObjects) },
    // Objects with missing or mistyped fields.
    { name: 'empty object', body: Buffer.from('{}') },
    { name: 'task_id null', body: json({ task_id: null, data: {} }) },
    { name: 'task_id object', body: json({ task_id: { id: 8017 }, data: {} }) },
    { name: 'task_id fraction', body: json({ task_id: 8018.5, data: {} }) },
    { name: 'task_id empty string', body: json({ task_id: '', data: {} }) },
    { name: 'data null', body: json({ task_id: 8020, created_at: CREATED, data: null }), taskId: 8020 },
    { name: 'data is a string', body: json({ task_id: 8021, created_at: CREATED, data: 'camera 1' }), taskId: 8021 },
    { name: 'data is an array', body: json({ task_id: 8022, created_at: CREATED, data: [1, 2] }), taskId: 8022 },
    { name: 'data is a number', body: json({ task_id: 8023, created_at: CREATED, data: 7 }), taskId: 8023 },
    { name: 'camera_ids a string', body: json(task(8024, { camera_ids: '1,2' })), taskId: 8024 },
    { name: 'camera_ids with null', body: json(task(8025, { camera_ids: [null] })), taskId: 8025 },
    { name: 'diagnosis_types a string', body: json(task(8026, { camera_ids: [1], diagnosis_types: 'brightness' })), taskId: 8026 },
    { name: 'priority out of range', body: json(task(8027, { camera_ids: [1] }, { priority: 1000 })), taskId: 8027 },
    { name: 'created_at 10k chars', body: json(task(8028, { camera_ids: [1] }, { created_at: 'x'.repeat(10_000) })), taskId: 8028 },
    { name: 'camera list over the limit', body: json(task(8029, { camera_ids: Array.from({ length: 10_001 }, (_, i) => i) })), taskId: 8029 },
    { name: 'deep nesting inside diagnosis_config', body: Buffer.from(`{"task_id":8030,"created_at":"${CREATED}","data":{"camera_ids":[8030],"diagnosis_types":["brightness"],"diagnosis_config":{"brightness":${deepArrays}}}}`), taskId: 8030 },
    // Well-formed, but nothing in it can run.
    { name: 'unknown diagnosis types', body: json(task(8031, { camera_ids: [8031], diagnosis_types: ['telepathy', '__proto__', 'constructor'] })), taskId: 8031 },
    { name: 'unknown camera', body: json(task(8032, { camera_ids: [987_654] })), taskId: 8032 },
    { name: '10k unknown cameras', body: json(task(8033, { camera_ids: hugeIds })), taskId: 8033 },
    { name: 'prototype keys', body: Buffer.from(`{"task_id":8034,"created_at":"${CREATED}","__proto__":{"polluted":1},"data":{"camera_ids":[8034],"__proto__":{"x":1},"threshold_config":{"__proto__":{"clarity_min":1}},"diagnosis_types":["brightness"]}}`), taskId: 8034 },
    // Stored, both would become U+FFFD: one task acked with the other's result.
    { name: 'lone high surrogate task_id', body: Buffer.from(`{"task_id":"\\ud800","created_at":"${CREATED}","data":{"camera_ids":[8037],"diagnosis_types":["brightness"]}}`) },
    { name: 'lone low surrogate task_id', body: Buffer.from(`{"task_id":"\\udfff","created_at":"${CREATED}","data":{"camera_ids":[8037],"diagnosis_types":["brightness"]}}`) },
    { name: 'huge task_id number', body: json(task(1e300, { camera_ids: [8035] })), taskId: 1e300 },
    { name: 'long unicode task_id', body: json(task('巡检'.repeat(100), { camera_ids: [8036] })), taskId: '巡检'.repeat(100) },
    {
      // Escaped into a snapshot folder name this once exceeded 255 bytes: ENAMETOOLONG crashed every run.
      name: 'long task_id and camera id with a working camera',
      legal: true,
      body: json(task('任务'.repeat(100), { camera_ids: ['摄像机'.repeat(60)], cameras: [{ id: '摄像机'.repeat(60), name: 'long ids', stream_url: goodCamera }] })),
      taskId: '任务'.repeat(100),
    },
    // Hostile camera URLs (inline cameras; file sources are not allowed from the broker by default).
    { name: 'file:///etc/passwd', body: withCamera(8040, 'file:///etc/passwd'), taskId: 8040 },
    { name: 'bare local path', body: withCamera(8041, '/etc/passwd'), taskId: 8041 },
    { name: 'shell in an rtsp URL', body: withCamera(8042, `rtsp://x/$(touch ${pwned})`), taskId: 8042 },
    { name: 'shell in an http URL', body: withCamera(8043, `http://127.0.0.1:9/;touch ${pwned};`), taskId: 8043 },
    { name: 'shell in credentials', body: withCamera(8044, 'rtsp://127.0.0.1:9/s', { username: `$(touch ${pwned})`, password: `\`touch ${pwned}\`` }), taskId: 8044 },
    { name: 'ftp://', body: withCamera(8045, 'ftp://127.0.0.1/cam.jpg'), taskId: 8045 },
    { name: 'concat:', body: withCamera(8046, 'concat:/etc/passwd|/etc/hosts'), taskId: 8046 },
    { name: 'subfile,', body: withCamera(8047, 'subfile,,start,0,end,100,,:/etc/passwd'), taskId: 8047 },
    { name: 'javascript:', body: withCamera(8048, 'javascript:alert(1)'), taskId: 8048 },
    { name: 'pipe:', body: withCamera(8049, 'pipe:0'), taskId: 8049 },
    { name: 'data:', body: withCamera(8050, 'data:image/jpeg;base64,AAAA'), taskId: 8050 },
    { name: 'CRLF header injection', body: withCamera(8051, 'http://127.0.0.1:9/a.jpg\r\nX-Injected: 1'), taskId: 8051 },
    { name: 'NUL and tab in URL', body: withCamera(8052, 'rtsp://127.0.0.1:9/a\u0000b\tc'), taskId: 8052 },
    { name: 'ffmpeg option as URL', body: withCamera(8053, '-f lavfi -i testsrc'), taskId: 8053 },
    { name: 'malformed percent-encoding in credentials', body: withCamera(8054, 'rtsp://%E0%A4%A:%zz@127.0.0.1:9/s'), taskId: 8054 },
    { name: 'stream_url too long', body: withCamera(8055, `http://127.0.0.1:9/${'a'.repeat(5000)}`), taskId: 8055 },
    { name: 'stream_url a number', body: json(task(8056, { camera_ids: [1], cameras: [{ id: 1, stream_url: 12345 }] })), taskId: 8056 },
    { name: 'camera without stream_url', body: json(task(8057, { camera_ids: [1], cameras: [{ id: 1, name: 'no url' }] })), taskId: 8057 },
  ];
  const names = new Set(bads.map((b) => b.body.toString('base64')));
  if (names.size !== bads.length) throw new Error('corpus bodies must be distinct to be told apart when parked');
  return bads;
}

interface Row {
  error_message: string | null;
  is_abnormal: boolean;
}

/** An error answer: the task failed, or at least one of its rows says what went wrong. */
function isErrorResult(r: PeerResult): boolean {
  const result = r.body.result as { success?: boolean; results?: Row[] } | undefined;
  if (!result) return false;
  if (result.success === false) return true;
  return (result.results ?? []).some((row) => row.is_abnormal && typeof row.error_message === 'string' && row.error_message.length > 0);
}

describe('worker against poison messages', () => {
  it('parks or answers every bad message, serves the good task after them, and does not loop', async () => {
    const pwned = `/tmp/pwned-${randomBytes(6).toString('hex')}`;
    cleanups.add(() => rmSync(pwned, { force: true }));
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const camera = await startSlowCamera(0);
    cleanups.add(() => camera.stop());
    const peer = await PlatformPeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--task-timeout', '10', '--concurrency', '3'] });
    cleanups.add(() => worker.stop());

    const bads = corpus(pwned, camera.url('long-ids'));
    const started = Date.now();
    for (const bad of bads) await peer.publishRaw(bad.body);
    const goodCreated = new Date().toISOString();
    await peer.publishTask(platformTask(9999, [{ id: 1, name: 'good', stream_url: camera.url('good') }], ['brightness'], goodCreated));

    const isGood = (r: PeerResult) => r.body.task_id === 9999;
    await waitUntil(() => peer.results.some(isGood), 60_000, 'the good task result');
    const goodMs = Date.now() - started;
    const good = peer.results.find(isGood)!;
    expect(good.body.run_id).toBe(`9999@${goodCreated}`);
    expect((good.body.result as { success: boolean }).success).toBe(true);

    // Settle: the task queue is empty and the counts stop moving, then stay put a while longer.
    const parked: Array<{ body: Buffer; reason: string }> = [];
    const snapshot = async () => {
      parked.push(...(await peer.drainParked()));
      return `${parked.length}/${peer.results.length}/${(await peer.queue('diagnosis.tasks')).messages}`;
    };
    const settled = await waitForSettled(snapshot, 60_000, 1500, 'the queue to empty and the counts to settle');
    await sleep(4000);
    expect(await snapshot(), 'nothing may loop: counts grew after settling').toBe(settled);
    // Empty also means nothing held unacknowledged by the worker.
    expect(await brokerQueueCounts(vhost.name, 'diagnosis.tasks')).toEqual({ ready: 0, unacked: 0 });

    // Accounting: every bad message is parked (with a reason) or answered with an error.
    const results = peer.results.filter((r) => !isGood(r));
    const outcome = bads.map((bad) => {
      const parkedAs = parked.filter((p) => p.body.equals(bad.body));
      const answers = bad.taskId === undefined ? [] : results.filter((r) => r.body.task_id === bad.taskId);
      return { bad, parkedAs, answers };
    });
    const summary = outcome.map((o) => `${o.bad.name}: parked=${o.parkedAs.length} answered=${o.answers.length}${o.parkedAs[0] ? ` (${o.parkedAs[0].reason.slice(0, 80)})` : ''}`);
    console.log(`poison corpus (${bads.length} messages, good task after ${goodMs} ms):\n  ${summary.join('\n  ')}`);
    for (const o of outcome) {
      expect(o.parkedAs.length + o.answers.length, `${o.bad.name} neither parked nor answered`).toBeGreaterThan(0);
      for (const p of o.parkedAs) expect(p.reason, `${o.bad.name} parked without a reason`).not.toBe('');
      if (o.bad.legal) {
        expect(o.parkedAs, `${o.bad.name} is legal and must not be parked`).toHaveLength(0);
        for (const a of o.answers) expect((a.body.result as { success?: boolean }).success, `${o.bad.name}: ${JSON.stringify(a.body).slice(0, 400)}`).toBe(true);
      } else {
        for (const a of o.answers) expect(isErrorResult(a), `${o.bad.name} answered without an error: ${JSON.stringify(a.body).slice(0, 400)}`).toBe(true);
      }
      expect(o.parkedAs.length, `${o.bad.name} parked more than once`).toBeLessThanOrEqual(1);
      // No fault here, so no reason for a second copy (the relay once re-sent rows not yet marked sent).
      expect(o.answers.length, `${o.bad.name} answered more than once`).toBeLessThanOrEqual(1);
    }
    // Nothing parked or answered that was not sent.
    for (const p of parked) expect(bads.some((b) => b.body.equals(p.body)), `unexpected parked message ${p.body.subarray(0, 80).toString()}`).toBe(true);
    for (const r of results) expect(bads.some((b) => b.taskId !== undefined && b.taskId === r.body.task_id), `unexpected result ${JSON.stringify(r.body).slice(0, 200)}`).toBe(true);
    const parkedCount = outcome.filter((o) => o.parkedAs.length > 0).length;
    const answeredOnly = outcome.filter((o) => o.parkedAs.length === 0 && o.answers.length > 0).length;
    console.log(`poison: messages=${bads.length} parked=${parkedCount} answered-only=${answeredOnly} results=${results.length}`);
    expect(parkedCount + answeredOnly).toBe(bads.length);

    expect(existsSync(pwned), 'a camera URL ran a shell command').toBe(false);
    expect(worker.proc.exitCode).toBeNull();
    expect(worker.proc.signalCode).toBeNull();
    expect(worker.output()).not.toMatch(/unexpected failure|Maximum call stack|FATAL|task handler failed/i);
    // Every result was publishable: no relay retrying a message the broker can never take.
    expect(worker.output()).not.toMatch(/not confirmed yet/);
  }, 150_000);
});
