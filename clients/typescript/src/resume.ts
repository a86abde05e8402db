import type { Delivery, StreamFrame } from './events.js';
import type { Conversation, Member, Message, Receipt, SyncPage } from './types.js';

/** Where the engine sends what it decides; the client turns these into events and requests. */
export interface ResumeOutput {
  /** An event for the application, in the order it must be seen. */
  deliver(delivery: Delivery): void;
  /**
   * Messages are missing in a conversation: ask {@link ResumeEngine.fillFrom} where to start, fetch
   * `GET .../messages?after_seq=` from there and feed the page to {@link ResumeEngine.history}, until it answers null.
   */
  gap(conversationId: number): void;
  /**
   * A message's state is in doubt (a live change may be newer than what was read): read it again
   * (`after_seq = seq - 1`, `limit = 1`) and feed it to {@link ResumeEngine.refreshed}.
   */
  refetch(conversationId: number, seq: number): void;
  /** The caller's own view of a conversation, from a sync answer (its unread counts are the caller's). */
  view(conversation: Conversation): void;
}

/** What is known of one conversation's messages. */
interface Track {
  /** The seq of the newest message delivered (or known to the application from before). */
  delivered: number;
  /** The newest seq the server said exists. */
  target: number;
  /** Events above `delivered`, by seq, waiting for the messages before them. */
  waiting: Map<number, Waiting>;
  /** Whether `gap` was announced and not yet answered by `fillFrom` returning null. */
  filling: boolean;
}

interface Waiting {
  created?: Message;
  live?: boolean;
  after: StreamFrame[];
}

interface Snapshot {
  message: Message;
  /** The engine's frame count when a live frame last changed it; 0 when it was read from a REST answer. */
  tick: number;
}

const SNAPSHOT_LIMIT = 5000;
const SEQ_EVENTS = new Set(['message.updated', 'message.deleted', 'reaction.added', 'reaction.removed', 'pin.added', 'pin.removed']);

/**
 * Puts the server's events in order, once each, across reconnects: fed with socket frames, sync answers and history
 * pages, it keeps per conversation the seq of the last message delivered, drops what was delivered already, holds
 * what comes early until the messages before it arrive, and asks for what is missing. It does no I/O: the client
 * fetches what it asks for and feeds the answers back.
 *
 * On every (re)connect the client calls {@link beginSync}, feeds each sync answer to {@link syncPage}, then calls
 * {@link endSync}. Frames of the new socket are fed as they come: a message ahead of the catch-up waits for it, and a
 * frame about a conversation the engine does not know yet waits for the end of the sync (which may introduce it). A
 * socket lost in the middle of a sync changes nothing: the next sync goes on from the last answer fed.
 */
export class ResumeEngine {
  private readonly tracks = new Map<number, Track>();
  private readonly snapshots = new Map<number, Snapshot>();
  private readonly announced = new Set<number>();
  private held: StreamFrame[] = [];
  private syncing = false;
  private live = false;
  private caughtUpOnce = false;
  private ticks = 0;

  constructor(
    private readonly out: ResumeOutput,
    private readonly self: () => number | null,
  ) {}

  /** A counter of frames handled; pass it to {@link syncPage}/{@link history} as the moment their request started. */
  tick(): number {
    return this.ticks;
  }

  /** The seq of the newest message delivered in a conversation, if the engine knows it. */
  delivered(conversationId: number): number | undefined {
    return this.tracks.get(conversationId)?.delivered;
  }

  /** Whether the engine is catching up (between {@link beginSync} and {@link endSync}). */
  get catchingUp(): boolean {
    return this.syncing;
  }

  /**
   * A view of a conversation the application fetched itself (list or detail): it has the messages up to `last_seq`
   * from there, so a conversation new to the engine starts after them; a known one learns how far it goes.
   */
  seed(conversation: Conversation): void {
    const track = this.tracks.get(conversation.id);
    if (!track) {
      this.tracks.set(conversation.id, newTrack(conversation.last_seq));
      return;
    }
    if (conversation.last_seq > track.target) {
      track.target = conversation.last_seq;
      this.announceGap(conversation.id, track);
    }
  }

  /** A socket opened: a catch-up starts. Calling it again (a new socket mid-sync) keeps what was held. */
  beginSync(): void {
    this.syncing = true;
    this.live = true;
  }

  /** The socket closed: nothing is asked for until the next catch-up starts. */
  suspend(): void {
    this.live = false;
  }

  /** Forgets everything (logged out). */
  reset(): void {
    this.tracks.clear();
    this.snapshots.clear();
    this.announced.clear();
    this.held = [];
    this.syncing = false;
    this.live = false;
    this.caughtUpOnce = false;
  }

