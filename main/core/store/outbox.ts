// The outbox: result messages stored with their run, published by the relay, kept until a positive
// broker confirm marks them sent. Unsent rows are never pruned.
import { z } from 'zod';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import type { Database, Statement } from './sqlite.ts';

export interface OutboxMessage {
  /** Unique per result message: consumers drop duplicates by it. */
  messageId: string;
  exchange: string;
  routingKey: string;
  body: string | Uint8Array;
  /** AMQP headers/properties the relay needs to publish the message again as it was. */
  headers?: Record<string, unknown>;
}

export interface OutboxRow {
  id: number;
  messageId: string;
  runId: string | null;
  exchange: string;
  routingKey: string;
  body: Buffer;
  headers: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  sentAt: number | null;
}

export interface OutboxBacklog {
  /** Rows not yet confirmed by the broker. */
  pending: number;
  /** Of those, the rows due now (not waiting for a backoff). */
  due: number;
  /** created_at of the oldest unsent row, or null: how far behind the relay is. */
  oldestCreatedAt: number | null;
}

const outboxRow = z
  .object({
    id: z.number(),
    message_id: z.string(),
    run_id: z.string().nullable(),
    exchange: z.string(),
    routing_key: z.string(),
    body: z.instanceof(Buffer),
    headers: jsonColumn(z.record(z.string(), z.unknown())),
    created_at: z.number(),
    attempts: z.number(),
    last_error: z.string().nullable(),
    next_attempt_at: z.number(),
    sent_at: z.number().nullable(),
  })
  .transform(
    (r): OutboxRow => ({
      id: r.id,
      messageId: r.message_id,
      runId: r.run_id,
      exchange: r.exchange,
      routingKey: r.routing_key,
      body: r.body,
      headers: r.headers,
      createdAt: r.created_at,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at,
      sentAt: r.sent_at,
    }),
  );

const backlogRow = z.object({ pending: z.number(), due: z.number().nullable(), oldest: z.number().nullable() });

export class OutboxRepository {
  private readonly now: () => number;
  private readonly insertStmt: Statement;
  private readonly pendingStmt: Statement;
  private readonly sentStmt: Statement;
  private readonly failedStmt: Statement;
  private readonly backlogStmt: Statement;
  private readonly forRunStmt: Statement;
  private readonly byIdStmt: Statement;
  private readonly resendStmt: Statement;
  private readonly bodyStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.now = now;
    this.insertStmt = db.prepare(`
      INSERT INTO outbox (message_id, run_id, exchange, routing_key, body, headers, created_at, next_attempt_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.pendingStmt = db.prepare(`
      SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ?`);
    this.sentStmt = db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ? AND sent_at IS NULL');
    this.failedStmt = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL',
    );
    this.backlogStmt = db.prepare(`
      SELECT count(*) AS pending, sum(next_attempt_at <= ?) AS due, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL`);
    this.forRunStmt = db.prepare('SELECT * FROM outbox WHERE run_id = ? ORDER BY id DESC LIMIT 1');
    this.byIdStmt = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.resendStmt = db.prepare('UPDATE outbox SET sent_at = NULL, next_attempt_at = ? WHERE id = ?');
    this.bodyStmt = db.prepare('UPDATE outbox SET body = ? WHERE id = ? AND sent_at IS NULL');
  }

  /** Adds a message due at once; run it inside the transaction that stores what it reports. */
  add(message: OutboxMessage, runId: string | null, createdAt: number = this.now()): number {
    const body = typeof message.body === 'string' ? Buffer.from(message.body, 'utf8') : message.body;
    const info = this.insertStmt.run(
      message.messageId,
      runId,
      message.exchange,
      message.routingKey,
      body,
      toJson(message.headers ?? {}),
      createdAt,
      createdAt,
    );
    return Number(info.lastInsertRowid);
  }

  /** Unsent rows whose backoff has passed, oldest first; `afterId` skips rows a relay already holds. */
  pending(limit: number, now: number = this.now(), afterId = 0): OutboxRow[] {
    return this.pendingStmt.all(now, afterId, limit).map((row) => parseRow(outboxRow, row, 'outbox'));
  }

  /** After a positive broker confirm. False when the row is unknown or was already marked. */
  markSent(id: number, at: number = this.now()): boolean {
    return this.sentStmt.run(at, id).changes === 1;
  }

  /** After a nack, return, timeout or closed channel: counts the attempt and delays the next one. */
  markFailed(id: number, error: string, nextAttemptAt: number): boolean {
    return this.failedStmt.run(error, nextAttemptAt, id).changes === 1;
  }

  backlog(now: number = this.now()): OutboxBacklog {
    const row = parseRow(backlogRow, this.backlogStmt.get(now), 'outbox');
    return { pending: row.pending, due: row.due ?? 0, oldestCreatedAt: row.oldest };
  }

  /** The stored result message of a run, to re-send on redelivery instead of recomputing. */
  forRun(runId: string): OutboxRow | null {
    const row = this.forRunStmt.get(runId);
    return row === undefined ? null : parseRow(outboxRow, row, 'outbox');
  }

  /** Makes a row due again, sent or not: a redelivered run's result goes out once more. */
  resend(id: number, at: number = this.now()): boolean {
    return this.resendStmt.run(at, id).changes === 1;
  }

  /** A smaller body for an unsent row (the broker refused the first one's size). */
  replaceBody(id: number, body: Buffer): boolean {
    return this.bodyStmt.run(body, id).changes === 1;
  }

  get(id: number): OutboxRow | null {
    const row = this.byIdStmt.get(id);
    return row === undefined ? null : parseRow(outboxRow, row, 'outbox');
  }
}
