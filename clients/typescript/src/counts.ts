import type { Conversation, Message } from './types.js';

/** A conversation's unread messages and unread mentions of the caller. */
export interface Counts {
  unread: number;
  mentions: number;
}

interface State {
  /** The newest seq known. */
  lastSeq: number;
  /** The caller's read mark. */
  readSeq: number;
  /** Mentions of the caller the last view counted whose seqs are not known, all in (viewRead, viewSeq]. */
  unknownMentions: number;
  viewRead: number;
  viewSeq: number;
  /** Seqs above the read mark known to mention the caller, and known not to. */
  mentioning: Set<number>;
  plain: Set<number>;
  /** Whether a view of the caller's was seen: before one, the read mark is not known. */
  viewed: boolean;
  askedForView?: boolean;
  emitted?: Counts;
}

/**
 * Keeps each conversation's unread counts as the server counts them: unread is `last_seq - last_read_seq` (the
 * caller's own message moves their read mark, a deleted message still counts), mentions are the messages above the
 * read mark naming the caller that are not deleted. Starts from the caller's views (conversation list, detail,
 * sync) and follows events; when an event leaves a count it cannot know exactly (a read mark moved into mentions it
 * never saw), it asks for a fresh view through `stale`.
 */
export class UnreadCounts {
  private readonly states = new Map<number, State>();

  constructor(
    private readonly self: () => number | null,
    private readonly changed: (conversationId: number, counts: Counts) => void,
    private readonly stale: (conversationId: number) => void,
  ) {}

  /** The counts of a conversation; zeros for one never seen. */
  get(conversationId: number): Counts {
    const state = this.states.get(conversationId);
    return state ? countsOf(state) : { unread: 0, mentions: 0 };
  }

  /** The caller's own view of a conversation (`unread_count`, `unread_mention_count`, `last_seq`). */
  view(conversation: Conversation): void {
    const state = this.state(conversation.id);
    const viewSeq = conversation.last_seq;
    const viewRead = Math.max(0, viewSeq - conversation.unread_count);
    let known = 0;
    for (const seq of state.mentioning) if (seq > viewRead && seq <= viewSeq) known += 1;
    state.unknownMentions = Math.max(0, conversation.unread_mention_count - known);
    state.viewRead = viewRead;
    state.viewSeq = viewSeq;
    state.viewed = true;
    state.lastSeq = Math.max(state.lastSeq, viewSeq);
    this.moveRead(conversation.id, state, viewRead);
    this.settle(conversation.id, state);
    this.publish(conversation.id, state);
  }

  /** A message delivered (or sent by the caller and acknowledged). */
  message(conversationId: number, message: Message): void {
    const state = this.state(conversationId);
    state.lastSeq = Math.max(state.lastSeq, message.seq);
    if (message.sender_id === this.self()) {
      // Sending moves the sender's read mark to their message, which tells the mark.
      state.viewed = true;
      this.moveRead(conversationId, state, message.seq);
    } else {
      if (!state.viewed && !state.askedForView) {
        // A conversation met through another's message only: its read mark has to be asked for.
        state.askedForView = true;
        this.stale(conversationId);
      }
      if (message.seq > state.readSeq) this.learn(state, message);
    }
    this.publish(conversationId, state);
  }

  /**
   * The caller's read mark moved to `seq` (`read.updated`, a mark the client set, or the mark the server gave the
   * caller on joining).
   */
  read(conversationId: number, seq: number): void {
    const state = this.state(conversationId);
    state.viewed = true;
    state.lastSeq = Math.max(state.lastSeq, seq);
    this.moveRead(conversationId, state, seq);
    this.publish(conversationId, state);
  }

  /** The client moved the read mark to `seq`: the server keeps it at or below the newest message, and so does this. */
  readUpTo(conversationId: number, seq: number): void {
    const state = this.states.get(conversationId);
    if (state) this.read(conversationId, Math.min(seq, state.lastSeq));
  }

  /** A message became a tombstone: it stops counting as a mention. */
  deleted(conversationId: number, message: Message): void {
    const state = this.states.get(conversationId);
    if (!state || message.seq <= state.readSeq) return;
    if (state.mentioning.delete(message.seq)) {
      this.publish(conversationId, state);
      return;
    }
    const counted = message.seq > state.viewRead && message.seq <= state.viewSeq;
    if (counted && state.unknownMentions > 0 && !state.plain.has(message.seq)) this.stale(conversationId);
  }

  /** The caller left the conversation. */
  forget(conversationId: number): void {
    if (this.states.delete(conversationId)) this.changed(conversationId, { unread: 0, mentions: 0 });
  }

  /** Forgets everything (logged out). */
  reset(): void {
    this.states.clear();
  }

  private state(conversationId: number): State {
    let state = this.states.get(conversationId);
    if (!state) {
      state = { lastSeq: 0, readSeq: 0, unknownMentions: 0, viewRead: 0, viewSeq: 0, mentioning: new Set(), plain: new Set(), viewed: false };
      this.states.set(conversationId, state);
    }
    return state;
  }

  // A message above the read mark: whether it mentions the caller, and if it was among the view's unknown ones.
  private learn(state: State, message: Message): void {
    if (state.mentioning.has(message.seq) || state.plain.has(message.seq)) return;
    const self = this.self();
    const mentions = !message.deleted && self !== null && (message.mentions ?? []).includes(self);
    if (!mentions) {
      state.plain.add(message.seq);
      return;
    }
    state.mentioning.add(message.seq);
    if (message.seq > state.viewRead && message.seq <= state.viewSeq) {
      state.unknownMentions = Math.max(0, state.unknownMentions - 1);
    }
  }

  private moveRead(conversationId: number, state: State, seq: number): void {
    if (seq <= state.readSeq) return;
    state.readSeq = seq;
    for (const s of state.mentioning) if (s <= seq) state.mentioning.delete(s);
    for (const s of state.plain) if (s <= seq) state.plain.delete(s);
    this.settle(conversationId, state);
  }

  // The view's unknown mentions are all at or below its seq: a read mark there clears them; one partway leaves an
  // unknown number of them, which only a fresh view can tell.
  private settle(conversationId: number, state: State): void {
    if (state.unknownMentions === 0) return;
    if (state.readSeq >= state.viewSeq) state.unknownMentions = 0;
    else if (state.readSeq > state.viewRead) this.stale(conversationId);
  }

  private publish(conversationId: number, state: State): void {
    const counts = countsOf(state);
    if (state.emitted && state.emitted.unread === counts.unread && state.emitted.mentions === counts.mentions) return;
    state.emitted = counts;
    this.changed(conversationId, counts);
  }
}

function countsOf(state: State): Counts {
  let mentions = state.unknownMentions;
  for (const seq of state.mentioning) if (seq > state.readSeq) mentions += 1;
  return { unread: Math.max(0, state.lastSeq - state.readSeq), mentions };
}
