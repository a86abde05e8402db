import { describe, expect, it } from 'vitest';
import type { Delivery } from '../src/events.js';
import { ResumeEngine } from '../src/resume.js';
import type { Conversation, Message } from '../src/types.js';
import { recording, type Recording } from './support/fixtures.js';

/** An engine with its output recorded, and the gaps it asked to fill answered by the test. */
function harness(self: number) {
  const deliveries: Delivery[] = [];
  const gaps: number[] = [];
  const refetches: string[] = [];
  const views: Conversation[] = [];
  const engine = new ResumeEngine(
    {
      deliver: (delivery) => deliveries.push(delivery),
      gap: (conversationId) => gaps.push(conversationId),
      refetch: (conversationId, seq) => refetches.push(`${conversationId}:${seq}`),
      view: (conversation) => views.push(conversation),
    },
    () => self,
  );
  return { engine, deliveries, gaps, refetches, views };
}

function replay(rec: Recording) {
  const h = harness(rec.self);
  for (const step of rec.steps) {
    if ('beginSync' in step) h.engine.beginSync();
    else if ('syncPage' in step) h.engine.syncPage(step.syncPage);
    else if ('endSync' in step) h.engine.endSync();
    else if ('suspend' in step) h.engine.suspend();
    else if ('frame' in step) h.engine.frame(step.frame);
    else if ('history' in step) h.engine.history(step.history.conversation_id, step.history.page.items);
    else if ('expectGap' in step) {
      expect(h.gaps).toContain(step.expectGap.conversation_id);
      expect(h.engine.fillFrom(step.expectGap.conversation_id)).toBe(step.expectGap.after_seq);
    } else if ('expectNoGap' in step) {
      expect(h.engine.fillFrom(step.expectNoGap)).toBeNull();
    }
  }
  return h;
}

function createdSeqs(deliveries: Delivery[]): Record<string, number[]> {
  const seqs: Record<string, number[]> = {};
  for (const d of deliveries) {
    if (d.type !== 'message.created') continue;
    (seqs[d.event.conversationId] ??= []).push(d.event.message.seq);
  }
  return seqs;
}

function label(d: Delivery): string {
  if (d.type === 'message.created' || d.type === 'message.updated' || d.type === 'message.deleted') {
    return `${d.type}:${d.event.message.seq}`;
  }
  if (d.type === 'reaction.added' || d.type === 'reaction.removed' || d.type === 'pin.added' || d.type === 'pin.removed') {
    return `${d.type}:${d.event.seq}`;
  }
  return d.type;
}

describe('the resume engine, replaying recorded sequences', () => {
  it('fills a gap from history and delivers the messages once, in order', () => {
    const rec = recording('gap');
    const { deliveries } = replay(rec);
    expect(createdSeqs(deliveries)).toEqual(rec.expected.created);
  });

  it('drops a message that comes twice on the socket and again in the next catch-up', () => {
    const rec = recording('duplicates');
    const { deliveries } = replay(rec);
    expect(createdSeqs(deliveries)).toEqual(rec.expected.created);
    expect(deliveries.filter((d) => d.type === 'message.updated' || d.type === 'message.deleted')).toEqual([]);
  });

  it('puts reordered frames back in seq order, with a message’s reaction after the message', () => {
    const rec = recording('reordering');
    const { deliveries } = replay(rec);
    expect(createdSeqs(deliveries)).toEqual(rec.expected.created);
    expect(deliveries.filter((d) => d.event && 'conversationId' in d.event && d.event.conversationId === 10).map(label)).toEqual(
      rec.expected.order,
    );
  });

  it('survives a reconnect in the middle of a catch-up: every message once, in order, each conversation announced once', () => {
    const rec = recording('reconnect-mid-sync');
    const { deliveries } = replay(rec);
    expect(createdSeqs(deliveries)).toEqual(rec.expected.created);
    const announced = deliveries.filter((d) => d.type === 'conversation.created').map((d) => d.event.conversationId);
    expect(announced).toEqual(rec.expected.conversationsCreated);
    // The new conversation is announced before its first message.
    const order = deliveries.map((d) => (d.type === 'conversation.created' ? `created:${d.event.conversationId}` : label(d)));
    expect(order.indexOf('created:12')).toBeLessThan(
      deliveries.findIndex((d) => d.type === 'message.created' && d.event.conversationId === 12),
    );
  });

  it('repeats no change the catch-up returns as it was already seen, and delivers once what changed while away', () => {
    const rec = recording('updates-across-reconnect');
    const { deliveries } = replay(rec);
    expect(createdSeqs(deliveries)).toEqual(rec.expected.created);
    expect(deliveries.map(label)).toEqual(rec.expected.order);
  });
});

