import type { ParleyApiError } from './errors.js';
import type { Conversation, Member, Message } from './types.js';

/** The state of the real-time connection. */
export type ConnectionState = 'offline' | 'connecting' | 'syncing' | 'online';

/** A frame of `/v1/stream`, as the server sends it. */
export interface StreamFrame {
  type: string;
  conversation_id: number | null;
  seq: number | null;
  data: unknown;
}

/** Everything {@link ParleyClient.on} can listen to. */
export interface ParleyEvents {
  /**
   * A new message, once, in seq order within its conversation. A message that was sent and changed (or deleted)
   * while the client was away comes as it is now: possibly edited, possibly a tombstone (`deleted: true`).
   */
  'message.created': { conversationId: number; message: Message };
  /** A message's new state after an edit (or a catch-up that found it changed). */
  'message.updated': { conversationId: number; message: Message };
  /** A message became a tombstone. */
  'message.deleted': { conversationId: number; message: Message };
  /** Someone reacted to a message; `seq` is the message's. */
  'reaction.added': { conversationId: number; messageId: number; seq: number; emoji: string; userId: number };
  /** Someone took back a reaction. */
  'reaction.removed': { conversationId: number; messageId: number; seq: number; emoji: string; userId: number };
  /** A message was pinned: who did it and when. */
  'pin.added': { conversationId: number; messageId: number; seq: number; userId: number; at: string };
  /** A message was unpinned (for a deleted message, `userId` is its author). */
  'pin.removed': { conversationId: number; messageId: number; seq: number; userId: number; at: string };
  /** The caller's own read mark moved (on any of their devices). */
  'read.updated': { conversationId: number; userId: number; lastReadSeq: number };
  /** Another member's marks moved; null while either side keeps read receipts private. */
  'receipt.updated': {
    conversationId: number;
    userId: number;
    lastReadSeq: number | null;
    lastDeliveredSeq: number | null;
  };
  /** Another member is typing; show it for `expiresInMs` unless another one comes. */
  typing: { conversationId: number; userId: number; expiresInMs: number };
  /** A friend came online or went offline (`lastSeenAt` to the minute, null while online or when hidden). */
  'presence.updated': { userId: number; online: boolean; lastSeenAt: string | null };
  /**
   * A conversation the caller is in, new to this client: created live, or found by a catch-up. Once per
   * conversation. Its unread fields are not the caller's: use {@link ParleyClient.counts}.
   */
  'conversation.created': { conversationId: number; conversation: Conversation };
  /** A conversation changed (renamed, or found changed by a catch-up). */
  'conversation.updated': { conversationId: number; conversation: Conversation };
  'member.added': { conversationId: number; member: Member };
  'member.removed': { conversationId: number; member: Member };
  /** A member's role changed. */
  'member.updated': { conversationId: number; member: Member };
  /** A conversation's unread messages and unread mentions of the caller, whenever either changes. */
  counts: { conversationId: number; unread: number; mentions: number };
  /** The connection's state changed; `loggedOut` when it went offline because the session ended. */
  connection: { state: ConnectionState; loggedOut?: boolean };
  /** A send the server refused for good (4xx other than 408 and 429); it is not retried. */
  'send.failed': { conversationId: number; clientMessageId: string; error: ParleyApiError };
}

/** One event for the application, as the real-time engine hands it over. */
export type Delivery = { [K in keyof ParleyEvents]: { type: K; event: ParleyEvents[K] } }[keyof ParleyEvents];
