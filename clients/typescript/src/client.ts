import { UnreadCounts } from './counts.js';
import { Emitter } from './emitter.js';
import { ParleyApiError } from './errors.js';
import type { ConnectionState, Delivery, ParleyEvents } from './events.js';
import { Http } from './http.js';
import type { ApiMethod, ApiPath, ApiRequestInit, ApiResponse } from './paths.js';
import { Realtime } from './realtime.js';
import { Sender, type OutgoingMessage, type PendingSend } from './sender.js';
import { MemoryTokenStore, readClaims, type TokenPair, type TokenStore } from './tokens.js';
import { TypingThrottle } from './typing.js';
import type {
  Account,
  Block,
  Conversation,
  Friend,
  FriendRequest,
  Member,
  Message,
  OwnProfile,
  Page,
  Pin,
  Presence,
  Receipt,
  Relationship,
  SearchHit,
  Session,
  Upload,
  UploadTicket,
  User,
} from './types.js';

/** How a {@link ParleyClient} is set up; everything is optional. */
export interface ParleyClientOptions {
  /** Where the API is, e.g. `"http://localhost:8080"`; default `""`, the page's own origin. */
  baseUrl?: string;
  /** Where the tokens are kept; default in memory. */
  tokens?: TokenStore;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Reconnect (and resend) backoff with full jitter; default 500 ms up to 30 s. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  random?: () => number;
  now?: () => number;
  /** Makes client_message_ids; default `crypto.randomUUID()`. */
  newId?: () => string;
}

/** `GET .../messages` options: `beforeSeq` (newest first, the default) or `afterSeq` (oldest first). */
export interface HistoryOptions {
  beforeSeq?: number;
  afterSeq?: number;
  limit?: number;
}

/** Options of message search. */
export interface SearchOptions {
  conversationId?: number;
  limit?: number;
  cursor?: string;
}

/** The parts of the own profile `users.updateMe` can change. */
export interface ProfileChanges {
  username?: string;
  location?: string | null;
  avatar_url?: string | null;
  presence_visible?: boolean;
  read_receipts?: boolean;
}

type Id = number | string;

// Largest page the API serves; lists the client reads whole are read with it.
const ALL = 100;
// Views asked for to settle counts, at most this often per conversation.
const VIEW_REFRESH_INTERVAL_MS = 1000;

/**
 * A client of the Parley API: accounts, friends, conversations and messages over REST, and real-time events over one
 * WebSocket that catches up on every reconnect, delivers each event once and a conversation's messages in seq order,
 * resends messages until they are stored (once), and keeps unread counts.
 */
export class ParleyClient {
  private readonly http: Http;
  private readonly tokenStore: TokenStore;
  private readonly emitter = new Emitter<ParleyEvents>();
  private readonly realtime: Realtime;
  private readonly unread: UnreadCounts;
  private readonly sender: Sender;
  private readonly throttle: TypingThrottle;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly webSocket: typeof WebSocket | undefined;
  private readonly viewsAsked = new Map<number, number>();
  private claimsOf: { token: string; userId: number | null } | undefined;

  constructor(options: ParleyClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.tokenStore = options.tokens ?? new MemoryTokenStore();
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const minDelayMs = options.reconnect?.minDelayMs ?? 500;
    const maxDelayMs = options.reconnect?.maxDelayMs ?? 30_000;
    const self = () => this.userId;
    this.webSocket = options.WebSocket ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;

    this.http = new Http({
      baseUrl: this.baseUrl,
      fetch: this.fetchFn,
      tokens: this.tokenStore,
      now: this.now,
      onLoggedOut: () => this.ended(),
    });
    this.unread = new UnreadCounts(
      self,
      (conversationId, counts) => this.emitter.emit('counts', { conversationId, ...counts }),
      (conversationId) => void this.refreshView(conversationId),
    );
    this.realtime = new Realtime({
      http: this.http,
      WebSocket: this.webSocket,
      streamUrl: (token) => this.streamUrl(token),
      random,
      minDelayMs,
      maxDelayMs,
      self,
      deliver: (delivery) => this.deliver(delivery),
      view: (conversation) => this.unread.view(conversation),
      state: (state, loggedOut) => this.emitter.emit('connection', loggedOut ? { state, loggedOut } : { state }),
      online: () => this.sender.wake(),
      revoked: () => this.ended(),
    });
    this.sender = new Sender({
      post: (conversationId, body) =>
        this.http.call<Message>('POST', `/v1/conversations/${conversationId}/messages`, { body }),
      newId: options.newId ?? (() => globalThis.crypto.randomUUID()),
      random,
      minDelayMs,
      maxDelayMs,
      acknowledged: (conversationId, message) => this.unread.message(conversationId, message),
      failed: (conversationId, clientMessageId, error) =>
        this.emitter.emit('send.failed', { conversationId, clientMessageId, error }),
      loggedIn: () => this.loggedIn,
    });
    this.throttle = new TypingThrottle(this.now, (frame) => this.realtime.sendFrame(frame));
  }

