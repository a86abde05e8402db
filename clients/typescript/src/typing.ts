/**
 * How often a typing frame may go out per conversation. The server forwards at most one every 3 s and drops the rest;
 * half a second more keeps a frame that travels faster than the one before it from landing inside that window.
 */
export const TYPING_INTERVAL_MS = 3500;

/** Sends at most one typing frame per conversation every {@link TYPING_INTERVAL_MS}. */
export class TypingThrottle {
  private readonly lastSent = new Map<number, number>();

  constructor(
    private readonly now: () => number,
    /** Sends the frame; false when there is no open socket (then nothing is counted). */
    private readonly sendFrame: (frame: { type: 'typing'; conversation_id: number }) => boolean,
  ) {}

  typing(conversationId: number): void {
    const now = this.now();
    const last = this.lastSent.get(conversationId);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return;
    if (this.sendFrame({ type: 'typing', conversation_id: conversationId })) this.lastSent.set(conversationId, now);
  }
}
