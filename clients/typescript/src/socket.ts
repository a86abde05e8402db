import type { Backoff } from './backoff.js';
import type { StreamFrame } from './events.js';

export interface StreamSocketOptions {
  WebSocket: typeof WebSocket | undefined;
  /** The socket's URL for an access token. */
  url(accessToken: string): string;
  /** A valid access token (refreshed when about to expire), or null when logged out. */
  accessToken(): Promise<string | null>;
  /** Refreshes the tokens (after the server closed the socket because its token expired). */
  refresh(expiredAccessToken: string | null): Promise<void>;
  /**
   * An authenticated request, made after the socket failed to open twice in a row: a browser cannot see the 401 that
   * refused it, so this is where an expired token is refreshed or a dead session noticed.
   */
  probe(): Promise<void>;
  backoff: Backoff;
  opened(): void;
  frame(frame: StreamFrame): void;
  /** The socket closed; it is reopened when `reconnecting` (unless the session was revoked, told by `revoked`). */
  closed(reconnecting: boolean): void;
  /** The server closed the socket because its session ended. */
  revoked(): void;
}

/** Close code of a socket the client closes to open another (a failed catch-up). */
const RETRY = 4000;

/**
 * One WebSocket to `/v1/stream`, kept open: reopened after it closes, with backoff and full jitter, except when the
 * server ends the session (1008 `revoked`); a 1008 `Access token expired` refreshes the token and reopens at once.
 */
export class StreamSocket {
  private socket: WebSocket | null = null;
  /** The access token the current socket was opened with: the one to renew when the server says it expired. */
  private openedWith: string | null = null;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failedOpens = 0;

  constructor(private readonly options: StreamSocketOptions) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failedOpens = 0;
    void this.open();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000);
    }
  }

  /** Closes the open socket and opens another after a backoff (its catch-up failed). */
  retry(): void {
    this.socket?.close(RETRY, 'Retry');
  }

  /** The socket carried a full catch-up: the next failure starts the backoff from the smallest delay. */
  healthy(): void {
    this.options.backoff.reset();
  }

  /** Sends a frame; false when no socket is open. */
  send(frame: unknown): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  private async open(): Promise<void> {
    if (!this.running || this.socket) return;
    let token: string | null;
    try {
      token = await this.options.accessToken();
    } catch {
      this.later();
      return;
    }
    if (!this.running || this.socket) return;
    if (token === null) {
      this.stop();
      return;
    }
    const Socket = this.options.WebSocket;
    if (!Socket) {
      this.stop();
      return;
    }
    const socket = new Socket(this.options.url(token));
    this.socket = socket;
    this.openedWith = token;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.failedOpens = 0;
      this.options.opened();
    };
    socket.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      let frame: StreamFrame;
      try {
        frame = JSON.parse(message.data) as StreamFrame;
      } catch {
        return;
      }
      if (frame && typeof frame.type === 'string') this.options.frame(frame);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      detach(socket);
      this.closed(event, opened);
    };
    socket.onerror = () => {
      // A close event follows; that is where the socket is reopened.
    };
  }

  private closed(event: CloseEvent, opened: boolean): void {
    if (this.running && event.code === 1008 && /revoked/i.test(event.reason)) {
      this.running = false;
      this.options.revoked();
      return;
    }
    this.options.closed(this.running);
    if (!this.running) return;
    if (event.code === 1008 && /expired/i.test(event.reason)) {
      this.options.refresh(this.openedWith).then(
        () => void this.open(),
        () => this.later(),
      );
      return;
    }
    if (!opened) this.failedOpens += 1;
    this.later();
  }

  private later(): void {
    if (!this.running) return;
    const delay = this.options.backoff.next();
    const probe = this.failedOpens >= 2;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!probe) {
        void this.open();
        return;
      }
      this.options.probe().then(
        () => void this.open(),
        () => void this.open(),
      );
    }, delay);
  }
}

function detach(socket: WebSocket): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
