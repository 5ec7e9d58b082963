// The last resort for a message that could be parked neither by its content nor on the broker: a
// local JSON-lines file with the reason, so it is acked instead of handed back in a loop. Writing
// never throws (the disk may be full); the caller learns whether the line was written.
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConsumeMessage } from 'amqplib';
import { redactJson } from '../secrets/redact-json.ts';
import { safeHeaders } from './header-encoding.ts';

export type DeadLetterOutcome = { ok: true } | { ok: false; message: string };

/** Bodies beyond this are kept by size only; past the file cap, only the metadata is written. */
const BODY_BYTES = 1024 * 1024;

/** A JSON body is kept as JSON with its credentials masked; anything else as it came, in base64. */
function bodyOf(content: Buffer): { json: unknown } | { body: string } {
  try {
    return { json: redactJson(JSON.parse(content.toString('utf8'))) };
  } catch {
    return { body: content.toString('base64') };
  }
}

export class DeadLetterFile {
  readonly path: string;
  private readonly maxBytes: number;

  constructor(path: string, maxBytes = 64 * 1024 * 1024) {
    this.path = path;
    this.maxBytes = maxBytes;
  }

  write(msg: ConsumeMessage, reason: string, workerId: string): DeadLetterOutcome {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const room = this.size() < this.maxBytes;
      const entry = {
        at: new Date().toISOString(),
        workerId,
        reason: reason.slice(0, 2000),
        exchange: msg.fields.exchange,
        routingKey: msg.fields.routingKey,
        redelivered: msg.fields.redelivered,
        messageId: typeof msg.properties.messageId === 'string' ? msg.properties.messageId : null,
        headers: safeHeaders(msg.properties.headers, 0).leftOut,
        bodyBytes: msg.content.length,
        ...(room && msg.content.length <= BODY_BYTES ? bodyOf(msg.content) : { body: null }),
      };
      appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      return { ok: true };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private size(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }
}
