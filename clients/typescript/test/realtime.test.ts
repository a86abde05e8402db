import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParleyClient, type ParleyEvents } from '../src/index.js';
import { MemoryTokenStore } from '../src/tokens.js';
import { TYPING_INTERVAL_MS } from '../src/typing.js';
import { FakeFetch, FakeSocket, FakeWebSocket, failure, json, tokens } from './support/fakes.js';

const SELF = 1;

const message = (conversationId: number, seq: number, from = 2, mentions: number[] = []) => ({
  id: conversationId * 1000 + seq,
  conversation_id: conversationId,
  seq,
  sender_id: from,
  body: `m${seq}`,
  client_message_id: `c${seq}`,
  created_at: '2026-12-06T06:00:00Z',
  edited_at: null,
  deleted: false,
  reply_to: null,
  mentions,
  reactions: [],
  pinned: false,
  attachments: [],
});
const conversation = (id: number, lastSeq: number, unread = 0, mentions = 0) => ({
  id,
  type: 'direct',
  title: null,
  created_by: 2,
  created_at: '2026-12-01T00:00:00Z',
  last_seq: lastSeq,
  last_activity_at: '2026-12-06T06:00:00Z',
  unread_count: unread,
  unread_mention_count: mentions,
  last_message: null,
  members: null,
});
const created = (m: ReturnType<typeof message>) => ({ type: 'message.created', conversation_id: m.conversation_id, seq: m.seq, data: m });

function setup(fake: FakeFetch, random = () => 0.5) {
  const store = new MemoryTokenStore();
  store.save(tokens(SELF, 'first'));
  const parley = new ParleyClient({
    baseUrl: 'http://api.test',
    fetch: fake.fetch,
    WebSocket: FakeWebSocket,
    tokens: store,
    random,
    now: () => Date.now(),
    reconnect: { minDelayMs: 500, maxDelayMs: 30_000 },
  });
  const seen: string[] = [];
  const states: ParleyEvents['connection'][] = [];
  parley.on('message.created', (e) => seen.push(`${e.conversationId}:${e.message.seq}`));
  parley.on('connection', (e) => states.push(e));
  return { parley, store, seen, states };
}

