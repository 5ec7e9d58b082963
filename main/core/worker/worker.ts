// The EasySight worker: consumes tasks with a fixed concurrency, runs them, stores results and an
// outbox row in one transaction, acks on the delivery's own channel, and relays results with
// confirms. Nothing is acked before its outcome is stored; redelivered runs are not recomputed.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ConsumeMessage, Message } from 'amqplib';
import { parseTaskEnvelope, type TaskEnvelope } from '../../../shared/protocol/task-message.ts';
import type { RunningTaskView, TopologyWarningView, WaitingTaskView } from '../../../shared/api/views.ts';
import { ConfirmedPublisher } from '../broker/confirmed-publisher.ts';
import { Delivery } from '../broker/delivery.ts';
import { BrokerSupervisor, type BrokerSession, type SupervisorState, type TlsOptions } from '../broker/supervisor.ts';
import { heartbeatQueueMode, serverVersion, withHeartbeatQueue } from '../broker/heartbeat-queue.ts';
import { QueueWatch } from '../broker/queue-watch.ts';
import { declareTopology, type Topology, type TopologyWarning } from '../broker/topology.ts';
import { DiskWatch, type DiskState } from '../disk/disk-watch.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { AnalysisPool } from '../diagnosis/pool/analysis-pool.ts';
import { AdaptiveProbeLimit, type ProbeConcurrencyFigures } from '../diagnosis/concurrency/adaptive-probe-limit.ts';
import { describeCut } from '../diagnosis/concurrency/describe-cut.ts';
import { rowKey } from '../diagnosis/result-rows.ts';
import { resolveFfmpeg } from '../diagnosis/source/ffmpeg-binary.ts';
import type { Logger } from '../log/logger.ts';
import type { PlatformClient } from '../platform/platform-client.ts';
import { resolveCameras, taskCameraIds, type ResolvedCamera } from './camera-resolver.ts';
import { heartbeatMessage, type WorkerStatus } from './heartbeat-message.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { fitResultBody } from './result-size.ts';
import { buildResultMessage, failureMessage, resultFindings, resultMessageId, type ResultMessage } from './result-message.ts';
import { runIdOf } from './run-id.ts';
import { AttemptBudget } from '../poison/attempt-budget.ts';
import { DeadLetterFile } from '../poison/dead-letters.ts';
import { redactJson } from '../secrets/redact-json.ts';
import { parkMessage } from '../poison/parking.ts';
import { SystemLoad } from './system-load.ts';
import { cameraFailureLines, taskEndLine, taskStartLine } from './task-log.ts';
import { planTask, runTask } from './task-runner.ts';
import { TaskSlots } from './task-slots.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.ts';
import type { RunStart, WorkerStore } from './worker-store.ts';

/** A body larger than this is parked unread: no task needs megabytes of JSON. */
const MAX_BODY_BYTES = 1024 * 1024;
const ENABLED_KEY = 'worker.enabled';

// The worker reports its tasks in the shapes the UI shows.
export type RunningTask = RunningTaskView;
export type WaitingTask = WaitingTaskView;

export interface WorkerStatusSnapshot {
  workerId: string;
  enabled: boolean;
  broker: SupervisorState;
  brokerDetail: string;
  connectedSince?: string;
  lastHeartbeat?: string;
  running: RunningTask[];
  waiting: WaitingTask[];
  maxTasks: number;
  tasksCompleted: number;
  tasksFailed: number;
  startTime: string;
  outboxBacklog: number;
  topologyWarnings: TopologyWarningView[];
  /** Set while the data folder is below its free-space floor and no tasks are taken. */
  diskLow?: DiskState;
  /** Cameras probed at once (adaptive, up to the probe limit), probes per minute, mean probe latency. */
  probes: ProbeConcurrencyFigures;
}

function warningView(w: TopologyWarning): TopologyWarningView {
  return { queue: w.queue, kind: w.kind, detail: w.detail };
}

export interface WorkerEvents {
  status: [WorkerStatusSnapshot];
  broker: [state: SupervisorState, detail: string];
  'task-start': [{ runId: string; taskId: number | string; at: number }];
  'task-done': [{ runId: string; taskId: number | string; status: string }];
  disk: [DiskState];
}

