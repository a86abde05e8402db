import { Backoff } from './backoff.js';
import { ParleyApiError, ParleyNetworkError } from './errors.js';
import type { Message } from './types.js';

/** What {@link ParleyClient.send} takes: a body, attachments (completed uploads), or both. */
export interface OutgoingMessage {
  body?: string;
  /** The id of a message of the same conversation this one replies to. */
  reply_to?: number;
  /** Members this message mentions. */
  mentions?: number[];
  /** Completed uploads of the caller to this conversation. */
  attachments?: (number | string)[];
}

/** A send in progress: its id, and the stored message once the server acknowledged it. */
export interface PendingSend {
  clientMessageId: string;
  sent: Promise<Message>;
}

export interface SenderOptions {
  /** Posts one message; throws {@link ParleyApiError} or {@link ParleyNetworkError}. */
  post(conversationId: number, body: Record<string, unknown>): Promise<Message>;
  /** A new client_message_id. */
  newId(): string;
  random: () => number;
  minDelayMs: number;
  maxDelayMs: number;
  acknowledged(conversationId: number, message: Message): void;
  failed(conversationId: number, clientMessageId: string, error: ParleyApiError): void;
  /** Whether there is still a session to send with. */
  loggedIn(): boolean;
}

interface Job {
  conversationId: number;
  clientMessageId: string;
  body: Record<string, unknown>;
  resolve(message: Message): void;
  reject(error: unknown): void;
}

interface Lane {
  jobs: Job[];
  running: boolean;
  backoff: Backoff;
  wake?: () => void;
}

/**
 * Sends messages so that each is stored once and a conversation's are stored in the order they were sent: one queue
 * per conversation, each message posted with its own client_message_id (a resend returns the stored message rather
 * than a copy) and retried after network errors, 5xx, 408 and 429 (after `Retry-After`) until acknowledged. Any
 * other 4xx is final: `failed` is told, the promise rejects, and the queue moves on.
 */
export class Sender {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly options: SenderOptions) {}

  send(conversationId: number, message: OutgoingMessage): PendingSend {
    const clientMessageId = this.options.newId();
    const body: Record<string, unknown> = { client_message_id: clientMessageId };
    if (message.body !== undefined) body.body = message.body;
    if (message.reply_to !== undefined) body.reply_to = message.reply_to;
    if (message.mentions !== undefined) body.mentions = message.mentions;
    if (message.attachments !== undefined) body.attachment_ids = message.attachments.map(Number);
    let resolve!: (message: Message) => void;
    let reject!: (error: unknown) => void;
    const sent = new Promise<Message>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Failures are also told through `send.failed`: an application that only listens there must not see an
    // unhandled rejection.
    sent.catch(() => undefined);
    const lane = this.lane(conversationId);
    lane.jobs.push({ conversationId, clientMessageId, body, resolve, reject });
    void this.run(lane);
    return { clientMessageId, sent };
  }

  /** Retries now whatever waits for its next try (the connection came back). */
  wake(): void {
    for (const lane of this.lanes.values()) lane.wake?.();
  }

  /** How many messages are waiting or in flight in a conversation. */
  pending(conversationId: number): number {
    return this.lanes.get(conversationId)?.jobs.length ?? 0;
  }

  /** Gives up every queued send (logged out); each rejects with `reason`. */
  abandon(reason: ParleyApiError): void {
    for (const lane of this.lanes.values()) {
      const jobs = lane.jobs.splice(0);
      for (const job of jobs) {
        job.reject(reason);
        this.options.failed(job.conversationId, job.clientMessageId, reason);
      }
      lane.wake?.();
    }
  }

  private lane(conversationId: number): Lane {
    let lane = this.lanes.get(conversationId);
    if (!lane) {
      lane = {
        jobs: [],
        running: false,
        backoff: new Backoff(this.options.minDelayMs, this.options.maxDelayMs, this.options.random),
      };
      this.lanes.set(conversationId, lane);
    }
    return lane;
  }

  private async run(lane: Lane): Promise<void> {
    if (lane.running) return;
    lane.running = true;
    try {
      for (let job = lane.jobs[0]; job; job = lane.jobs[0]) {
        await this.deliver(lane, job);
        if (lane.jobs[0] === job) lane.jobs.shift();
      }
    } finally {
      lane.running = false;
    }
  }

  private async deliver(lane: Lane, job: Job): Promise<void> {
    for (;;) {
      if (lane.jobs[0] !== job) return; // abandoned
      try {
        const message = await this.options.post(job.conversationId, job.body);
        lane.backoff.reset();
        this.options.acknowledged(job.conversationId, message);
        job.resolve(message);
        return;
      } catch (error) {
        if (lane.jobs[0] !== job) return;
        const final = error instanceof ParleyApiError && !retryable(error);
        if (final || !this.options.loggedIn()) {
          const reason = error instanceof ParleyApiError ? error : new ParleyApiError(401, 'Not logged in');
          this.options.failed(job.conversationId, job.clientMessageId, reason);
          job.reject(reason);
          return;
        }
        if (!(error instanceof ParleyApiError) && !(error instanceof ParleyNetworkError)) {
          // A bug rather than the network: retrying would not help.
          job.reject(error);
          return;
        }
        const backoff = lane.backoff.next();
        const asked = error instanceof ParleyApiError ? error.retryAfterMs : undefined;
        await this.pause(lane, asked ?? backoff);
      }
    }
  }

  private pause(lane: Lane, delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, delayMs);
      function done() {
        clearTimeout(timer);
        lane.wake = undefined;
        resolve();
      }
      lane.wake = done;
    });
  }
}

function retryable(error: ParleyApiError): boolean {
  return error.status >= 500 || error.status === 408 || error.status === 429;
}
