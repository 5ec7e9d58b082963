// The broker side of the bridge tests: publishes tasks, results and heartbeats as the platform and
// the edge nodes do, plays the platform app's own task consumer (which fails every task it takes),
// and reads what the bridge parked.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { bridgeTopology, RESULT_PARKING_QUEUE } from '../../main/core/bridge/bridge.ts';
import { declareTopology, platformTopology } from '../../main/core/broker/topology.ts';

export interface EdgeResultOptions {
  workerId?: string;
  success?: boolean;
  rows?: number;
  /** Every row abnormal (warning) instead of normal. */
  abnormal?: boolean;
  createdAt?: string;
}

/** A result as an edge node sends it, with `rows` rows (message id worker:run). */
export function edgeResult(taskId: number, run: number, o: EdgeResultOptions = {}): { messageId: string; body: Record<string, unknown> } {
  const workerId = o.workerId ?? 'edge-test';
  const createdAt = o.createdAt ?? new Date(Date.UTC(2025, 7, 13, 8, 0, 0) + run * 1000).toISOString();
  const runId = `${taskId}@${createdAt}`;
  const rows = Array.from({ length: o.rows ?? 2 }, (_, i) => ({
    camera_id: 1000 + i,
    camera_name: `cam-${i}`,
    diagnosis_type: i % 2 === 0 ? 'brightness' : 'clarity',
    diagnosis_status: o.abnormal ? 'warning' : 'normal',
    score: o.abnormal ? 45 : 80 + (i % 10),
    threshold: 30,
    thresholds: { brightness_min: 30, brightness_max: 220 },
    is_abnormal: Boolean(o.abnormal),
    processing_time: 12.5,
    error_message: o.abnormal ? '画面偏暗' : null,
    suggestions: o.abnormal ? ['检查补光'] : [],
    metrics: { mean: 120.5 },
    image_timestamp: createdAt,
  }));
  const success = o.success ?? true;
  return {
    messageId: `${workerId}:${runId}`,
    body: {
      task_id: taskId,
      worker_id: workerId,
      run_id: runId,
      created_at: createdAt,
      scheduled_at: createdAt,
      result: { success, results_count: rows.length, success_count: rows.length, error_count: 0, results: rows, ...(success ? {} : { error: 'timed out' }) },
      completed_at: new Date(Date.parse(createdAt) + 5000).toISOString(),
    },
  };
}

/** The platform's own failure result: no worker, no run, no message id. */
export function platformFailure(taskId: number): Record<string, unknown> {
  return { task_id: taskId, result: { success: false, error: "DiagnosisExecutor.execute_task() missing 1 required positional argument: 'db'" }, completed_at: new Date().toISOString() };
}

export class BridgePeer {
  private connection!: ChannelModel;
  private channel!: ConfirmChannel;
  private consumer: Channel | undefined;
  /** Task envelopes the simulated platform app took from diagnosis.tasks. */
  readonly platformTook: Array<Record<string, unknown>> = [];

  static async connect(url: string): Promise<BridgePeer> {
    const peer = new BridgePeer();
    peer.connection = await amqp.connect(url, { noDelay: true });
    peer.connection.on('error', () => undefined);
    await declareTopology(peer.connection, platformTopology());
    await declareTopology(peer.connection, bridgeTopology());
    peer.channel = await peer.connection.createConfirmChannel();
    return peer;
  }

  async publishResults(results: Array<{ messageId?: string; body: Record<string, unknown> | Buffer }>): Promise<void> {
    for (const r of results) {
      const body = Buffer.isBuffer(r.body) ? r.body : Buffer.from(JSON.stringify(r.body));
      this.channel.publish('easysight.results', 'result', body, { persistent: true, ...(r.messageId ? { messageId: r.messageId } : {}) });
    }
    await this.channel.waitForConfirms();
  }

  async publishHeartbeat(body: Record<string, unknown>): Promise<void> {
    this.channel.publish('easysight.heartbeat', String(body.worker_id ?? ''), Buffer.from(JSON.stringify(body)));
    await this.channel.waitForConfirms();
  }

  async publishTask(envelope: Record<string, unknown>): Promise<void> {
    this.channel.publish('easysight.tasks', 'diagnosis', Buffer.from(JSON.stringify(envelope)), { persistent: true, priority: 8, timestamp: Math.floor(Date.now() / 1000) });
    await this.channel.waitForConfirms();
  }

  /** Plays the platform app's in-process consumer of diagnosis.tasks: takes every task and acks it. */
  async consumeLikeThePlatform(): Promise<void> {
    this.consumer = await this.connection.createChannel();
    await this.consumer.consume('diagnosis.tasks', (msg) => {
      if (!msg) return;
      this.platformTook.push(JSON.parse(msg.content.toString()) as Record<string, unknown>);
      this.consumer?.ack(msg);
    });
  }

  async drainParked(): Promise<Array<{ body: string; reason: string }>> {
    const ch = await this.connection.createChannel();
    const out: Array<{ body: string; reason: string }> = [];
    try {
      for (;;) {
        const m = await ch.get(RESULT_PARKING_QUEUE, { noAck: true });
        if (!m) break;
        out.push({ body: m.content.toString(), reason: String(m.properties.headers?.['x-parked-reason'] ?? '') });
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
