// Plays the EasySight platform on a real broker: declares the topology exactly as the platform does
// (its own declarations, not ours), publishes tasks in the platform's envelope, and collects
// results and heartbeats the way the platform's consumers see them.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

export interface PeerResult {
  body: Record<string, unknown>;
  messageId?: string;
  persistent: boolean;
}

export class PlatformPeer {
  readonly results: PeerResult[] = [];
  readonly heartbeats: Array<Record<string, unknown>> = [];
  private connection!: ChannelModel;
  private channel!: ConfirmChannel;
  private consumer!: Channel;

  static async connect(url: string): Promise<PlatformPeer> {
    const peer = new PlatformPeer();
    // Publishes must not wait behind Nagle's algorithm for the acks of results on the same socket.
    peer.connection = await amqp.connect(url, { noDelay: true });
    peer.connection.on('error', () => undefined);
    peer.channel = await peer.connection.createConfirmChannel();
    peer.consumer = await peer.connection.createChannel();
    await peer.declare();
    return peer;
  }

  /** The platform's own declarations (protocol.md), argument for argument. */
  private async declare(): Promise<void> {
    const ch = this.channel;
    await ch.assertExchange('easysight.tasks', 'direct', { durable: true });
    await ch.assertExchange('easysight.results', 'direct', { durable: true });
    await ch.assertExchange('easysight.heartbeat', 'fanout', { durable: true });
    for (const [queue, key] of [['diagnosis.tasks', 'diagnosis'], ['event.tasks', 'event'], ['ai_service.tasks', 'ai_service']] as const) {
      await ch.assertQueue(queue, { durable: true, arguments: { 'x-message-ttl': 3600000, 'x-max-priority': 10 } });
      await ch.bindQueue(queue, 'easysight.tasks', key);
    }
    await ch.assertQueue('task.results', { durable: true });
    await ch.bindQueue('task.results', 'easysight.results', 'result');
    await ch.assertQueue('worker.heartbeat', { durable: false, autoDelete: true });
    await ch.bindQueue('worker.heartbeat', 'easysight.heartbeat', '');
    await this.consumer.consume('task.results', (msg) => {
      if (!msg) return;
      this.results.push({ body: JSON.parse(msg.content.toString()) as Record<string, unknown>, messageId: msg.properties.messageId as string | undefined, persistent: msg.properties.deliveryMode === 2 });
      this.consumer.ack(msg);
    });
    await this.consumer.consume('worker.heartbeat', (msg) => {
      if (!msg) return;
      this.heartbeats.push(JSON.parse(msg.content.toString()) as Record<string, unknown>);
      this.consumer.ack(msg);
    });
  }

  /** Publishes like the platform: persistent, priority, timestamp; no message_id or content_type. */
  async publishTask(envelope: Record<string, unknown>, priority = 5): Promise<void> {
    this.channel.publish('easysight.tasks', 'diagnosis', Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      priority,
      timestamp: Math.floor(Date.now() / 1000),
    });
    await this.channel.waitForConfirms();
  }

  /** Many tasks, confirmed once at the end (a scheduler releasing a batch). */
  async publishTasks(envelopes: Array<Record<string, unknown>>, priority = 5): Promise<void> {
    for (const e of envelopes) {
      this.channel.publish('easysight.tasks', 'diagnosis', Buffer.from(JSON.stringify(e)), { persistent: true, priority, timestamp: Math.floor(Date.now() / 1000) });
    }
    await this.channel.waitForConfirms();
  }

  async publishRaw(body: Buffer, options: { contentType?: string; headers?: Record<string, unknown>; messageId?: string } = {}): Promise<void> {
    this.channel.publish('easysight.tasks', 'diagnosis', body, { persistent: true, ...options });
    await this.channel.waitForConfirms();
  }

  async queue(name: string): Promise<{ messages: number; consumers: number }> {
    const ch = await this.connection.createChannel();
    try {
      const q = await ch.checkQueue(name);
      return { messages: q.messageCount, consumers: q.consumerCount };
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async drainParked(): Promise<Array<{ body: Buffer; reason: string; headers: Record<string, unknown> }>> {
    const ch = await this.connection.createChannel();
    const out: Array<{ body: Buffer; reason: string; headers: Record<string, unknown> }> = [];
    try {
      for (;;) {
        const m = await ch.get('diagnosis.tasks.rejected', { noAck: true });
        if (!m) break;
        out.push({ body: m.content, reason: String(m.properties.headers?.['x-parked-reason'] ?? ''), headers: (m.properties.headers ?? {}) as Record<string, unknown> });
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
    return out;
  }

  /** The message ids of the parked messages, taken off the parking queue (bodies are not kept). */
  async drainParkedIds(): Promise<string[]> {
    const ch = await this.connection.createChannel();
    const out: string[] = [];
    try {
      for (;;) {
        const m = await ch.get('diagnosis.tasks.rejected', { noAck: true });
        if (!m) break;
        out.push(String(m.properties.messageId));
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
    return out;
  }

  async deleteQueue(name: string): Promise<void> {
    const ch = await this.connection.createChannel();
    try {
      await ch.deleteQueue(name);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Results per task/run, to count lost and duplicated ones. */
  resultsByRun(): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.results) {
      const key = String(r.body.run_id ?? r.body.task_id);
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}

/** A task in the platform's envelope, with the edge node's inline cameras. */
export function platformTask(taskId: number, cameras: Array<{ id: number; stream_url: string; name?: string; username?: string; password?: string }>, types = ['brightness', 'clarity'], createdAt = new Date().toISOString()): Record<string, unknown> {
  return {
    task_id: taskId,
    task_type: 'diagnosis',
    created_at: createdAt,
    priority: 5,
    data: {
      task_id: taskId,
      task_type: 'diagnosis',
      camera_ids: cameras.map((c) => c.id),
      cameras,
      diagnosis_types: types,
      diagnosis_config: {},
      threshold_config: {},
      scheduled_at: createdAt,
      immediate: true,
    },
  };
}
