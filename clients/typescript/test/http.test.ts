import { describe, expect, it } from 'vitest';
import { ParleyApiError, ParleyClient } from '../src/index.js';
import { MemoryTokenStore } from '../src/tokens.js';
import { FakeFetch, failure, json, tokens } from './support/fakes.js';

function client(fake: FakeFetch, store = new MemoryTokenStore()) {
  return { client: new ParleyClient({ baseUrl: 'http://api.test', fetch: fake.fetch, tokens: store }), store };
}

describe('requests and tokens', () => {
  it('sends the access token and answers the parsed body', async () => {
    const fake = new FakeFetch().on('GET /v1/accounts/me', json(200, { id: 7, email: 'a@example.com' }));
    const { client: parley, store } = client(fake);
    store.save(tokens(7, 'a'));
    await expect(parley.me()).resolves.toMatchObject({ id: 7 });
    expect(fake.calls[0]!.headers.Authorization).toBe(`Bearer ${tokens(7, 'a').access_token}`);
  });

  it('turns the error envelope into a ParleyApiError with its status, type, message and Retry-After', async () => {
    const fake = new FakeFetch().on('GET /v1/users/5', failure(429, 'Too many requests', { 'Retry-After': '12' }));
    const { client: parley, store } = client(fake);
    store.save(tokens(7));
    const error = await parley.users.get(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyApiError);
    expect(error).toMatchObject({ status: 429, code: 'Too Many Requests', message: 'Too many requests', retryAfterMs: 12_000 });
    expect((error as ParleyApiError).body).toEqual({ error: { message: 'Too many requests', status: 429, type: 'Too Many Requests' } });
  });

  it('stores the tokens on login', async () => {
    const fake = new FakeFetch().on('POST /v1/accounts/login', json(200, tokens(7, 'login')));
    const { client: parley, store } = client(fake);
    await parley.login('a@example.com', 'correct horse');
    expect(store.load()).toEqual(tokens(7, 'login'));
    expect(parley.loggedIn).toBe(true);
    expect(parley.userId).toBe(7);
    expect(fake.calls[0]!.headers.Authorization).toBeUndefined();
  });

  it('refreshes once for ten concurrent requests answered 401, then retries each once with the new token', async () => {
    const old = tokens(7, 'old');
    const renewed = tokens(7, 'new');
    let release!: () => void;
    const refreshed = new Promise<void>((resolve) => (release = resolve));
    const fake = new FakeFetch()
      .on('GET /v1/users/1', (call) =>
        call.headers.Authorization === `Bearer ${renewed.access_token}` ? json(200, { id: 1, username: 'ann' }) : failure(401, 'Invalid or expired access token'),
      )
      .on('POST /v1/accounts/token/refresh', async () => {
        await refreshed;
        return json(200, renewed);
      });
    const { client: parley, store } = client(fake);
    store.save(old);
    const requests = Array.from({ length: 10 }, () => parley.users.get(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    const answers = await Promise.all(requests);
    expect(answers.every((a) => a.id === 1)).toBe(true);
    expect(fake.callsTo('POST /v1/accounts/token/refresh')).toHaveLength(1);
    expect(fake.callsTo('POST /v1/accounts/token/refresh')[0]!.body).toEqual({ refresh_token: old.refresh_token });
    expect(fake.callsTo('GET /v1/users/1')).toHaveLength(20);
    expect(store.load()).toEqual(renewed);
  });

  it('logs out when the refresh is refused: tokens cleared, connection offline and logged out', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/accounts/me', failure(401, 'Invalid or expired access token'))
      .on('POST /v1/accounts/token/refresh', failure(401, 'Invalid refresh token'));
    const { client: parley, store } = client(fake);
    store.save(tokens(7));
    const states: unknown[] = [];
    parley.on('connection', (e) => states.push(e));
    await expect(parley.me()).rejects.toMatchObject({ status: 401 });
    expect(store.load()).toBeNull();
    expect(parley.loggedIn).toBe(false);
    expect(states).toEqual([{ state: 'offline', loggedOut: true }]);
  });

  it('keeps the session when the refresh fails for want of network', async () => {
    const fake = new FakeFetch()
      .on('GET /v1/accounts/me', failure(401, 'Invalid or expired access token'))
      .on('POST /v1/accounts/token/refresh', new TypeError('fetch failed'));
    const { client: parley, store } = client(fake);
    store.save(tokens(7));
    await expect(parley.me()).rejects.toMatchObject({ name: 'ParleyNetworkError' });
    expect(store.load()).toEqual(tokens(7));
  });

  it('revokes the refresh token on logout and forgets the tokens even when the server cannot be reached', async () => {
    const fake = new FakeFetch().on('POST /v1/accounts/logout', new TypeError('fetch failed'));
    const { client: parley, store } = client(fake);
    store.save(tokens(7, 'x'));
    await parley.logout();
    expect(fake.calls[0]!.body).toEqual({ refresh_token: 'refresh-x' });
    expect(store.load()).toBeNull();
  });

  it('reads every page of a list', async () => {
    const fake = new FakeFetch().on(
      'GET /v1/friendships',
      json(200, { items: [{ user_id: 2, since: '2026-12-01T00:00:00Z' }], next_cursor: 'p2' }),
      json(200, { items: [{ user_id: 3, since: '2026-12-02T00:00:00Z' }], next_cursor: null }),
    );
    const { client: parley, store } = client(fake);
    store.save(tokens(7));
    await expect(parley.friends.list()).resolves.toEqual([
      { user_id: 2, since: '2026-12-01T00:00:00Z' },
      { user_id: 3, since: '2026-12-02T00:00:00Z' },
    ]);
    expect(fake.calls.map((c) => c.query.get('cursor'))).toEqual([null, 'p2']);
  });

  it('checks request() paths against the OpenAPI documents and types the answer', async () => {
    const fake = new FakeFetch().on('GET /v1/conversations/4/pins', json(200, { items: [], next_cursor: null }));
    const { client: parley, store } = client(fake);
    store.save(tokens(7));
    const id = 4;
    const pins = await parley.request('GET', `/v1/conversations/${id}/pins`);
    expect(pins.items).toEqual([]);
    const typed: { items?: unknown[] } = await parley.request('GET', '/v1/conversations/4/pins');
    expect(typed.items).toEqual([]);
    // @ts-expect-error: no such route
    void (() => parley.request('GET', '/v1/nowhere'));
    // @ts-expect-error: the route has no DELETE
    void (() => parley.request('DELETE', '/v1/sync'));
    // @ts-expect-error: the conversation id is a number
    void (() => parley.request('GET', '/v1/conversations/mine/pins'));
  });
});
