import { Backoff } from './backoff.js';
import { ParleyApiError } from './errors.js';
import type { ConnectionState, Delivery, StreamFrame } from './events.js';
import type { Http } from './http.js';
import { ResumeEngine } from './resume.js';
import { StreamSocket } from './socket.js';
import type { Conversation, Message, Page, SyncPage } from './types.js';

export interface RealtimeOptions {
  http: Http;
  WebSocket: typeof WebSocket | undefined;
  /** The socket URL for an access token. */
  streamUrl(accessToken: string): string;
  random: () => number;
  minDelayMs: number;
  maxDelayMs: number;
  self: () => number | null;
  deliver(delivery: Delivery): void;
  /** The caller's own view of a conversation, from a catch-up. */
  view(conversation: Conversation): void;
  /** The connection's state changed; `loggedOut` when the session ended. */
  state(state: ConnectionState, loggedOut: boolean): void;
  /** Caught up after a (re)connect. */
  online(): void;
  /** The server ended the session (socket closed as revoked). */
  revoked(): void;
}

/** Conversations per sync answer. */
const SYNC_LIMIT = 50;
/** Messages per history page when filling a gap (the server's maximum). */
const FILL_LIMIT = 100;
/** Tries without progress before a gap is left to the next catch-up. */
const FILL_TRIES = 5;

/**
 * The real-time side of the client: the socket, the catch-up through `/v1/sync` on every (re)connect, and the
 * history reads that fill gaps, all feeding one {@link ResumeEngine}.
 */
export class Realtime {
  readonly engine: ResumeEngine;
  private readonly socket: StreamSocket;
  private current: ConnectionState = 'offline';
  private cursor: string | null = null;
  /** Whether the cursor stops in the middle of a pass (its catch-up was cut by a reconnect). */
  private midPass = false;
  private generation = 0;
  private readonly refetching = new Set<string>();

  constructor(private readonly options: RealtimeOptions) {
    this.engine = new ResumeEngine(
      {
        deliver: (delivery) => options.deliver(delivery),
        gap: (conversationId) => void this.fill(conversationId),
        refetch: (conversationId, seq) => void this.refetch(conversationId, seq),
        view: (conversation) => options.view(conversation),
      },
      options.self,
    );
    this.socket = new StreamSocket({
      WebSocket: options.WebSocket,
      url: options.streamUrl,
      accessToken: () => options.http.freshAccessToken(),
      refresh: (expired) => options.http.refreshAfterToken(expired),
      probe: () => options.http.call('GET', '/v1/conversations', { query: { limit: 1 } }).then(() => undefined),
      backoff: new Backoff(options.minDelayMs, options.maxDelayMs, options.random),
      opened: () => this.opened(),
      frame: (frame: StreamFrame) => this.engine.frame(frame),
      closed: (reconnecting) => this.closed(reconnecting),
      revoked: () => options.revoked(),
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  get running(): boolean {
    return this.socket.active;
  }

  connect(): void {
    if (this.socket.active) return;
    this.setState('connecting');
    this.socket.start();
  }

  disconnect(): void {
    this.generation += 1;
    this.socket.stop();
    this.engine.suspend();
    this.setState('offline');
  }

  /** Closes the socket and forgets the catch-up position and everything delivered: the session ended. */
  reset(): void {
    this.generation += 1;
    this.socket.stop();
    this.cursor = null;
    this.midPass = false;
    this.engine.reset();
    this.setState('offline', true);
  }

  sendFrame(frame: unknown): boolean {
    return this.socket.send(frame);
  }

  private opened(): void {
    this.generation += 1;
    this.setState('syncing');
    this.engine.beginSync();
    void this.sync(this.generation);
  }

  private closed(reconnecting: boolean): void {
    this.generation += 1;
    this.engine.suspend();
    this.setState(reconnecting ? 'connecting' : 'offline');
  }

  private async sync(generation: number): Promise<void> {
    try {
      // A pass cut by a reconnect goes on above the last conversation it read; those below it may have changed since,
      // so a catch-up that starts in the middle of a pass ends with one whole pass more.
      let wholePassOwed = this.midPass;
      for (;;) {
        const startedAt = this.engine.tick();
        const page = await this.options.http.call<SyncPage>('GET', '/v1/sync', {
          query: { since: this.cursor ?? undefined, limit: SYNC_LIMIT },
        });
        // A page answered after its socket closed is left out; the next catch-up reads it again from the cursor.
        if (generation !== this.generation) return;
        this.engine.syncPage(page, startedAt);
        this.cursor = page.next_cursor;
        this.midPass = page.has_more;
        if (page.has_more) continue;
        if (!wholePassOwed) break;
        wholePassOwed = false;
      }
      this.engine.endSync();
      this.socket.healthy();
      this.setState('online');
      this.options.online();
    } catch {
      if (generation === this.generation) this.socket.retry();
    }
  }

  private async fill(conversationId: number): Promise<void> {
    const backoff = new Backoff(this.options.minDelayMs, this.options.maxDelayMs, this.options.random);
    let fruitless = 0;
    for (;;) {
      if (!this.socket.active || fruitless >= FILL_TRIES) {
        this.engine.fillAbandoned(conversationId);
        return;
      }
      const from = this.engine.fillFrom(conversationId);
      if (from === null) return;
      try {
        const page = await this.options.http.call<Page<Message>>('GET', `/v1/conversations/${conversationId}/messages`, {
          query: { after_seq: from, limit: FILL_LIMIT },
        });
        this.engine.history(conversationId, page.items);
        if ((this.engine.delivered(conversationId) ?? from) > from) {
          fruitless = 0;
          backoff.reset();
          continue;
        }
      } catch (error) {
        if (error instanceof ParleyApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          // Not a member any more, or logged out: nothing to fill.
          this.engine.fillAbandoned(conversationId);
          return;
        }
      }
      fruitless += 1;
      await sleep(backoff.next());
    }
  }

  private async refetch(conversationId: number, seq: number): Promise<void> {
    const key = `${conversationId}:${seq}`;
    if (this.refetching.has(key)) return;
    this.refetching.add(key);
    try {
      const startedAt = this.engine.tick();
      const page = await this.options.http.call<Page<Message>>('GET', `/v1/conversations/${conversationId}/messages`, {
        query: { after_seq: seq - 1, limit: 1 },
      });
      this.engine.refreshed(conversationId, page.items, startedAt);
    } catch {
      // The next catch-up brings the message's state if it changed.
    } finally {
      this.refetching.delete(key);
    }
  }

  private setState(state: ConnectionState, loggedOut = false): void {
    if (state === this.current && !loggedOut) return;
    this.current = state;
    this.options.state(state, loggedOut);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