  // ---- accounts ----

  /** Registers an account; a verification mail is queued. */
  register(registration: { email: string; password: string; username: string }): Promise<Account> {
    return this.http.call<Account>('POST', '/v1/accounts/register', { body: registration, auth: false });
  }

  /** Verifies an account with the token of its mailed link. */
  verify(token: string): Promise<Account> {
    return this.http.call<Account>('GET', `/v1/accounts/verify/${encodeURIComponent(token)}`, { auth: false });
  }

  /** Sends the verification mail again (202 whatever the email). */
  resendVerification(email: string): Promise<void> {
    return this.http.call<void>('POST', '/v1/accounts/verify/resend', { body: { email }, auth: false });
  }

  /** Logs in and stores the tokens. */
  async login(email: string, password: string): Promise<void> {
    const tokens = await this.http.call<TokenPair>('POST', '/v1/accounts/login', {
      body: { email, password },
      auth: false,
    });
    this.tokenStore.save(tokens);
  }

  /**
   * Ends the session: revokes the refresh token, closes the socket, clears the tokens and forgets the events'
   * state. The local part happens even when the server cannot be reached.
   */
  async logout(): Promise<void> {
    const tokens = this.tokenStore.load();
    try {
      if (tokens) {
        await this.http.call<void>('POST', '/v1/accounts/logout', {
          body: { refresh_token: tokens.refresh_token },
          auth: false,
        });
      }
    } catch {
      // The refresh token then expires on its own; the device forgets it either way.
    } finally {
      this.tokenStore.save(null);
      this.ended();
    }
  }

  /** Whether tokens are stored. */
  get loggedIn(): boolean {
    return this.tokenStore.load() !== null;
  }

  /** The logged-in user's id (from the access token), or null. */
  get userId(): number | null {
    const token = this.tokenStore.load()?.access_token;
    if (!token) return null;
    if (token !== this.claimsOf?.token) this.claimsOf = { token, userId: readClaims(token).userId };
    return this.claimsOf.userId;
  }

  me(): Promise<Account> {
    return this.http.call<Account>('GET', '/v1/accounts/me');
  }

  /** The caller's sessions (all of them). */
  sessions(): Promise<Session[]> {
    return this.all<Session>('/v1/accounts/sessions');
  }

  revokeSession(id: Id): Promise<void> {
    return this.http.call<void>('DELETE', `/v1/accounts/sessions/${id}`);
  }

  /** Asks for a password reset mail (202 whatever the email). */
  forgotPassword(email: string): Promise<void> {
    return this.http.call<void>('POST', '/v1/accounts/password/forgot', { body: { email }, auth: false });
  }

  /** Sets a new password with the mailed token; every session ends. */
  resetPassword(token: string, password: string): Promise<void> {
    return this.http.call<void>('POST', '/v1/accounts/password/reset', { body: { token, password }, auth: false });
  }

  // ---- any route ----

  /**
   * Calls any route of the API. The method and path are checked against the services' OpenAPI documents: a path is
   * a documented one with its `{parameters}` filled in (`/v1/conversations/${id}/pins`), and the answer is typed from
   * the document unless a type is given.
   */
  request<M extends ApiMethod, P extends ApiPath<M>>(method: M, path: P, init?: ApiRequestInit<M, P>): Promise<ApiResponse<M, P>>;
  request<T = unknown>(method: ApiMethod, path: ApiPath<ApiMethod>, init?: { query?: Record<string, unknown>; body?: unknown }): Promise<T>;
  request(method: string, path: string, init: { query?: Record<string, unknown>; body?: unknown } = {}): Promise<unknown> {
    return this.http.call(method, path, { query: init.query, body: init.body });
  }

  // ---- users ----

  /** Public profiles. */
  readonly users = {
    get: (id: Id): Promise<User> => this.http.call<User>('GET', `/v1/users/${id}`),
    /** Users whose name starts with `prefix` (the first page, up to `limit`, default 20). */
    search: async (prefix: string, options: { limit?: number } = {}): Promise<User[]> =>
      (await this.http.call<Page<User>>('GET', '/v1/users', { query: { query: prefix, limit: options.limit } })).items,
    /** Changes the caller's profile and settings (`presence_visible`, `read_receipts`). */
    updateMe: (changes: ProfileChanges): Promise<OwnProfile> =>
      this.http.call<OwnProfile>('PATCH', '/v1/users/me', { body: changes }),
  };

