// One connection, one consumer channel and one confirm channel, kept alive by us: reconnect with
// backoff and jitter, rotating over several broker URLs (a cluster). Each session has a generation
// number so that work started on a lost session can never ack on a new one.
import { EventEmitter } from 'node:events';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { redactUrls } from '../diagnosis/source/redact.ts';

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
}

export interface SupervisorOptions {
  urls: string[];
  /** AMQP heartbeat in seconds: 10-20 s notices a dead TCP connection in time. */
  heartbeatS?: number;
  connectTimeoutMs?: number;
  tls?: TlsOptions;
  backoff?: BackoffOptions;
  /** Sets up a fresh session (prefetch, topology, consume); a throw ends the session and retries. */
  onSession: (session: BrokerSession) => Promise<void>;
}

export interface BrokerSession {
  generation: number;
  /** The URL without credentials. */
  url: string;
  connection: ChannelModel;
  consumer: Channel;
  confirm: ConfirmChannel;
  /** True until the connection or either channel closes. */
  alive: boolean;
}

export type SupervisorState = 'stopped' | 'connecting' | 'connected' | 'reconnecting';

export interface SupervisorEvents {
  state: [state: SupervisorState, detail: string];
  session: [session: BrokerSession];
  'session-lost': [session: BrokerSession, reason: string];
}

export class BrokerSupervisor extends EventEmitter<SupervisorEvents> {
  private readonly options: Required<Omit<SupervisorOptions, 'tls'>> & { tls?: TlsOptions };
  private session: BrokerSession | undefined;
  private generation = 0;
  private attempt = 0;
  private urlIndex = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stateValue: SupervisorState = 'stopped';
  private connecting: Promise<void> | undefined;

  constructor(options: SupervisorOptions) {
    super();
    if (options.urls.length === 0) throw new Error('at least one broker URL is needed');
    this.options = {
      heartbeatS: 15,
      connectTimeoutMs: 10_000,
      backoff: { initialMs: 500, maxMs: 30_000 },
      ...options,
    };
  }

  get state(): SupervisorState {
    return this.stateValue;
  }

  /** The live session, if any. */
  current(): BrokerSession | undefined {
    return this.session?.alive ? this.session : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('connecting', 'starting');
    this.connectSoon(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    const s = this.session;
    this.session = undefined;
    if (s) {
      s.alive = false;
      await s.connection.close().catch(() => undefined);
    }
    this.setState('stopped', 'stopped');
  }

  private setState(state: SupervisorState, detail: string): void {
    this.stateValue = state;
    this.emit('state', state, detail);
  }

  private connectSoon(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.connecting = this.connectOnce().finally(() => (this.connecting = undefined));
    }, delayMs);
  }

  private async connectOnce(): Promise<void> {
    if (!this.running) return;
    const url = this.options.urls[this.urlIndex % this.options.urls.length]!;
    const safeUrl = redactUrls(url);
    let connection: ChannelModel | undefined;
    try {
      connection = await amqp.connect(this.withHeartbeat(url), {
        timeout: this.options.connectTimeoutMs,
        // Acks and confirms are tiny frames: Nagle's algorithm would hold them back for tens of ms.
        noDelay: true,
        ...(this.options.tls ?? {}),
      });
      // An unhandled 'error' would kill the process; 'close' follows every error and drives recovery.
      connection.on('error', () => undefined);
      const consumer = await connection.createChannel();
      const confirm = await connection.createConfirmChannel();
      const session: BrokerSession = { generation: ++this.generation, url: safeUrl, connection, consumer, confirm, alive: true };
      consumer.on('error', () => undefined);
      confirm.on('error', () => undefined);
      const lost = (reason: string) => this.lose(session, reason);
      connection.on('close', (err?: Error) => lost(`connection closed${err ? `: ${err.message}` : ''}`));
      consumer.on('close', () => lost('consumer channel closed'));
      confirm.on('close', () => lost('confirm channel closed'));
      this.session = session;
      await this.options.onSession(session);
      if (!session.alive) return;
      if (!this.running) {
        // stop() is waiting for this very attempt: close what it opened, do not call stop() again.
        session.alive = false;
        if (this.session === session) this.session = undefined;
        await connection.close().catch(() => undefined);
        return;
      }
      this.attempt = 0;
      this.setState('connected', safeUrl);
      this.emit('session', session);
    } catch (err) {
      const reason = redactUrls(err instanceof Error ? err.message : String(err));
      if (connection) await connection.close().catch(() => undefined);
      if (this.session && this.session.connection === connection) this.lose(this.session, reason);
      else this.retry(`${safeUrl}: ${reason}`);
    }
  }

  private lose(session: BrokerSession, reason: string): void {
    if (!session.alive) return;
    session.alive = false;
    if (this.session === session) this.session = undefined;
    // Closing the whole connection returns every unacked delivery to the queue at once.
    void session.connection.close().catch(() => undefined);
    this.emit('session-lost', session, reason);
    this.retry(reason);
  }

  private retry(reason: string): void {
    if (!this.running) return;
    this.urlIndex++;
    const delay = backoffDelay(this.attempt++, this.options.backoff);
    this.setState('reconnecting', `${reason}; retrying in ${delay} ms`);
    this.connectSoon(delay);
  }

  private withHeartbeat(url: string): string {
    const u = new URL(url);
    if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(this.options.heartbeatS));
    return u.toString();
  }
}