  /**
   * One answer of `GET /v1/sync`. The first catch-up only learns where each conversation stands (the application
   * loads what it shows); later ones deliver what changed: new conversations, new messages, changed messages.
   *
   * @param startedAt {@link tick} when the request was sent
   */
  syncPage(page: SyncPage, startedAt: number = this.ticks): void {
    const first = !this.caughtUpOnce;
    for (const item of page.items) {
      const conversation = item.conversation;
      const id = conversation.id;
      let track = this.tracks.get(id);
      const known = track !== undefined;
      if (!track) {
        // The first catch-up starts each conversation at its newest message; a later one at the caller's read mark,
        // so what arrived while away and is unread is delivered.
        const start = first ? conversation.last_seq : Math.max(0, conversation.last_seq - conversation.unread_count);
        track = newTrack(start);
        this.tracks.set(id, track);
        if (!first) this.announceConversation(conversation);
      } else if (!first) {
        this.out.deliver({ type: 'conversation.updated', event: { conversationId: id, conversation } });
      }
      this.out.view(conversation);
      for (const message of item.messages) {
        if (message.seq > track.delivered) {
          this.offer(id, track, message, false);
        } else if (known && !first) {
          this.compare(id, message, startedAt);
        } else {
          // Older than what the application is owed (it loads those itself); kept to recognise a change seen again.
          this.remember(message, 0);
        }
      }
      if (!first) this.deliverReceipts(id, item.receipts);
      track.target = Math.max(track.target, conversation.last_seq);
      this.announceGap(id, track);
    }
  }

  /** The catch-up is over: frames held for conversations it did not know are handled now. */
  endSync(): void {
    this.syncing = false;
    this.caughtUpOnce = true;
    const held = this.held;
    this.held = [];
    for (const frame of held) this.handle(frame);
    for (const [id, track] of this.tracks) this.announceGap(id, track);
  }

  /** A frame of `/v1/stream`. */
  frame(frame: StreamFrame): void {
    if (this.syncing && frame.conversation_id !== null && !this.tracks.has(frame.conversation_id)) {
      this.held.push(frame);
      return;
    }
    this.handle(frame);
  }

  /**
   * Where the history of a conversation should be read from (`after_seq`) to fill its gap, or null when there is no
   * gap any more (the fill is over; a new gap will be announced again).
   */
  fillFrom(conversationId: number): number | null {
    const track = this.tracks.get(conversationId);
    if (!track) return null;
    if (needsFill(track)) return track.delivered;
    track.filling = false;
    return null;
  }

  /** The client gave up filling a gap for now (an error); the next catch-up asks again. */
  fillAbandoned(conversationId: number): void {
    const track = this.tracks.get(conversationId);
    if (track) track.filling = false;
  }

