import { describe, expect, it } from 'vitest';
import { UnreadCounts } from '../src/counts.js';
import type { Conversation, Message } from '../src/types.js';

const SELF = 1;

function counter() {
  const emitted: string[] = [];
  const stale: number[] = [];
  const counts = new UnreadCounts(
    () => SELF,
    (id, c) => emitted.push(`${id}:${c.unread}/${c.mentions}`),
    (id) => stale.push(id),
  );
  return { counts, emitted, stale };
}

const view = (id: number, lastSeq: number, unread: number, mentions: number): Conversation =>
  ({ id, type: 'group', title: 'g', created_by: 2, created_at: 'x', last_seq: lastSeq, last_activity_at: 'x', unread_count: unread, unread_mention_count: mentions, last_message: null, members: null }) as Conversation;

const message = (seq: number, from: number, mentions: number[] = [], deleted = false): Message =>
  ({ id: 100 + seq, conversation_id: 4, seq, sender_id: from, body: deleted ? null : 'x', client_message_id: null, created_at: 'x', edited_at: null, deleted, reply_to: null, mentions, reactions: [], pinned: false, attachments: [] }) as Message;

describe('unread counts', () => {
  it('start from the caller’s view of the conversation', () => {
    const { counts, emitted } = counter();
    counts.view(view(4, 10, 3, 1));
    expect(counts.get(4)).toEqual({ unread: 3, mentions: 1 });
    expect(emitted).toEqual(['4:3/1']);
  });

  it('count another member’s new message, and a mention of the caller', () => {
    const { counts } = counter();
    counts.view(view(4, 10, 0, 0));
    counts.message(4, message(11, 2));
    counts.message(4, message(12, 3, [SELF]));
    counts.message(4, message(13, 3, [5]));
    expect(counts.get(4)).toEqual({ unread: 3, mentions: 1 });
  });

  it('do not count the same message twice when a view already included it', () => {
    const { counts } = counter();
    counts.view(view(4, 12, 2, 1));
    counts.message(4, message(11, 2));
    counts.message(4, message(12, 3, [SELF]));
    expect(counts.get(4)).toEqual({ unread: 2, mentions: 1 });
  });

  it('fall to zero when the caller sends, since sending moves their read mark', () => {
    const { counts } = counter();
    counts.view(view(4, 10, 4, 2));
    counts.message(4, message(11, SELF));
    expect(counts.get(4)).toEqual({ unread: 0, mentions: 0 });
  });

  it('follow read.updated, keeping what is above the new mark', () => {
    const { counts } = counter();
    counts.view(view(4, 10, 0, 0));
    counts.message(4, message(11, 2, [SELF]));
    counts.message(4, message(12, 2));
    counts.message(4, message(13, 2, [SELF]));
    counts.read(4, 12);
    expect(counts.get(4)).toEqual({ unread: 1, mentions: 1 });
  });

  it('stop counting a mention once its message is deleted, but still count the message, as the server does', () => {
    const { counts } = counter();
    counts.view(view(4, 10, 0, 0));
    counts.message(4, message(11, 2, [SELF]));
    counts.deleted(4, message(11, 2, [], true));
    expect(counts.get(4)).toEqual({ unread: 1, mentions: 0 });
  });

  it('ask for a fresh view when a deleted message may have been one of the mentions the view counted', () => {
    const { counts, stale } = counter();
    counts.view(view(4, 10, 5, 2));
    counts.deleted(4, message(8, 2, [], true));
    expect(stale).toEqual([4]);
    counts.view(view(4, 10, 5, 1));
    expect(counts.get(4)).toEqual({ unread: 5, mentions: 1 });
  });

  it('ask for a fresh view when the read mark stops partway through mentions it never saw', () => {
    const { counts, stale } = counter();
    counts.view(view(4, 10, 5, 2));
    counts.read(4, 7);
    expect(stale).toEqual([4]);
    counts.read(4, 10);
    expect(counts.get(4)).toEqual({ unread: 0, mentions: 0 });
  });

  it('never let a mark set by the client pass the newest message known', () => {
    const { counts } = counter();
    counts.view(view(4, 10, 2, 0));
    counts.readUpTo(4, 50);
    counts.message(4, message(11, 2));
    expect(counts.get(4)).toEqual({ unread: 1, mentions: 0 });
  });

  it('emit only when a count changes', () => {
    const { counts, emitted } = counter();
    counts.view(view(4, 10, 1, 0));
    counts.view(view(4, 10, 1, 0));
    counts.message(4, message(10, 2));
    counts.message(4, message(11, 2));
    expect(emitted).toEqual(['4:1/0', '4:2/0']);
  });
});
