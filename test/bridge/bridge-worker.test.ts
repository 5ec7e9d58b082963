// End to end at the central site: a real worker on its own task queue (--task-queue) beside the
// platform app's consumer of diagnosis.tasks (which fails every task it takes), a real bridge
// process, real RabbitMQ and PostgreSQL with the platform's tables. The edge node's results must
// land as the platform's rows and alarms, move the task's status and counters, survive the
// platform's failure results, and never be written twice.
import { afterEach, describe, expect, it } from 'vitest';
import { brokerQueueCounts, Cleanups, waitUntil } from '../support/fault-harness.ts';
import { BridgePeer, platformFailure } from '../support/bridge-peer.ts';
import { startBridge } from '../support/bridge-process.ts';
import { platformTask } from '../support/platform-peer.ts';
import { createTestDatabase, insertTasks } from '../support/postgres.ts';
import { startSlowCamera } from '../support/slow-camera.ts';
import { createVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir } from '../support/worker-process.ts';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

const WORKER_ID = 'edge-bridge-test';
const TASK_IDS = [101, 102, 103, 104];
const createdAt = (taskId: number) => new Date(Date.UTC(2025, 7, 13, 9, 0, taskId - 100)).toISOString();

describe('bridge with a real worker', () => {
  it('results land as rows and alarms, tasks complete, platform failures and re-sends change nothing', async () => {
    const vhost = await createVhost();
    cleanups.add(() => vhost.remove());
    const db = await createTestDatabase();
    cleanups.add(() => db.drop());
    const camera = await startSlowCamera(100);
    cleanups.add(() => camera.stop());
    await insertTasks(db, TASK_IDS);

    const peer = await BridgePeer.connect(vhost.url);
    cleanups.add(() => peer.close());
    await peer.consumeLikeThePlatform();
    const bridge = await startBridge({ broker: vhost.url, database: db.url, args: ['--log-level', 'debug'] });
    cleanups.add(() => bridge.stop());
    const dataDir = tempDataDir();
    cleanups.removeDirLater(dataDir);
    const worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--id', WORKER_ID, '--task-queue', 'edge.tasks', '--heartbeat-interval', '1', '--no-ui'], ready: false });
    cleanups.add(() => worker.stop());
    await worker.waitFor(/broker connected/);

    // brightness_min 250: the building photo is "too dark", so every brightness row is abnormal.
    const envelope = (taskId: number) => {
      const task = platformTask(taskId, [{ id: taskId, name: `cam-${taskId}`, stream_url: camera.url(`cam-${taskId}`) }], ['brightness', 'clarity'], createdAt(taskId));
      (task.data as Record<string, unknown>).threshold_config = { brightness: { brightness_min: 250 } };
      return task;
    };
    for (const id of TASK_IDS) await peer.publishTask(envelope(id));

    await waitUntil(async () => (await db.count("SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'COMPLETED'")) === TASK_IDS.length, 60_000, 'every task COMPLETED');
    // The platform app took its copy of every task too (it shares diagnosis.tasks with nobody now).
    await waitUntil(() => peer.platformTook.length === TASK_IDS.length, 10_000, 'the platform consumer to take its copies');

    const tasks = await db.pool.query('SELECT id, status, assigned_worker, total_runs, success_runs, last_run_time FROM diagnosis_tasks ORDER BY id');
    for (const t of tasks.rows) {
      expect(t).toMatchObject({ status: 'COMPLETED', assigned_worker: WORKER_ID, total_runs: 1, success_runs: 1 });
      expect(t.last_run_time).toBeInstanceOf(Date);
    }
    const rows = await db.pool.query(
      "SELECT task_id, camera_id, camera_name, diagnosis_type, diagnosis_status::text AS status, score, is_abnormal, processing_time, image_timestamp, result_data->>'worker_id' AS worker, result_data->>'run_id' AS run FROM diagnosis_results ORDER BY task_id, diagnosis_type",
    );
    expect(rows.rows).toHaveLength(TASK_IDS.length * 2);
    for (const r of rows.rows) {
      expect(r.camera_id).toBe(r.task_id);
      expect(r.camera_name).toBe(`cam-${r.task_id}`);
      expect(['NORMAL', 'WARNING', 'ERROR', 'CRITICAL']).toContain(r.status);
      expect(r.worker).toBe(WORKER_ID);
      expect(r.run).toBe(`${r.task_id}@${createdAt(r.task_id)}`);
      expect(typeof r.score).toBe('number');
      expect(r.image_timestamp).toBeInstanceOf(Date);
    }
    const brightness = rows.rows.filter((r) => r.diagnosis_type === 'brightness');
    expect(brightness.every((r) => r.is_abnormal && r.status !== 'NORMAL')).toBe(true);
    const abnormal = rows.rows.filter((r) => r.is_abnormal).length;
    const alarms = await db.pool.query(
      "SELECT a.alarm_type, a.severity, a.title, a.description, a.current_value, a.is_acknowledged, lower(r.diagnosis_status::text) AS status FROM diagnosis_alarms a JOIN diagnosis_results r ON r.id = a.result_id",
    );
    expect(alarms.rows).toHaveLength(abnormal);
    for (const a of alarms.rows) {
      expect(a.severity).toBe(a.status);
      expect(a.is_acknowledged).toBe(false);
      expect(a.description).toMatch(/^任务: task \d+\n状态: /);
    }

    // The platform's own failure results come after the edge node's: they must not overwrite them.
    await peer.publishResults(TASK_IDS.map((id) => ({ body: platformFailure(id) })));
    await waitUntil(async () => (await db.count('SELECT count(*) AS n FROM edge_bridge_processed WHERE worker_id IS NULL')) === TASK_IDS.length, 15_000, 'the platform failures to be recorded');
    expect(await db.count("SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'COMPLETED' AND total_runs = 1 AND success_runs = 1")).toBe(TASK_IDS.length);

    // The same run again: the worker re-sends its stored result (same message id); nothing is added.
    const from = bridge.output().length;
    await peer.publishTask(envelope(TASK_IDS[0]!));
    await worker.waitFor(/already stored/, 20_000);
    await bridge.waitFor(/1 duplicates/, 20_000, from);
    expect(await db.count('SELECT count(*) AS n FROM diagnosis_results')).toBe(TASK_IDS.length * 2);
    expect(await db.count('SELECT count(*) AS n FROM diagnosis_alarms')).toBe(abnormal);
    expect(await db.count('SELECT sum(total_runs) AS n FROM diagnosis_tasks')).toBe(TASK_IDS.length);
    expect(await brokerQueueCounts(vhost.name, 'task.results')).toEqual({ ready: 0, unacked: 0 });

    // The worker's AMQP heartbeats keep its workers row: online, every column the platform reads set.
    // Its task counts arrive with the next heartbeat after the last task (every second here), not with the results.
    await waitUntil(async () => (await db.count('SELECT successful_tasks AS n FROM workers WHERE worker_id = $1', [WORKER_ID])) >= TASK_IDS.length, 15_000, 'a heartbeat counting every task');
    const w = await db.pool.query("SELECT status::text AS status, host, port, max_concurrent_tasks, current_tasks, capabilities, total_tasks_processed, successful_tasks, last_heartbeat FROM workers WHERE worker_id = $1", [WORKER_ID]);
    expect(w.rows[0]).toMatchObject({ status: 'ONLINE', max_concurrent_tasks: 4, current_tasks: 0, port: 0 });
    expect(w.rows[0].host).not.toBe('');
    expect(Array.isArray(w.rows[0].capabilities)).toBe(true);
    expect(w.rows[0].successful_tasks).toBeGreaterThanOrEqual(TASK_IDS.length);
  }, 120_000);
});