  /** A page of `GET .../messages?after_seq=` (any order): the messages missing are delivered, in order. */
  history(conversationId: number, messages: Message[]): void {
    const track = this.tracks.get(conversationId);
    if (!track) return;
    for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
      if (message.seq > track.delivered) this.offer(conversationId, track, message, false);
    }
  }

  /** Messages read again after {@link ResumeOutput.refetch}: delivered as updates when they changed. */
  refreshed(conversationId: number, messages: Message[], startedAt: number): void {
    const track = this.tracks.get(conversationId);
    for (const message of messages) {
      if (track && message.seq > track.delivered) this.offer(conversationId, track, message, false);
      else this.compare(conversationId, message, startedAt);
    }
  }

  private handle(frame: StreamFrame): void {
    this.ticks += 1;
    const id = frame.conversation_id;
    const data = (frame.data ?? {}) as Record<string, unknown>;
    if (frame.type === 'presence.updated') {
      this.out.deliver({
        type: 'presence.updated',
        event: {
          userId: data.user_id as number,
          online: data.online as boolean,
          lastSeenAt: (data.last_seen_at as string | null | undefined) ?? null,
        },
      });
      return;
    }
    if (id === null) return;
    if (frame.type === 'message.created') {
      const message = frame.data as Message;
      let track = this.tracks.get(id);
      const known = track !== undefined;
      if (!track) {
        // The first message of a conversation met live: nothing before it is owed to the application.
        track = newTrack(message.seq - 1);
        this.tracks.set(id, track);
      }
      this.offer(id, track, message, true);
      return;
    }
    if (SEQ_EVENTS.has(frame.type) && frame.seq !== null) {
      const track = this.tracks.get(id);
      if (!track || frame.seq <= track.delivered) {
        this.deliverAfter(id, frame);
        return;
      }
      waitingAt(track, frame.seq).after.push(frame);
      this.announceGap(id, track);
      return;
    }
    this.deliverPlain(id, frame, data);
  }

  // Events that need no order among messages.
  private deliverPlain(id: number, frame: StreamFrame, data: Record<string, unknown>): void {
    switch (frame.type) {
      case 'read.updated':
        this.out.deliver({
          type: 'read.updated',
          event: { conversationId: id, userId: data.user_id as number, lastReadSeq: data.last_read_seq as number },
        });
        return;
      case 'receipt.updated':
        this.deliverReceipts(id, [data as unknown as Receipt]);
        return;
      case 'typing':
        this.out.deliver({
          type: 'typing',
          event: { conversationId: id, userId: data.user_id as number, expiresInMs: data.expires_in_ms as number },
        });
        return;
      case 'conversation.created': {
        const conversation = data as unknown as Conversation;
        if (!this.tracks.has(id)) this.tracks.set(id, newTrack(conversation.last_seq));
        this.announceConversation(conversation);
        return;
      }
      case 'conversation.updated':
        this.out.deliver({
          type: 'conversation.updated',
          event: { conversationId: id, conversation: data as unknown as Conversation },
        });
        return;
      case 'member.added':
      case 'member.removed':
      case 'member.updated': {
        const member = data as unknown as Member;
        if (member.user_id === this.self()) {
          // Joining starts at the read mark the server gave the new member; leaving forgets the conversation, so
          // joining again starts afresh.
          if (frame.type === 'member.added' && !this.tracks.has(id) && typeof member.last_read_seq === 'number') {
            this.tracks.set(id, newTrack(member.last_read_seq));
          }
          if (frame.type === 'member.removed') {
            this.tracks.delete(id);
            this.announced.delete(id);
          }
        }
        this.out.deliver({ type: frame.type, event: { conversationId: id, member } });
        return;
      }
      default:
        // A type this version does not know: left out rather than guessed at.
        return;
    }
  }

  // A message.created candidate at its seq: delivered now if it is next, else kept until the ones before arrive.
  private offer(id: number, track: Track, message: Message, live: boolean): void {
    if (message.seq <= track.delivered) return;
    if (message.seq === track.delivered + 1) {
      const waiting = track.waiting.get(message.seq);
      track.waiting.delete(message.seq);
      this.deliverCreated(id, track, message, live, waiting?.after ?? []);
      this.drain(id, track);
      return;
    }
    const waiting = waitingAt(track, message.seq);
    if (!waiting.created || (live && !waiting.live)) {
      // A live frame is the message as it was created, which the changes waiting after it build on.
      waiting.created = message;
      waiting.live = live;
    }
    this.announceGap(id, track);
  }

  private drain(id: number, track: Track): void {
    for (;;) {
      const next = track.waiting.get(track.delivered + 1);
      if (!next?.created) break;
      track.waiting.delete(track.delivered + 1);
      this.deliverCreated(id, track, next.created, next.live === true, next.after);
    }
  }

  private deliverCreated(id: number, track: Track, message: Message, live: boolean, after: StreamFrame[]): void {
    track.delivered = message.seq;
    track.target = Math.max(track.target, message.seq);
    this.remember(message, live ? this.ticks : 0);
    this.out.deliver({ type: 'message.created', event: { conversationId: id, message } });
    // Changes that arrived before their message: a message read from REST may already include a reaction that
    // arrived live meanwhile, and counting it twice would be wrong, so such a message is read again instead.
    let doubtful = false;
    for (const frame of after) {
      if (!live && (frame.type === 'reaction.added' || frame.type === 'reaction.removed')) doubtful = true;
      else this.deliverAfter(id, frame);
    }
    if (doubtful) this.out.refetch(id, message.seq);
  }

  // A change to a delivered message, from a frame.
  private deliverAfter(id: number, frame: StreamFrame): void {
    const seq = frame.seq as number;
    const data = (frame.data ?? {}) as Record<string, unknown>;
    switch (frame.type) {
      case 'message.updated':
      case 'message.deleted': {
        const message = frame.data as Message;
        const known = this.snapshots.get(message.id)?.message;
        if (known && (same(known, message) || isOlder(message, known))) return;
        this.remember(message, this.ticks);
        this.out.deliver({ type: frame.type, event: { conversationId: id, message } });
        return;
      }
      case 'reaction.added':
      case 'reaction.removed': {
        const messageId = data.message_id as number;
        const emoji = data.emoji as string;
        const userId = data.user_id as number;
        this.applyReaction(messageId, emoji, userId, frame.type === 'reaction.added');
        this.out.deliver({ type: frame.type, event: { conversationId: id, messageId, seq, emoji, userId } });
        return;
      }
      case 'pin.added':
      case 'pin.removed': {
        const messageId = data.message_id as number;
        const snapshot = this.snapshots.get(messageId);
        if (snapshot) {
          snapshot.message = { ...snapshot.message, pinned: frame.type === 'pin.added' };
          snapshot.tick = this.ticks;
        }
        this.out.deliver({
          type: frame.type,
          event: { conversationId: id, messageId, seq, userId: data.user_id as number, at: data.at as string },
        });
        return;
      }
    }
  }

  // A message a catch-up found changed: delivered when it differs from what the application has, unless a live
  // change came after the read began (then it is read again).
  private compare(id: number, message: Message, startedAt: number): void {
    const known = this.snapshots.get(message.id);
    if (known) {
      if (same(known.message, message) || isOlder(message, known.message)) return;
      if (known.tick > startedAt) {
        this.out.refetch(id, message.seq);
        return;
      }
    }
    this.remember(message, 0);
    const type = message.deleted && !known?.message.deleted ? 'message.deleted' : 'message.updated';
    this.out.deliver({ type, event: { conversationId: id, message } });
  }

  private applyReaction(messageId: number, emoji: string, userId: number, added: boolean): void {
    const snapshot = this.snapshots.get(messageId);
    if (!snapshot) return;
    const reactions = [...(snapshot.message.reactions ?? [])];
    const index = reactions.findIndex((r) => r.emoji === emoji);
    const mine = userId === this.self();
    if (index < 0) {
      if (added) reactions.push({ emoji, count: 1, me: mine ? true : null });
    } else {
      const current = reactions[index]!;
      const count = current.count + (added ? 1 : -1);
      if (count <= 0) reactions.splice(index, 1);
      else reactions[index] = { ...current, count, me: mine ? added : current.me };
    }
    snapshot.message = { ...snapshot.message, reactions };
    snapshot.tick = this.ticks;
  }

  private deliverReceipts(id: number, receipts: Receipt[] | undefined): void {
    for (const receipt of receipts ?? []) {
      if (receipt.user_id === this.self()) continue;
      this.out.deliver({
        type: 'receipt.updated',
        event: {
          conversationId: id,
          userId: receipt.user_id,
          lastReadSeq: receipt.last_read_seq ?? null,
          lastDeliveredSeq: receipt.last_delivered_seq ?? null,
        },
      });
    }
  }

  private announceConversation(conversation: Conversation): void {
    if (this.announced.has(conversation.id)) return;
    this.announced.add(conversation.id);
    this.out.deliver({ type: 'conversation.created', event: { conversationId: conversation.id, conversation } });
  }

  private announceGap(id: number, track: Track): void {
    // While catching up, the sync itself may bring what is missing: gaps are asked for once it is over.
    if (!this.live || this.syncing || track.filling || !needsFill(track)) return;
    track.filling = true;
    this.out.gap(id);
  }

  private remember(message: Message, tick: number): void {
    this.snapshots.delete(message.id);
    this.snapshots.set(message.id, { message, tick });
    if (this.snapshots.size > SNAPSHOT_LIMIT) {
      const oldest = this.snapshots.keys().next().value as number;
      this.snapshots.delete(oldest);
    }
  }
}