describe('the real-time connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.reset();
  });
  afterEach(() => vi.useRealTimers());

  it('opens one socket with the access token, catches up through /v1/sync, then delivers live events', async () => {
    const fake = new FakeFetch().on('GET /v1/sync', json(200, { items: [{ conversation: conversation(4, 10, 2), messages: [], messages_truncated: false, receipts: [] }], next_cursor: 'c1', has_more: false }));
    const { parley, states, seen } = setup(fake);
    parley.connect();
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.last.url).toBe(`ws://api.test/v1/stream?access_token=${tokens(SELF, 'first').access_token}`);
    expect(parley.connection).toBe('connecting');
    FakeSocket.last.open();
    expect(parley.connection).toBe('syncing');
    await vi.advanceTimersByTimeAsync(0);
    expect(parley.connection).toBe('online');
    expect(states.map((s) => s.state)).toEqual(['connecting', 'syncing', 'online']);
    expect(parley.counts(4)).toEqual({ unread: 2, mentions: 0 });

    FakeSocket.last.receive(created(message(4, 11, 2, [SELF])));
    expect(seen).toEqual(['4:11']);
    expect(parley.counts(4)).toEqual({ unread: 3, mentions: 1 });
  });

  it('goes on from the last sync page read when the socket drops in the middle of a catch-up, delivering each message once', async () => {
    let secondPage!: (r: Response) => void;
    const fake = new FakeFetch().on('GET /v1/sync', (call) => {
      const since = call.query.get('since');
      if (since === null) return json(200, { items: [{ conversation: conversation(4, 10), messages: [], messages_truncated: false, receipts: [] }], next_cursor: 'pass1', has_more: false });
      if (since === 'pass1') return json(200, { items: [{ conversation: conversation(4, 12), messages: [message(4, 11), message(4, 12)], messages_truncated: false, receipts: [] }], next_cursor: 'pass2-part', has_more: true });
      if (since === 'pass2-part' && !secondPage) return new Promise<Response>((resolve) => (secondPage = resolve));
      return json(200, { items: [{ conversation: conversation(5, 3, 3), messages: [message(5, 1), message(5, 2), message(5, 3)], messages_truncated: false, receipts: [] }], next_cursor: 'pass2', has_more: false });
    });
    const { parley, seen } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(parley.connection).toBe('online');

    // The network drops; the next socket's catch-up is cut by another drop while its second page is on its way.
    FakeSocket.last.drop();
    expect(parley.connection).toBe('connecting');
    await vi.advanceTimersByTimeAsync(250);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.receive(created(message(4, 13)));
    FakeSocket.last.drop();
    secondPage(json(200, { items: [], next_cursor: 'ignored', has_more: false }));
    await vi.advanceTimersByTimeAsync(0);
    expect(parley.connection).toBe('connecting');

    await vi.advanceTimersByTimeAsync(500);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.receive(created(message(4, 14)));
    FakeSocket.last.receive(created(message(5, 4)));

    expect(parley.connection).toBe('online');
    // The cut pass goes on from where it was, then one whole pass more catches what changed below it meanwhile.
    expect(fake.callsTo('GET /v1/sync').map((c) => c.query.get('since'))).toEqual([null, 'pass1', 'pass2-part', 'pass2-part', 'pass2']);
    expect(seen).toEqual(['4:11', '4:12', '4:13', '5:1', '5:2', '5:3', '4:14', '5:4']);
  });

  it('catches up a conversation the cut pass had already read, when it changed while the socket was down', async () => {
    let cutPage!: (r: Response) => void;
    let changedWhileAway = false;
    const fake = new FakeFetch().on('GET /v1/sync', (call) => {
      const since = call.query.get('since');
      if (since === null) return json(200, { items: [{ conversation: conversation(4, 10), messages: [], messages_truncated: false, receipts: [] }], next_cursor: 'p1', has_more: false });
      if (since === 'p1') return json(200, { items: [{ conversation: conversation(4, 11), messages: [message(4, 11)], messages_truncated: false, receipts: [] }], next_cursor: 'p2-after-4', has_more: true });
      if (since === 'p2-after-4' && !cutPage) return new Promise<Response>((resolve) => (cutPage = resolve));
      if (since === 'p2-after-4') return json(200, { items: [{ conversation: conversation(5, 1, 1), messages: [message(5, 1)], messages_truncated: false, receipts: [] }], next_cursor: 'p2', has_more: false });
      // A whole pass from the end of the cut one: conversation 4 changed while no socket was open.
      return json(200, { items: changedWhileAway ? [{ conversation: conversation(4, 12), messages: [message(4, 12)], messages_truncated: false, receipts: [] }] : [], next_cursor: 'p3', has_more: false });
    });
    const { parley, seen } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(250);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    // The catch-up read conversation 4 and is cut before its second page.
    FakeSocket.last.drop();
    cutPage(json(200, { items: [], next_cursor: 'ignored', has_more: false }));
    changedWhileAway = true;
    await vi.advanceTimersByTimeAsync(500);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);

    expect(parley.connection).toBe('online');
    expect(fake.callsTo('GET /v1/sync').map((c) => c.query.get('since'))).toEqual([null, 'p1', 'p2-after-4', 'p2-after-4', 'p2']);
    expect(seen).toEqual(['4:11', '5:1', '4:12']);
  });

  it('fills a gap between live frames from history', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/sync', json(200, { items: [{ conversation: conversation(4, 10), messages: [], messages_truncated: false, receipts: [] }], next_cursor: 'c', has_more: false }))
      .on('GET /v1/conversations/4/messages', json(200, { items: [message(4, 11), message(4, 12)], next_cursor: null }));
    const { parley, seen } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.receive(created(message(4, 12)));
    FakeSocket.last.receive(created(message(4, 13)));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.callsTo('GET /v1/conversations/4/messages')[0]!.query.get('after_seq')).toBe('10');
    expect(seen).toEqual(['4:11', '4:12', '4:13']);
  });

  it('waits a random delay up to a doubling ceiling between failed attempts (full jitter)', async () => {
    const draws = [0.9, 0.9, 0.9, 0.9];
    const fake = new FakeFetch().on('GET /v1/conversations', json(200, { items: [], next_cursor: null }));
    const { parley } = setup(fake, () => draws.shift() ?? 0.9);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    const opened: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 4; i += 1) {
      FakeSocket.last.drop();
      const count = FakeSocket.all.length;
      while (FakeSocket.all.length === count) await vi.advanceTimersByTimeAsync(1);
      opened.push(Date.now() - last);
      last = Date.now();
    }
    // 0.9 of 500, 1000, 2000, 4000 ms.
    expect(opened).toEqual([450, 900, 1800, 3600]);
    // After two sockets refused before opening, an authenticated request checks the session.
    expect(fake.callsTo('GET /v1/conversations').length).toBeGreaterThan(0);
  });

  it('refreshes the token and reconnects at once when the server closes the socket as expired', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/sync', json(200, { items: [], next_cursor: 'c', has_more: false }))
      .on('POST /v1/accounts/token/refresh', json(200, tokens(SELF, 'second')));
    const { parley } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop(1008, 'Access token expired');
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.last.accessToken).toBe(tokens(SELF, 'second').access_token);
  });

  it('reconnects with the pair another tab sharing the store already refreshed, without spending its refresh token', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/sync', json(200, { items: [], next_cursor: 'c', has_more: false }))
      .on('POST /v1/accounts/token/refresh', json(200, tokens(SELF, 'third')));
    const { parley, store } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    store.save(tokens(SELF, 'second'));
    FakeSocket.last.drop(1008, 'Access token expired');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.callsTo('POST /v1/accounts/token/refresh')).toHaveLength(0);
    expect(FakeSocket.last.accessToken).toBe(tokens(SELF, 'second').access_token);
  });

  it('logs out, without reconnecting, when the server closes the socket as revoked', async () => {
    const fake = new FakeFetch().on('GET /v1/sync', json(200, { items: [], next_cursor: 'c', has_more: false }));
    const { parley, states, store } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop(1008, 'revoked');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(store.load()).toBeNull();
    expect(parley.connection).toBe('offline');
    expect(states.slice(-2)).toEqual([{ state: 'online' }, { state: 'offline', loggedOut: true }]);
  });

  it('refreshes a token about to expire before opening the socket with it', async () => {
    const fake = new FakeFetch().on('POST /v1/accounts/token/refresh', json(200, tokens(SELF, 'fresh')));
    const { parley, store } = setup(fake);
    store.save({ ...tokens(SELF, 'stale'), access_token: (await import('./support/fakes.js')).accessToken(SELF, Math.floor(Date.now() / 1000) + 10) });
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last.accessToken).toBe(tokens(SELF, 'fresh').access_token);
  });

  it('sends typing frames on the socket, throttled', async () => {
    const fake = new FakeFetch().on('GET /v1/sync', json(200, { items: [], next_cursor: 'c', has_more: false }));
    const { parley } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    parley.typing(4);
    parley.typing(4);
    await vi.advanceTimersByTimeAsync(TYPING_INTERVAL_MS);
    parley.typing(4);
    expect(FakeSocket.last.sent).toEqual([
      { type: 'typing', conversation_id: 4 },
      { type: 'typing', conversation_id: 4 },
    ]);
  });

  it('retries a catch-up that failed on a new socket', async () => {
    const fake = new FakeFetch().on('GET /v1/sync', failure(503, 'Service unavailable'), json(200, { items: [], next_cursor: 'c', has_more: false }));
    const { parley } = setup(fake);
    parley.connect();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(parley.connection).toBe('connecting');
    await vi.advanceTimersByTimeAsync(250);
    FakeSocket.last.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(parley.connection).toBe('online');
    expect(FakeSocket.all).toHaveLength(2);
  });
});