describe('the resume engine', () => {
  const message = (conversationId: number, seq: number, extra: Partial<Message> = {}): Message =>
    ({
      id: conversationId * 1000 + seq,
      conversation_id: conversationId,
      seq,
      sender_id: 2,
      body: `m${seq}`,
      client_message_id: `c${seq}`,
      created_at: '2026-12-06T06:00:00Z',
      edited_at: null,
      deleted: false,
      reply_to: null,
      mentions: [],
      reactions: [],
      pinned: false,
      attachments: [],
      ...extra,
    }) as Message;
  const conversation = (id: number, lastSeq: number, unread = 0): Conversation =>
    ({
      id,
      type: 'direct',
      title: null,
      created_by: 2,
      created_at: '2026-12-01T00:00:00Z',
      last_seq: lastSeq,
      last_activity_at: '2026-12-06T06:00:00Z',
      unread_count: unread,
      unread_mention_count: 0,
      last_message: null,
      members: null,
    }) as Conversation;
  const frame = (m: Message) => ({ type: 'message.created', conversation_id: m.conversation_id, seq: m.seq, data: m });

  function online(h: ReturnType<typeof harness>, ...conversations: Conversation[]) {
    h.engine.beginSync();
    h.engine.syncPage({ items: conversations.map((c) => ({ conversation: c, messages: [], messages_truncated: false, receipts: [] })), next_cursor: 'x', has_more: false });
    h.engine.endSync();
  }

  it('delivers nothing from the first catch-up: the application loads history itself', () => {
    const h = harness(1);
    h.engine.beginSync();
    h.engine.syncPage({
      items: [{ conversation: conversation(10, 2), messages: [message(10, 1), message(10, 2)], messages_truncated: false, receipts: [] }],
      next_cursor: 'a',
      has_more: false,
    });
    h.engine.endSync();
    expect(h.deliveries).toEqual([]);
    expect(h.views.map((v) => v.id)).toEqual([10]);
  });

  it('delivers the messages above a conversation the application listed before connecting', () => {
    const h = harness(1);
    h.engine.seed(conversation(10, 2));
    h.engine.beginSync();
    h.engine.syncPage({
      items: [{ conversation: conversation(10, 4), messages: [message(10, 1), message(10, 2), message(10, 3), message(10, 4)], messages_truncated: false, receipts: [] }],
      next_cursor: 'a',
      has_more: false,
    });
    h.engine.endSync();
    expect(createdSeqs(h.deliveries)).toEqual({ 10: [3, 4] });
  });

  it('fills the rest of a conversation the catch-up truncated, after the catch-up', () => {
    const h = harness(1);
    online(h, conversation(10, 2));
    h.engine.suspend();
    h.engine.beginSync();
    h.engine.syncPage({
      items: [{ conversation: conversation(10, 9), messages: [message(10, 3), message(10, 4)], messages_truncated: true, receipts: [] }],
      next_cursor: 'b',
      has_more: false,
    });
    expect(h.gaps).toEqual([]);
    h.engine.endSync();
    expect(h.gaps).toEqual([10]);
    expect(h.engine.fillFrom(10)).toBe(4);
    h.engine.history(10, [5, 6, 7, 8, 9].map((s) => message(10, s)));
    expect(h.engine.fillFrom(10)).toBeNull();
    expect(createdSeqs(h.deliveries)).toEqual({ 10: [3, 4, 5, 6, 7, 8, 9] });
  });

  it('holds a live message that is ahead of the catch-up until the catch-up brings the ones before it', () => {
    const h = harness(1);
    online(h, conversation(10, 2));
    h.engine.suspend();
    h.engine.beginSync();
    h.engine.frame(frame(message(10, 5)));
    expect(h.deliveries).toEqual([]);
    h.engine.syncPage({
      items: [{ conversation: conversation(10, 4), messages: [message(10, 3), message(10, 4)], messages_truncated: false, receipts: [] }],
      next_cursor: 'b',
      has_more: false,
    });
    h.engine.endSync();
    expect(createdSeqs(h.deliveries)).toEqual({ 10: [3, 4, 5] });
    expect(h.gaps).toEqual([]);
  });

  it('holds live frames of a conversation it does not know until the catch-up introduces it', () => {
    const h = harness(1);
    online(h);
    h.engine.suspend();
    h.engine.beginSync();
    // Added to a group while away: its next message arrives live before the catch-up tells the caller about it.
    h.engine.frame(frame(message(30, 8)));
    expect(h.deliveries).toEqual([]);
    h.engine.syncPage({
      items: [{ conversation: conversation(30, 7, 2), messages: [message(30, 6), message(30, 7)], messages_truncated: false, receipts: [] }],
      next_cursor: 'd',
      has_more: false,
    });
    h.engine.endSync();
    expect(h.deliveries.map(label)).toEqual(['conversation.created', 'message.created:6', 'message.created:7', 'message.created:8']);
  });

  it('reads a message again when a reaction to it arrived before the message was read from history', () => {
    const h = harness(1);
    online(h, conversation(10, 2));
    h.engine.frame({ type: 'reaction.added', conversation_id: 10, seq: 3, data: { message_id: 10003, emoji: '👍', user_id: 3 } });
    expect(h.engine.fillFrom(10)).toBe(2);
    h.engine.history(10, [message(10, 3, { reactions: [{ emoji: '👍', count: 1, me: false }] })]);
    expect(h.deliveries.map(label)).toEqual(['message.created:3']);
    expect(h.refetches).toEqual(['10:3']);
    // The state read again is the one delivered: it already holds the reaction, so nothing more is said.
    h.engine.refreshed(10, [message(10, 3, { reactions: [{ emoji: '👍', count: 1, me: false }] })], h.engine.tick());
    expect(h.deliveries.map(label)).toEqual(['message.created:3']);
  });

  it('starts a conversation the caller joins at the read mark the server gave them', () => {
    const h = harness(1);
    online(h);
    h.engine.frame({ type: 'member.added', conversation_id: 20, seq: null, data: { user_id: 1, role: 'member', joined_at: '2026-12-06T06:00:00Z', last_read_seq: 40 } });
    h.engine.frame(frame(message(20, 41)));
    expect(createdSeqs(h.deliveries)).toEqual({ 20: [41] });
    expect(h.gaps).toEqual([]);
  });

  it('does not ask for anything while the socket is closed, and asks at the end of the next catch-up', () => {
    const h = harness(1);
    online(h, conversation(10, 2));
    h.engine.suspend();
    h.engine.seed(conversation(10, 6));
    expect(h.gaps).toEqual([]);
    h.engine.beginSync();
    h.engine.syncPage({ items: [], next_cursor: 'c', has_more: false });
    h.engine.endSync();
    expect(h.gaps).toEqual([10]);
  });
});