function newTrack(delivered: number): Track {
  return { delivered, target: delivered, waiting: new Map(), filling: false };
}

function waitingAt(track: Track, seq: number): Waiting {
  let waiting = track.waiting.get(seq);
  if (!waiting) {
    waiting = { after: [] };
    track.waiting.set(seq, waiting);
  }
  return waiting;
}

function needsFill(track: Track): boolean {
  let highest = track.target;
  for (const seq of track.waiting.keys()) highest = Math.max(highest, seq);
  return track.delivered < highest;
}

// What a member sees of a message, without `me` (which stream events leave null).
function visible(message: Message): string {
  return JSON.stringify([
    message.body ?? null,
    message.edited_at ?? null,
    message.deleted,
    message.pinned,
    (message.reactions ?? []).map((r) => [r.emoji, r.count]),
    message.reply_to ? [message.reply_to.snippet, message.reply_to.deleted] : null,
    (message.attachments ?? []).map((a) => a.id),
  ]);
}

function same(a: Message, b: Message): boolean {
  return visible(a) === visible(b);
}

// Whether `candidate` is an earlier state than `known`: deletion is final, and edits only move forward.
function isOlder(candidate: Message, known: Message): boolean {
  if (known.deleted && !candidate.deleted) return true;
  const knownEdit = known.edited_at ? Date.parse(known.edited_at) : null;
  const candidateEdit = candidate.edited_at ? Date.parse(candidate.edited_at) : null;
  return knownEdit !== null && (candidateEdit === null || candidateEdit < knownEdit);
}
