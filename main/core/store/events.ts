// worker_events: what the worker did and why, for the UI's log view and for support.
import { z } from 'zod';
import { parseRow, toJson } from './json-column.ts';
import type { Database, Statement } from './sqlite.ts';

export const EVENT_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export interface EventInput {
  level: EventLevel;
  /** Dotted machine name, e.g. `store.recovered`, `broker.reconnected`. */
  kind: string;
  message: string;
  data?: unknown;
  time?: number;
}

export interface WorkerEvent {
  id: number;
  time: number;
  level: EventLevel;
  kind: string;
  message: string;
  data: unknown;
}

export interface EventQuery {
  limit?: number;
  /** The id of the last event of the previous page. */
  before?: number;
  minLevel?: EventLevel;
  kind?: string;
}

const eventRow = z.object({
  id: z.number(),
  time: z.number(),
  level: z.enum(EVENT_LEVELS),
  kind: z.string(),
  message: z.string(),
  data: z
    .string()
    .nullable()
    .transform((text): unknown => (text === null ? null : JSON.parse(text))),
});

export class EventsRepository {
  private readonly now: () => number;
  private readonly insertStmt: Statement;
  private readonly recentStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.now = now;
    this.insertStmt = db.prepare('INSERT INTO worker_events (time, level, kind, message, data) VALUES (?, ?, ?, ?, ?)');
    // Levels are ranked in SQL so one prepared statement serves every filter.
    this.recentStmt = db.prepare(`
      SELECT * FROM worker_events
      WHERE id < @before AND (@kind IS NULL OR kind = @kind)
        AND CASE level WHEN 'debug' THEN 0 WHEN 'info' THEN 1 WHEN 'warn' THEN 2 ELSE 3 END >= @min_rank
      ORDER BY id DESC LIMIT @limit`);
  }

  add(event: EventInput): number {
    const data = event.data === undefined ? null : toJson(event.data);
    return Number(this.insertStmt.run(event.time ?? this.now(), event.level, event.kind, event.message, data).lastInsertRowid);
  }

  /** Newest first. */
  recent(query: EventQuery = {}): WorkerEvent[] {
    const rows = this.recentStmt.all({
      before: query.before ?? Number.MAX_SAFE_INTEGER,
      kind: query.kind ?? null,
      min_rank: EVENT_LEVELS.indexOf(query.minLevel ?? 'debug'),
      limit: Math.max(1, Math.min(1000, query.limit ?? 100)),
    });
    return rows.map((row) => parseRow(eventRow, row, 'worker_events'));
  }
}
