import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParleyClient } from '../src/index.js';
import { MemoryTokenStore } from '../src/tokens.js';
import { FakeFetch, failure, json, tokens } from './support/fakes.js';

const stored = (seq: number, clientMessageId: string) => ({
  id: 500 + seq,
  conversation_id: 4,
  seq,
  sender_id: 7,
  body: 'hello',
  client_message_id: clientMessageId,
  created_at: '2026-12-06T06:00:00Z',
  edited_at: null,
  deleted: false,
  reply_to: null,
  mentions: [],
  reactions: [],
  pinned: false,
  attachments: [],
});

function client(fake: FakeFetch) {
  const store = new MemoryTokenStore();
  store.save(tokens(7));
  let n = 0;
  const parley = new ParleyClient({
    baseUrl: 'http://api.test',
    fetch: fake.fetch,
    tokens: store,
    random: () => 0.5,
    reconnect: { minDelayMs: 1000, maxDelayMs: 30_000 },
    newId: () => `00000000-0000-4000-8000-00000000000${++n}`,
  });
  return parley;
}

describe('sending', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries with the same client_message_id after a network error, a 503 and a 429 (after its Retry-After) until acknowledged', async () => {
    const fake = new FakeFetch().on(
      'POST /v1/conversations/4/messages',
      new TypeError('fetch failed'),
      failure(503, 'Service unavailable'),
      failure(429, 'Too many messages', { 'Retry-After': '7' }),
      (call) => json(201, stored(12, (call.body as { client_message_id: string }).client_message_id)),
    );
    const parley = client(fake);
    const failed = vi.fn();
    parley.on('send.failed', failed);
    const { clientMessageId, sent } = parley.send(4, { body: 'hello', mentions: [9] });
    expect(clientMessageId).toBe('00000000-0000-4000-8000-000000000001');

    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(1);
    // Full jitter: random() 0.5 of 1 s, then of 2 s.
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.calls).toHaveLength(3);
    // Retry-After: 7 s, not sooner.
    await vi.advanceTimersByTimeAsync(6999);
    expect(fake.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(4);

    await expect(sent).resolves.toMatchObject({ seq: 12, client_message_id: clientMessageId });
    expect(fake.calls.map((c) => (c.body as { client_message_id: string }).client_message_id)).toEqual(Array(4).fill(clientMessageId));
    expect(fake.calls[0]!.body).toEqual({ client_message_id: clientMessageId, body: 'hello', mentions: [9] });
    expect(failed).not.toHaveBeenCalled();
  });

  it('gives up at once on a 400: send.failed, the promise rejects, nothing is retried', async () => {
    const fake = new FakeFetch().on('POST /v1/conversations/4/messages', failure(400, 'Message 99 is not in this conversation'));
    const parley = client(fake);
    const failed = vi.fn();
    parley.on('send.failed', failed);
    const { clientMessageId, sent } = parley.send(4, { body: 'hi', reply_to: 99 });
    await expect(sent).rejects.toMatchObject({ status: 400, message: 'Message 99 is not in this conversation' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0]![0]).toMatchObject({ conversationId: 4, clientMessageId, error: { status: 400 } });
  });

  it('sends a conversation’s messages one after the other, in order, even when the first needs retries', async () => {
    const fake = new FakeFetch().on(
      'POST /v1/conversations/4/messages',
      failure(503, 'Service unavailable'),
      (call) => json(201, stored(fake.calls.length, (call.body as { client_message_id: string }).client_message_id)),
    );
    const parley = client(fake);
    const first = parley.send(4, { body: 'one' });
    const second = parley.send(4, { body: 'two' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((c) => (c.body as { body: string }).body)).toEqual(['one']);
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([first.sent, second.sent]);
    expect(fake.calls.map((c) => (c.body as { body: string }).body)).toEqual(['one', 'one', 'two']);
  });

  it('sends attachments as attachment_ids', async () => {
    const fake = new FakeFetch().on('POST /v1/conversations/4/messages', (call) =>
      json(201, stored(1, (call.body as { client_message_id: string }).client_message_id)),
    );
    const parley = client(fake);
    await parley.send(4, { attachments: [31, '32'] }).sent;
    expect(fake.calls[0]!.body).toMatchObject({ attachment_ids: [31, 32] });
  });

  it('moves the caller’s own unread count to zero once their message is acknowledged', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/conversations', json(200, { items: [{ id: 4, type: 'direct', title: null, created_by: 7, created_at: 'x', last_seq: 11, last_activity_at: 'x', unread_count: 3, unread_mention_count: 0, last_message: null, members: null }], next_cursor: null }))
      .on('POST /v1/conversations/4/messages', (call) => json(201, stored(12, (call.body as { client_message_id: string }).client_message_id)));
    const parley = client(fake);
    await parley.conversations.list();
    expect(parley.counts(4)).toEqual({ unread: 3, mentions: 0 });
    await parley.send(4, { body: 'caught up' }).sent;
    expect(parley.counts(4)).toEqual({ unread: 0, mentions: 0 });
  });
});