  // ---- friends ----

  /** Friends, friend requests and blocks. */
  readonly friends = {
    /** All friends, by `since`. */
    list: (): Promise<Friend[]> => this.all<Friend>('/v1/friendships'),
    /** Pending requests, newest first: to the caller (`incoming`, the default) or from them. */
    requests: (direction: 'incoming' | 'outgoing' = 'incoming'): Promise<FriendRequest[]> =>
      this.all<FriendRequest>('/v1/friendships/requests', { direction }),
    /** Asks a user to be friends; answers `accepted` at once when they had already asked. */
    request: (userId: Id): Promise<FriendRequest> =>
      this.http.call<FriendRequest>('POST', '/v1/friendships/requests', { body: { user_id: Number(userId) } }),
    accept: (requestId: Id): Promise<FriendRequest> =>
      this.http.call<FriendRequest>('POST', `/v1/friendships/requests/${requestId}/accept`),
    decline: (requestId: Id): Promise<void> =>
      this.http.call<void>('POST', `/v1/friendships/requests/${requestId}/decline`),
    /** Takes back a request the caller sent. */
    cancel: (requestId: Id): Promise<void> => this.http.call<void>('DELETE', `/v1/friendships/requests/${requestId}`),
    /** Unfriends. */
    remove: (userId: Id): Promise<void> => this.http.call<void>('DELETE', `/v1/friendships/${userId}`),
    /** How the caller stands with a user. */
    status: (userId: Id): Promise<Relationship> => this.http.call<Relationship>('GET', `/v1/friendships/${userId}`),
    block: (userId: Id): Promise<Block> =>
      this.http.call<Block>('POST', '/v1/blocks', { body: { user_id: Number(userId) } }),
    unblock: (userId: Id): Promise<void> => this.http.call<void>('DELETE', `/v1/blocks/${userId}`),
    /** All users the caller blocked. */
    blocked: (): Promise<Block[]> => this.all<Block>('/v1/blocks'),
  };

  // ---- conversations ----

  /** Conversations, members and messages. */
  readonly conversations = {
    /** All the caller's conversations, by latest activity, with unread counts and the newest message. */
    list: async (): Promise<Conversation[]> => {
      const conversations = await this.all<Conversation>('/v1/conversations');
      for (const conversation of conversations) this.seen(conversation);
      return conversations;
    },
    /** One conversation, with its members. */
    get: async (id: Id): Promise<Conversation> => {
      const conversation = await this.http.call<Conversation>('GET', `/v1/conversations/${id}`);
      this.seen(conversation);
      return conversation;
    },
    /** Opens the direct conversation with a friend (the existing one if there is one). */
    createDirect: (userId: Id): Promise<Conversation> =>
      this.opened(this.http.call<Conversation>('POST', '/v1/conversations', { body: { type: 'direct', user_id: Number(userId) } })),
    /** Creates a group with friends. */
    createGroup: (title: string, memberIds: Id[]): Promise<Conversation> =>
      this.opened(
        this.http.call<Conversation>('POST', '/v1/conversations', {
          body: { type: 'group', title, member_ids: memberIds.map(Number) },
        }),
      ),
    rename: (id: Id, title: string): Promise<Conversation> =>
      this.http.call<Conversation>('PATCH', `/v1/conversations/${id}`, { body: { title } }),
    addMember: (id: Id, userId: Id): Promise<Member> =>
      this.http.call<Member>('POST', `/v1/conversations/${id}/members`, { body: { user_id: Number(userId) } }),
    /** Removes a member; removing oneself leaves the group. */
    removeMember: (id: Id, userId: Id): Promise<void> =>
      this.http.call<void>('DELETE', `/v1/conversations/${id}/members/${userId}`),
    /** Changes a member's role (`owner`, `admin`, `member`). */
    setRole: (id: Id, userId: Id, role: 'owner' | 'admin' | 'member'): Promise<Member> =>
      this.http.call<Member>('PATCH', `/v1/conversations/${id}/members/${userId}`, { body: { role } }),
    /**
     * A page of messages as the server orders it: newest first below `beforeSeq` (the default, from the newest), or
     * oldest first above `afterSeq`.
     */
    history: async (id: Id, options: HistoryOptions = {}): Promise<Message[]> =>
      (
        await this.http.call<Page<Message>>('GET', `/v1/conversations/${id}/messages`, {
          query: { before_seq: options.beforeSeq, after_seq: options.afterSeq, limit: options.limit },
        })
      ).items,
    /** Edits the caller's message. */
    edit: (id: Id, messageId: Id, body: string): Promise<Message> =>
      this.http.call<Message>('PATCH', `/v1/conversations/${id}/messages/${messageId}`, { body: { body } }),
    /** Deletes the caller's message (a tombstone keeps its seq). */
    delete: (id: Id, messageId: Id): Promise<void> =>
      this.http.call<void>('DELETE', `/v1/conversations/${id}/messages/${messageId}`),
    react: (id: Id, messageId: Id, emoji: string): Promise<void> =>
      this.http.call<void>('PUT', `/v1/conversations/${id}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`),
    unreact: (id: Id, messageId: Id, emoji: string): Promise<void> =>
      this.http.call<void>('DELETE', `/v1/conversations/${id}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`),
    /** Moves the caller's read mark forward to `seq` (it never moves back); counts follow at once. */
    markRead: async (id: Id, seq: number): Promise<void> => {
      await this.http.call<void>('POST', `/v1/conversations/${id}/read`, { body: { seq } });
      this.unread.readUpTo(Number(id), seq);
    },
    /** Tells the others how far this device has received. */
    markDelivered: (id: Id, seq: number): Promise<void> =>
      this.http.call<void>('POST', `/v1/conversations/${id}/delivered`, { body: { seq } }),
    /** Every member's read and delivery marks. */
    receipts: async (id: Id): Promise<Receipt[]> =>
      (await this.http.call<{ items: Receipt[] }>('GET', `/v1/conversations/${id}/receipts`)).items,
    pins: async (id: Id): Promise<Pin[]> => (await this.http.call<Page<Pin>>('GET', `/v1/conversations/${id}/pins`)).items,
    pin: (id: Id, messageId: Id): Promise<void> => this.http.call<void>('PUT', `/v1/conversations/${id}/pins/${messageId}`),
    unpin: (id: Id, messageId: Id): Promise<void> =>
      this.http.call<void>('DELETE', `/v1/conversations/${id}/pins/${messageId}`),
    /** The caller's messages holding `q` (2 to 200 characters), newest first; one page. */
    search: async (q: string, options: SearchOptions = {}): Promise<SearchHit[]> =>
      (
        await this.http.call<Page<SearchHit>>('GET', '/v1/search/messages', {
          query: { q, conversation_id: options.conversationId, limit: options.limit, cursor: options.cursor },
        })
      ).items,
  };

