// One connection, one consumer channel and one confirm channel, kept alive by us: reconnect with
// backoff and jitter, rotating over several broker URLs (a cluster). Each session has a generation
// number so that work started on a lost session can never ack on a new one. Every URL of the list is
// tried once before the backoff grows, and each worker starts at a random one so a fleet spreads.
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
  /** Picks the first URL and the jitter; replaceable so tests can pin them. */
  random?: () => number;
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
  /** Failed attempts since the last good session: the backoff grows once per round over all URLs. */
  private failures = 0;
  private urlIndex: number;
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
      random: Math.random,
      ...options,
    };
    this.urlIndex = Math.floor(this.options.random() * options.urls.length) % options.urls.length;
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
    const url = this.options.urls[this.urlIndex]!;
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
      // The broker's reason arrives as 'error' just before 'close': keep it so the log names the real cause.
      const causes = { consumer: '', confirm: '' };
      consumer.on('error', (err: Error) => (causes.consumer = err.message));
      confirm.on('error', (err: Error) => (causes.confirm = err.message));
      const lost = (reason: string) => this.lose(session, redactUrls(reason));
      connection.on('close', (err?: Error) => lost(`connection closed${err ? `: ${err.message}` : ''}`));
      // A lost connection closes its channels first, then itself with the cause, in the same tick:
      // waiting a microtask lets the connection name that cause.
      consumer.on('close', () => queueMicrotask(() => lost(`consumer channel closed${causes.consumer ? `: ${causes.consumer}` : ''}`)));
      confirm.on('close', () => queueMicrotask(() => lost(`confirm channel closed${causes.confirm ? `: ${causes.confirm}` : ''}`)));
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
      this.failures = 0;
      this.setState('connected', safeUrl);
      this.emit('session', session);
    } catch (err) {
      const reason = `${safeUrl}: ${redactUrls(err instanceof Error ? err.message : String(err))}`;
      const session = this.session?.connection === connection ? this.session : undefined;
      // A session that was already lost (a channel closed under the set-up) has scheduled its retry.
      if (session && !session.alive) return;
      // One retry per failure: lose() marks the session dead before its connection's 'close' can retry too.
      if (session) this.lose(session, reason);
      else {
        if (connection) await connection.close().catch(() => undefined);
        this.retry(reason);
      }
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
    this.urlIndex = (this.urlIndex + 1) % this.options.urls.length;
    const round = Math.floor(this.failures++ / this.options.urls.length);
    const delay = backoffDelay(round, this.options.backoff, this.options.random);
    this.setState('reconnecting', `${reason}; retrying in ${delay} ms`);
    this.connectSoon(delay);
  }

  private withHeartbeat(url: string): string {
    const u = new URL(url);
    if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(this.options.heartbeatS));
    return u.toString();
  }
}
