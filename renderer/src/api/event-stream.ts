// Server-Sent Events from the headless server, one EventSource shared by every listener. The
// browser retries on its own after a dropped connection, but gives up for good once the server
// answers with an error status (e.g. 401 while it restarts), so a closed stream is reopened here.
import type { ApiEvent, ApiEvents } from '../../../shared/api/contract.ts';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** A page switch drops every listener for a moment: closing at once would lose events sent meanwhile. */
const CLOSE_DELAY_MS = 5000;

type Listener = (payload: never) => void;

export class EventStream {
  readonly #url: string;
  readonly #listeners = new Map<ApiEvent, Set<Listener>>();
  #source: EventSource | null = null;
  #retryMs = RETRY_MIN_MS;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string) {
    this.#url = url;
  }

  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
      this.#source?.addEventListener(event, this.#dispatch);
    }
    set.add(listener as Listener);
    if (this.#closeTimer) clearTimeout(this.#closeTimer);
    this.#closeTimer = null;
    this.#open();
    return () => {
      set.delete(listener as Listener);
      if (this.#closeTimer || [...this.#listeners.values()].some((s) => s.size > 0)) return;
      this.#closeTimer = setTimeout(() => {
        this.#closeTimer = null;
        if ([...this.#listeners.values()].every((s) => s.size === 0)) this.#close();
      }, CLOSE_DELAY_MS);
    };
  }

  readonly #dispatch = (message: Event): void => {
    const { type, data } = message as MessageEvent<string>;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of this.#listeners.get(type as ApiEvent) ?? []) (listener as (p: unknown) => void)(payload);
  };

  #open(): void {
    if (this.#source || this.#retryTimer) return;
    const source = new EventSource(this.#url);
    for (const event of this.#listeners.keys()) source.addEventListener(event, this.#dispatch);
    source.onopen = () => {
      this.#retryMs = RETRY_MIN_MS;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return;
      this.#source = null;
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.#open();
      }, this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    };
    this.#source = source;
  }

  #close(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#source?.close();
    this.#source = null;
  }
}