  /** Friends' presence, in the order asked (null for anyone who is not a friend); at most 100 ids. */
  async presence(userIds: Id[]): Promise<(Presence | null)[]> {
    const answer = await this.http.call<{ items: (Presence | null)[] }>('GET', '/v1/presence', {
      query: { user_ids: userIds.join(',') },
    });
    return answer.items;
  }

  // ---- uploads ----

  /** Attachments: upload a file, then send it with `send(id, { attachments: [upload.id] })`. */
  readonly uploads = {
    /**
     * Uploads a file into a conversation: declares it, PUTs the bytes to the signed URL the server answers, and
     * completes it. Answers the checked upload (its real type, size, and an image's width and height).
     */
    upload: async (file: Blob, name: string, conversationId: Id): Promise<Upload> => {
      const contentType = file.type || 'application/octet-stream';
      const ticket = await this.http.call<UploadTicket>('POST', '/v1/uploads', {
        body: { conversation_id: Number(conversationId), filename: name, content_type: contentType, size: file.size },
      });
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries((ticket.headers ?? {}) as Record<string, string>)) {
        // Browsers set these themselves and refuse them from scripts.
        if (!/^(content-length|host)$/i.test(key)) headers[key] = value;
      }
      const target = /^https?:\/\//.test(ticket.upload_url) ? ticket.upload_url : this.baseUrl + ticket.upload_url;
      const put = await this.fetchFn(target, { method: ticket.method || 'PUT', headers, body: file });
      if (!put.ok) throw await ParleyApiError.from(put, this.now);
      return this.http.call<Upload>('POST', `/v1/uploads/${ticket.id}/complete`);
    },
    /**
     * The URL of an attachment (or its thumbnail). It needs the access token, which an `<img src>` does not send:
     * use {@link fetchMedia} to display it.
     */
    mediaUrl: (uploadId: Id, options: { thumbnail?: boolean } = {}): string =>
      `${this.baseUrl}/v1/media/${uploadId}${options.thumbnail ? '/thumbnail' : ''}`,
    /** An attachment's bytes (following the redirect to the store), e.g. for `URL.createObjectURL`. */
    fetchMedia: async (uploadId: Id, options: { thumbnail?: boolean } = {}): Promise<Blob> => {
      const response = await this.http.send('GET', `/v1/media/${uploadId}${options.thumbnail ? '/thumbnail' : ''}`);
      return response.blob();
    },
  };

  // ---- real time ----

  /**
   * Opens the socket and keeps it open: reconnects with backoff and jitter, and catches up through `/v1/sync` on
   * every (re)connect before it is `online`. Does nothing while logged out.
   */
  connect(): void {
    if (!this.loggedIn) return;
    if (typeof this.webSocket !== 'function') {
      throw new Error('No WebSocket here: pass one as the WebSocket option (e.g. from the ws package on Node 20)');
    }
    this.realtime.connect();
  }

  /** Closes the socket; events stop until {@link connect}. */
  disconnect(): void {
    this.realtime.disconnect();
  }

  /** `offline`, `connecting` (opening or waiting to reopen), `syncing` (catching up) or `online`. */
  get connection(): ConnectionState {
    return this.realtime.state;
  }

  /** Listens to an event; answers the function that stops listening. */
  on<K extends keyof ParleyEvents>(type: K, handler: (event: ParleyEvents[K]) => void): () => void {
    return this.emitter.on(type, handler);
  }

  /**
   * Sends a message. It gets a client_message_id at once and is retried with it after network errors, 5xx, 408 and
   * 429 (after `Retry-After`) until the server acknowledges it, so it is stored once; a conversation's messages are
   * sent one after the other, in order. A refusal (any other 4xx) rejects `sent` and emits `send.failed`.
   */
  send(conversationId: Id, message: OutgoingMessage): PendingSend {
    return this.sender.send(Number(conversationId), message);
  }

  /** Tells the others the caller is typing; at most one frame per conversation every 3 s goes out. */
  typing(conversationId: Id): void {
    this.throttle.typing(Number(conversationId));
  }

  /** A conversation's unread messages and unread mentions of the caller, as the server counts them. */
  counts(conversationId: Id): { unread: number; mentions: number } {
    return this.unread.get(Number(conversationId));
  }

  // ---- internals ----

  private deliver(delivery: Delivery): void {
    const self = this.userId;
    switch (delivery.type) {
      case 'message.created':
        this.unread.message(delivery.event.conversationId, delivery.event.message);
        break;
      case 'message.deleted':
        this.unread.deleted(delivery.event.conversationId, delivery.event.message);
        break;
      case 'read.updated':
        this.unread.read(delivery.event.conversationId, delivery.event.lastReadSeq);
        break;
      case 'member.added':
        if (delivery.event.member.user_id === self && typeof delivery.event.member.last_read_seq === 'number') {
          this.unread.read(delivery.event.conversationId, delivery.event.member.last_read_seq);
        }
        break;
      case 'member.removed':
        if (delivery.event.member.user_id === self) this.unread.forget(delivery.event.conversationId);
        break;
      default:
        break;
    }
    (this.emitter.emit as (type: string, event: unknown) => void)(delivery.type, delivery.event);
  }

  // A view of the caller's: where the events start for that conversation, and its counts.
  private seen(conversation: Conversation): void {
    this.realtime.engine.seed(conversation);
    this.unread.view(conversation);
  }

  private async opened(request: Promise<Conversation>): Promise<Conversation> {
    const conversation = await request;
    this.realtime.engine.seed(conversation);
    return conversation;
  }

  private async refreshView(conversationId: number): Promise<void> {
    const last = this.viewsAsked.get(conversationId);
    const now = this.now();
    if (last !== undefined && now - last < VIEW_REFRESH_INTERVAL_MS) return;
    this.viewsAsked.set(conversationId, now);
    try {
      this.seen(await this.http.call<Conversation>('GET', `/v1/conversations/${conversationId}`));
    } catch (error) {
      if (error instanceof ParleyApiError && error.status === 404) this.unread.forget(conversationId);
    }
  }

  private async all<T>(path: string, query: Record<string, unknown> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null | undefined;
    do {
      const page: Page<T> = await this.http.call<Page<T>>('GET', path, { query: { ...query, limit: ALL, cursor } });
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  }

  private streamUrl(accessToken: string): string {
    const base = this.baseUrl || (globalThis as { location?: { origin?: string } }).location?.origin || '';
    return `${base.replace(/^http/, 'ws')}/v1/stream?access_token=${encodeURIComponent(accessToken)}`;
  }

  // The session is over (logged out here, refused refresh, or revoked): stop everything and tell the application.
  private ended(): void {
    this.tokenStore.save(null);
    this.realtime.reset();
    this.unread.reset();
    this.sender.abandon(new ParleyApiError(401, 'Logged out'));
  }
}