export interface WorkerDeps {
  store: WorkerStore;
  pool: AnalysisPool;
  logger: Logger;
  topology: Topology;
  platform?: PlatformClient;
  tls?: TlsOptions;
  version: string;
}

interface ActiveRun {
  info: RunningTask;
  deliveries: Delivery[];
  stop: AbortController;
}

export class Worker extends EventEmitter<WorkerEvents> {
  private readonly config: WorkerConfig;
  private readonly deps: WorkerDeps;
  private readonly supervisor: BrokerSupervisor;
  private readonly relay: OutboxRelay;
  private readonly slots: TaskSlots;
  private readonly probes: AdaptiveProbeLimit;
  private readonly load = new SystemLoad();
  private readonly active = new Map<string, ActiveRun>();
  private readonly waiting = new Map<Delivery, WaitingTask>();
  /** Consumer tag per task queue, per session generation. */
  private readonly consumerTags = new Map<number, Map<string, string>>();
  /** One publisher per session: parking shares it with the relay instead of adding listeners each time. */
  private readonly publishers = new WeakMap<BrokerSession, ConfirmedPublisher>();
  /** Per session: the queues that could not be declared or consumed (their node is down), retried in the background. */
  private readonly queueWatches = new WeakMap<BrokerSession, QueueWatch>();
  private readonly failedAttempts = new AttemptBudget();
  private readonly deadLetters: DeadLetterFile;
  private readonly disk: DiskWatch;
  private enabledValue: boolean;
  private tasksCompleted = 0;
  private tasksFailed = 0;
  private readonly startTime = new Date();
  private connectedSince: Date | undefined;
  private lastHeartbeat: Date | undefined;
  private brokerDetail = '';
  /** Queues held with other arguments than declared (used as they are), from the session's set-up. */
  private conflicts: TopologyWarningView[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private statusTimer: NodeJS.Timeout | undefined;
  private shutdownPromise: Promise<void> | undefined;
  /** After shutdown: the store may be closed, so nothing may read it any more. */
  private closed = false;

  constructor(config: WorkerConfig, deps: WorkerDeps) {
    super();
    this.config = config;
    this.deps = deps;
    this.slots = new TaskSlots(config.concurrency);
    // Its own CPU sampler: each reading covers the time since the same sampler's previous one.
    const probeLoad = new SystemLoad();
    this.probes = new AdaptiveProbeLimit({ ceiling: config.probeLimit, cpuBusy: () => probeLoad.cpuPercent() / 100, onCut: (cut) => deps.logger.info(describeCut(cut)) });
    this.enabledValue = deps.store.getSetting(ENABLED_KEY) !== false;
    this.deadLetters = new DeadLetterFile(join(config.dataDir, 'dead-letters.jsonl'));
    this.disk = new DiskWatch({ path: config.dataDir, floorBytes: config.diskFloorMb * 1024 * 1024 });
    this.disk.on('change', (state) => void this.onDiskChange(state));
    this.relay = new OutboxRelay(deps.store, {
      onFailed: (row, error) => deps.logger.warn(`result ${row.messageId} not confirmed yet, will retry: ${error}`),
    });
    this.supervisor = new BrokerSupervisor({
      urls: config.brokers,
      heartbeatS: config.amqpHeartbeatS,
      tls: deps.tls,
      onSession: (s) => this.setUpSession(s),
    });
    this.supervisor.on('state', (state, detail) => {
      this.brokerDetail = detail;
      if (state !== 'connected') this.connectedSince = undefined;
      deps.logger.info(`broker ${state}: ${detail}`);
      this.emit('broker', state, detail);
      this.emitStatus();
    });
    this.supervisor.on('session-lost', (session, reason) => {
      this.relay.usePublisher(undefined);
      this.consumerTags.delete(session.generation);
      this.queueWatches.get(session)?.stop();
      // Deliveries of the lost session that wait for a slot: the broker has already requeued them.
      this.slots.releaseWaiting((tag) => tag instanceof Delivery && tag.session === session);
      deps.logger.warn(`broker session ${session.generation} lost: ${reason}`);
    });
  }

  get enabled(): boolean {
    return this.enabledValue;
  }

  start(): void {
    // The binary's options are learned now, not on the first task's first camera.
    void resolveFfmpeg(this.config.ffmpegPath);
    this.probes.start();
    this.disk.start();
    this.supervisor.start();
    this.scheduleHeartbeat(0);
    void this.registerWithPlatform();
  }

  status(): WorkerStatusSnapshot {
    return {
      workerId: this.config.workerId,
      enabled: this.enabledValue,
      broker: this.supervisor.state,
      brokerDetail: this.brokerDetail,
      connectedSince: this.connectedSince?.toISOString(),
      lastHeartbeat: this.lastHeartbeat?.toISOString(),
      running: [...this.active.values()].map((a) => ({ ...a.info, currentCameras: [...a.info.currentCameras] })),
      waiting: [...this.waiting.values()],
      maxTasks: this.config.concurrency,
      tasksCompleted: this.tasksCompleted,
      tasksFailed: this.tasksFailed,
      startTime: this.startTime.toISOString(),
      outboxBacklog: this.deps.store.outboxBacklog(),
      topologyWarnings: [...this.conflicts, ...this.missingQueueWarnings()],
      ...(this.disk.state.low ? { diskLow: this.disk.state } : {}),
      probes: this.probes.figures(),
    };
  }

  /** Tasks are taken while switched on, not stopping, and with room on the disk to store results. */
  private get accepting(): boolean {
    return this.enabledValue && !this.stopping && !this.disk.state.low;
  }

  private async onDiskChange(state: DiskState): Promise<void> {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    if (state.low) {
      this.deps.logger.error(`disk nearly full: ${mb(state.freeBytes)} free in ${state.path}, below the floor of ${mb(state.floorBytes)}; taking no tasks until ${mb(this.disk.resumeBytes)} are free`);
      await this.cancelConsumers();
      this.handBackWaiting();
    } else {
      this.deps.logger.info(`disk has room again: ${mb(state.freeBytes)} free in ${state.path}; taking tasks`);
      const session = this.supervisor.current();
      if (session && this.accepting && !this.consumerTags.get(session.generation)?.size) await this.consume(session).catch((err: unknown) => this.deps.logger.error(`could not consume again: ${String(err)}`));
    }
    this.emit('disk', state);
    this.emitStatus();
    this.scheduleHeartbeat(0);
  }

  /** Depth and consumers of the task queues, by passive declare on a throwaway channel. */
  async queueStatus(): Promise<Array<{ queue: string; messages: number; consumers: number }> | undefined> {
    const session = this.supervisor.current();
    if (!session) return undefined;
    const ch = await session.connection.createChannel();
    ch.on('error', () => undefined);
    try {
      const out = [];
      for (const queue of this.deps.topology.taskQueues) {
        const q = await ch.checkQueue(queue);
        out.push({ queue, messages: q.messageCount, consumers: q.consumerCount });
      }
      return out;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /**
   * Switches consumption on or off; the state survives a restart. Off cancels the consumer, hands
   * back deliveries that have not started and lets running tasks finish, or with `stopRunning`
   * stops them at once and hands them back too.
   */
  async setEnabled(on: boolean, options: { stopRunning?: boolean; persist?: boolean } = {}): Promise<void> {
    this.enabledValue = on;
    if (options.persist !== false) this.deps.store.setSetting(ENABLED_KEY, on);
    const session = this.supervisor.current();
    if (on) {
      if (session && this.accepting && !this.consumerTags.get(session.generation)?.size) await this.consume(session);
    } else {
      await this.cancelConsumers();
      this.handBackWaiting();
      if (options.stopRunning) for (const run of this.active.values()) run.stop.abort();
    }
    this.deps.logger.info(`worker switched ${on ? 'on' : 'off'}${!on && options.stopRunning ? ' (running tasks stopped and handed back)' : ''}`);
    this.emitStatus();
    this.scheduleHeartbeat(0);
  }

  /** Stops the task of this run at once and hands it back to the queue. */
  stopTask(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.stop.abort();
    return true;
  }

  /** Drains: no new work, running tasks get until the deadline, then are stopped and handed back. */
  shutdown(deadlineMs = 30_000): Promise<void> {
    this.shutdownPromise ??= this.drainAndClose(deadlineMs);
    return this.shutdownPromise;
  }

  private async drainAndClose(deadlineMs: number): Promise<void> {
    this.stopping = true;
    const wasEnabled = this.enabledValue;
    await this.setEnabled(false, { persist: false });
    this.enabledValue = wasEnabled;
    const until = Date.now() + deadlineMs;
    while (this.active.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    for (const run of this.active.values()) run.stop.abort();
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
    await this.relay.settled(Math.max(1000, until - Date.now()));
    this.relay.stop();
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.statusTimer);
    this.probes.stop();
    this.disk.stop();
    this.closed = true;
    if (this.deps.platform) await this.deps.platform.unregister(this.config.workerId);
    await this.supervisor.stop();
  }

  /** Coalesced: a busy worker changes state thousands of times a second, a screen needs ~10. */
  private emitStatus(): void {
    if (this.closed || this.statusTimer || this.listenerCount('status') === 0) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.emit('status', this.status());
    }, 100);
    this.statusTimer.unref();
  }

  private async setUpSession(session: BrokerSession): Promise<void> {
    // A connection that completes while shutting down is not used (the supervisor closes it).
    if (this.stopping) return;
    // A queue that cannot be declared (on a cluster: its node is down) costs that queue, not the session.
    const version = serverVersion(session.connection);
    const heartbeatMode = heartbeatQueueMode(this.config.topology?.heartbeatQueue, version);
    const topology = withHeartbeatQueue(this.deps.topology, heartbeatMode);
    if (heartbeatMode !== 'platform' && !this.config.topology?.heartbeatQueue) {
      this.deps.logger.info(`RabbitMQ ${version ?? '?'} refuses transient queues: the heartbeat queue is declared durable with x-expires`);
    }
    const watch = new QueueWatch(session.connection, topology, {
      onMissing: (w) => {
        this.deps.logger.warn(w.message);
        this.emitStatus();
      },
      onBack: (queue) => this.onQueueBack(session, queue),
    });
    this.queueWatches.set(session, watch);
    const warnings = await declareTopology(session.connection, topology);
    this.conflicts = warnings.filter((w) => w.kind === 'conflict').map(warningView);
    for (const w of warnings) {
      if (w.kind === 'conflict') this.deps.logger.warn(w.message);
      else watch.report(w);
    }
    await session.consumer.prefetch(this.config.concurrency);
    const publisher = new ConfirmedPublisher(session.confirm, (exchange, routingKey) => watch.whyUnroutable(exchange, routingKey));
    // A returned heartbeat: its queue went with its node; the watch declares it again.
    session.confirm.on('return', (msg: Message) => {
      if (msg.fields.exchange === this.deps.topology.heartbeatExchange) void watch.whyUnroutable(msg.fields.exchange, msg.fields.routingKey);
    });
    this.publishers.set(session, publisher);
    this.relay.usePublisher(publisher);
    this.connectedSince = new Date();
    if (this.accepting) await this.consume(session);
    this.scheduleHeartbeat(0);
  }

  private async consume(session: BrokerSession): Promise<void> {
    this.consumerTags.set(session.generation, new Map());
    for (const queue of this.deps.topology.taskQueues) await this.consumeQueue(session, queue);
  }

  /** Consumes one task queue unless it is missing: a consume on a missing queue would close the consumer channel. */
  private async consumeQueue(session: BrokerSession, queue: string): Promise<void> {
    const tags = this.consumerTags.get(session.generation);
    if (!tags || tags.has(queue)) return;
    tags.set(queue, '');
    const usable = await this.queueWatches.get(session)?.usable(queue);
    if (usable === false || this.consumerTags.get(session.generation) !== tags) {
      tags.delete(queue);
      if (usable === false) this.deps.logger.warn(`not consuming ${queue} while it is unavailable; consuming the other queues`);
      return;
    }
    const { consumerTag } = await session.consumer.consume(queue, (msg) => this.onMessage(msg, session, queue));
    // Switched off meanwhile (a new tag map): the consumer just made must not stay.
    if (this.consumerTags.get(session.generation) !== tags) await session.consumer.cancel(consumerTag).catch(() => undefined);
    else tags.set(queue, consumerTag);
  }

  private async cancelConsumers(): Promise<void> {
    const session = this.supervisor.current();
    if (!session) return;
    const tags = [...(this.consumerTags.get(session.generation)?.values() ?? [])];
    this.consumerTags.set(session.generation, new Map());
    for (const tag of tags) if (tag) await session.consumer.cancel(tag).catch(() => undefined);
  }

  private missingQueueWarnings(): TopologyWarningView[] {
    const session = this.supervisor.current();
    return session ? (this.queueWatches.get(session)?.warnings().map(warningView) ?? []) : [];
  }

  /** A missing queue is back: consume it if it is a task queue, and send a heartbeat if it is theirs. */
  private onQueueBack(session: BrokerSession, queue: string): void {
    if (!session.alive) return;
    this.deps.logger.info(`queue ${queue} is available again`);
    this.emitStatus();
    if (this.deps.topology.taskQueues.includes(queue) && this.accepting) {
      this.consumeQueue(session, queue).catch((err: unknown) => this.deps.logger.error(`could not consume ${queue} again: ${String(err)}`));
    }
    if (this.deps.topology.queues.some((q) => q.name === queue && q.bind.exchange === this.deps.topology.heartbeatExchange)) this.scheduleHeartbeat(0);
  }

  private handBackWaiting(): void {
    this.slots.releaseWaiting();
  }

  private onMessage(msg: ConsumeMessage | null, session: BrokerSession, queue: string): void {
    if (msg === null) {
      // The broker cancelled our consumer (queue deleted, failover, consumer timeout): consume again.
      this.deps.logger.warn(`broker cancelled the consumer on ${queue}; consuming again`);
      this.consumerTags.get(session.generation)?.delete(queue);
      // A mirror or quorum follower takes over at once; a queue whose node is down is left to the queue watch.
      setTimeout(() => {
        if (session.alive && this.accepting) {
          this.consumeQueue(session, queue).catch((err: unknown) => this.deps.logger.error(`could not consume ${queue} again: ${String(err)}`));
        }
      }, 250);
      return;
    }
    const delivery = new Delivery(msg, session);
    this.handle(delivery).catch((err: unknown) => this.handBackFailed(delivery, err));
  }

  /**
   * Never throw from a consume callback. A failed message goes back to the broker after a growing
   * pause, and past the attempt budget it is parked: no failure can turn into a requeue loop.
   */
  private handBackFailed(delivery: Delivery, err: unknown): void {
    const attempts = this.failedAttempts.fail(delivery.message);
    const detail = err instanceof Error ? err.message : String(err);
    this.deps.logger.error(`task handler failed (attempt ${attempts} of ${this.config.maxTaskAttempts}): ${err instanceof Error ? err.stack ?? detail : detail}`);
    if (attempts >= this.config.maxTaskAttempts) {
      this.failedAttempts.forget(delivery.message);
      this.park(delivery, `the task handler failed ${attempts} times: ${detail}`).catch((parkErr: unknown) => {
        this.deps.logger.error(`could not park a failing message: ${String(parkErr)}; dropped by the broker`);
        delivery.reject();
      });
      return;
    }
    const timer = setTimeout(() => delivery.requeue(), Math.min(250 * 2 ** (attempts - 1), 10_000));
    timer.unref();
  }

  private async handle(delivery: Delivery): Promise<void> {
    const msg = delivery.message;
    if (!this.accepting) {
      delivery.requeue();
      return;
    }
    if (msg.content.length > MAX_BODY_BYTES) {
      await this.park(delivery, `message body of ${msg.content.length} bytes exceeds ${MAX_BODY_BYTES}`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(msg.content.toString('utf8'));
    } catch (err) {
      await this.park(delivery, `message is not JSON: ${(err as Error).message}`);
      return;
    }
    if (nestedDeeperThan(json, MAX_JSON_DEPTH)) {
      await this.park(delivery, `message nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
      return;
    }
    const parsed = parseTaskEnvelope(json);
    if (!parsed.ok) {
      await this.park(delivery, parsed.reason, parsed.taskId);
      return;
    }
    const envelope = parsed.envelope;
    const runId = runIdOf(envelope, typeof msg.properties.timestamp === 'number' ? msg.properties.timestamp : undefined, msg.content);

    const running = this.active.get(runId);
    if (running) {
      // Redelivered while our own earlier delivery still runs: settle both when it finishes.
      running.deliveries.push(delivery);
      return;
    }
    const stored = this.deps.store.findRun(runId);
    if (stored && stored.status !== 'received' && stored.status !== 'running') {
      // Already done: send the stored result again rather than computing it twice.
      this.deps.store.resendRun(runId);
      this.relay.resend(resultMessageId(this.config.workerId, runId));
      delivery.ack();
      this.deps.logger.info(`run ${runId} already stored (${stored.status}); result re-sent, not recomputed`);
      return;
    }

    const waitInfo: WaitingTask = { runId, taskId: envelope.taskId, receivedAt: Date.now(), priority: envelope.priority ?? msg.properties.priority ?? 0 };
    this.waiting.set(delivery, waitInfo);
    this.emitStatus();
    const granted = await this.slots.acquire(delivery);
    this.waiting.delete(delivery);
    if (!granted || !this.accepting) {
      if (granted) this.slots.release();
      delivery.requeue();
      this.emitStatus();
      return;
    }
    try {
      await this.runAndStore(delivery, envelope, runId, json);
    } finally {
      this.slots.release();
      this.emitStatus();
    }
  }

  private async runAndStore(delivery: Delivery, envelope: TaskEnvelope, runId: string, message: unknown): Promise<void> {
    const cameraIds = taskCameraIds(envelope);
    const runStart: RunStart = {
      runId,
      taskId: envelope.taskId,
      createdAt: envelope.createdAt,
      scheduledAt: envelope.scheduledAt,
      priority: envelope.priority ?? delivery.message.properties.priority ?? 0,
      camerasTotal: cameraIds.length,
      // Kept for the operator to read; inline camera credentials are not kept with it.
      envelope: redactJson(message),
    };
    // A first delivery starts at once and its start record joins the next group commit. A
    // redelivery may follow a crash that this very run caused: its start is made durable first,
    // so a run that keeps killing the worker is counted and parked (one crash later at most).
    const attempts = await this.deps.store.startRun(runStart, delivery.redelivered);
    if (attempts > this.config.maxTaskAttempts) {
      const reason = `run ${runId} was started ${attempts - 1} times without finishing (the worker died or the handler crashed); parked`;
      await this.park(delivery, reason, envelope.taskId, runStart);
      return;
    }
    const active: ActiveRun = {
      info: { runId, taskId: envelope.taskId, camerasTotal: cameraIds.length, camerasDone: 0, currentCameras: [], startedAt: Date.now(), timeoutMs: this.config.taskTimeoutS * 1000, priority: runStart.priority },
      deliveries: [delivery],
      stop: new AbortController(),
    };
    this.active.set(runId, active);
    this.deps.logger.info(taskStartLine(envelope.taskId, runId, cameraIds.length));
    this.emit('task-start', { runId, taskId: envelope.taskId, at: Date.now() });
    this.emitStatus();
    try {
      const cameras = await resolveCameras(envelope, this.deps.store.cameras, this.deps.platform);
      this.deps.store.rememberCameras?.(cameras.flatMap((c) => (c.ok ? [c.camera] : [])));
      const plan = planTask(envelope);
      const label = (c: ResolvedCamera) => c.name || String(c.id);
      const outcome = await runTask(cameras, plan, this.taskDeps(runId), {
        timeoutMs: this.config.taskTimeoutS * 1000,
        stop: active.stop.signal,
        onCameraStart: (c) => {
          active.info.currentCameras.push(label(c));
          this.emitStatus();
        },
        onCameraDone: (c) => {
          active.info.currentCameras = active.info.currentCameras.filter((n) => n !== label(c));
          active.info.camerasDone++;
          this.deps.store.progress(runId, active.info.camerasDone);
          this.emitStatus();
        },
      });
      if (outcome.end === 'stopped') {
        // Stopped on request: hand it back so another worker (or we, later) runs it whole.
        this.deps.store.releaseRun(runId);
        for (const d of active.deliveries) d.requeue();
        this.deps.logger.info(`run ${runId} stopped and handed back`);
        return;
      }
      const message = buildResultMessage({ workerId: this.config.workerId, runId, envelope, outcome, timeoutS: this.config.taskTimeoutS });
      const snapshots = new Map(outcome.diagnoses.map((d) => [String(d.camera.id), d.snapshotPath]));
      const findings = resultFindings(outcome);
      const rows = (message.body.result as { results: RunCompletionRows }).results.map((r) => ({
        ...r,
        snapshot_path: snapshots.get(String(r.camera_id)) ?? null,
        finding: findings.get(rowKey(r.camera_id, r.diagnosis_type)),
      }));
      const status = outcome.end === 'timed_out' ? 'timed_out' : (message.body.result as { success: boolean }).success ? 'done' : 'failed';
      await this.complete(runStart, status, rows, message);
      for (const d of active.deliveries) d.ack();
      for (const line of cameraFailureLines(envelope.taskId, outcome.diagnoses)) this.deps.logger.warn(line);
      this.deps.logger.info(taskEndLine(envelope.taskId, status, outcome.end, outcome.diagnoses, Date.now() - active.info.startedAt));
      if (status === 'done') this.tasksCompleted++;
      else this.tasksFailed++;
      this.emit('task-done', { runId, taskId: envelope.taskId, status });
    } finally {
      this.active.delete(runId);
    }
  }

  private taskDeps(runId: string) {
    const store = this.deps.store;
    return {
      pool: this.deps.pool,
      limiter: this.probes.limiter,
      onProbeDone: (d: { totalMs: number; ok: boolean }) => this.probes.record(d.totalMs, d.ok),
      framesPerProbe: this.config.framesPerProbe,
      analysisWidth: this.config.analysisWidth,
      ffmpegPath: this.config.ffmpegPath,
      allowFileSources: this.config.allowFileSources,
      snapshotPath: (c: ResolvedCamera) => store.snapshotPath(runId, c.id),
      reference: (id: number | string) => store.reference(id),
      saveReference: (id: number | string, frame: Parameters<WorkerStore['saveReference']>[1]) => store.saveReference(id, frame),
      baselines: store.baselines,
    };
  }

  private async complete(run: RunStart, status: 'done' | 'failed' | 'timed_out' | 'parked', rows: RunCompletionRows, message: ResultMessage, error?: string): Promise<void> {
    // The store keeps every row; only the message is trimmed when it would be too big to publish.
    const fitted = fitResultBody(message.body, this.config.maxResultBytes);
    if (fitted.trimming) {
      const { dropped, omittedResults } = fitted.trimming;
      this.deps.logger.warn(
        `result of run ${run.runId} exceeds maxResultBytes (${this.config.maxResultBytes}): sent without ${dropped.join(' and ')}${omittedResults > 0 ? ` and without ${omittedResults} of ${rows.length} result rows` : ''}; all rows are kept locally`,
      );
    }
    await this.deps.store.completeRun({
      run,
      status,
      rows,
      error,
      outbox: {
        messageId: message.messageId,
        exchange: this.deps.topology.resultExchange,
        routingKey: this.deps.topology.resultRoutingKey,
        body: fitted.bytes,
      },
    });
    this.relay.kick();
  }

  /**
   * Parks a message that can never succeed: published (confirmed) to the parking queue with the
   * reason, then acked. With a readable task_id the platform also gets an error result.
   */
  private async park(delivery: Delivery, reason: string, taskId?: number | string, run?: RunStart): Promise<void> {
    const session = delivery.session;
    const publisher = this.publishers.get(session);
    if (!session.alive || !publisher) return;
    const parked = await parkMessage(publisher, this.deps.topology.parkingQueue, delivery.message, reason, this.config.workerId);
    if (!parked.ok) {
      // On a lost channel the broker has the message back already; otherwise it is never handed back.
      if (!session.alive) return;
      const kept = this.deadLetters.write(delivery.message, `${reason} (not parked: ${parked.kind}: ${parked.message})`, this.config.workerId);
      if (kept.ok) {
        delivery.ack();
        this.deps.logger.error(`could not park a bad message (${parked.kind}: ${parked.message}); kept in ${this.deadLetters.path} and acked: ${reason}`);
      } else {
        delivery.reject();
        this.deps.logger.error(`could not park a bad message (${parked.kind}: ${parked.message}) nor keep it in ${this.deadLetters.path} (${kept.message}); rejected, dropped by the broker: ${reason}`);
      }
      this.tasksFailed++;
      return;
    }
    if (taskId !== undefined) {
      const runId = run?.runId ?? `${taskId}@parked:${delivery.message.properties.timestamp ?? Date.now()}`;
      const runStart: RunStart = run ?? { runId, taskId, priority: 0, camerasTotal: 0, envelope: null };
      await this.complete(runStart, 'parked', [], failureMessage(this.config.workerId, runId, taskId, reason), reason);
    }
    delivery.ack();
    this.tasksFailed++;
    this.deps.store.event('warn', 'parked', `message parked: ${reason}`, { taskId: taskId ?? null });
    this.deps.logger.warn(`message parked in ${this.deps.topology.parkingQueue}: ${reason}`);
  }

  private workerStatus(): WorkerStatus {
    if (this.stopping) return 'stopping';
    if (!this.enabledValue) return 'paused';
    if (this.disk.state.low) return 'disk_low';
    if (this.supervisor.state !== 'connected') return 'reconnecting';
    return this.active.size >= this.config.concurrency ? 'busy' : 'running';
  }

  private scheduleHeartbeat(delayMs: number): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      this.sendHeartbeat();
      if (!this.stopping) this.scheduleHeartbeat(this.config.heartbeatIntervalS * 1000);
    }, delayMs);
    this.heartbeatTimer.unref();
  }

  private sendHeartbeat(): void {
    if (this.stopping) return;
    const session = this.supervisor.current();
    const facts = {
      workerId: this.config.workerId,
      status: this.workerStatus(),
      currentTasks: this.active.size,
      maxTasks: this.config.concurrency,
      cpuPercent: this.load.cpuPercent(),
      memoryPercent: this.load.memoryPercent(),
      tasksCompleted: this.tasksCompleted,
      tasksFailed: this.tasksFailed,
      startTime: this.startTime,
      version: this.deps.version,
      capabilities: ['diagnosis'],
      outboxBacklog: this.deps.store.outboxBacklog(),
      ...(this.disk.state.low ? { diskLow: this.disk.state } : {}),
      probes: this.probes.figures(),
    };
    if (session) {
      try {
        // Heartbeats go straight to the broker, not through the outbox: a stale one is worthless.
        session.confirm.publish(this.deps.topology.heartbeatExchange, this.config.workerId, Buffer.from(JSON.stringify(heartbeatMessage(facts))), {
          persistent: false,
          contentType: 'application/json',
          // Returned when the heartbeat queue vanished with its node, so that it is declared again.
          mandatory: true,
        });
        this.lastHeartbeat = new Date();
      } catch (err) {
        this.deps.logger.warn(`heartbeat not sent: ${(err as Error).message}`);
      }
    }
    if (this.deps.platform) {
      const status = facts.status === 'paused' ? 'maintenance' : facts.status === 'busy' ? 'busy' : facts.status === 'running' ? 'online' : 'error';
      void this.deps.platform.heartbeat({ worker_id: this.config.workerId, current_tasks: facts.currentTasks, status }, this.registration()).then((r) => {
        if (!r.ok) this.deps.logger.warn(`platform heartbeat failed: ${r.error.message}`);
      });
    }
  }

  private registration() {
    return { worker_id: this.config.workerId, host: hostname(), port: 0, max_concurrent_tasks: this.config.concurrency, capabilities: ['diagnosis'] };
  }

  private async registerWithPlatform(): Promise<void> {
    if (!this.deps.platform) return;
    const r = await this.deps.platform.register(this.registration());
    if (!r.ok) this.deps.logger.warn(`platform registration failed: ${r.error.message}`);
  }
}

type RunCompletionRows = Parameters<WorkerStore['completeRun']>[0]['rows'];
