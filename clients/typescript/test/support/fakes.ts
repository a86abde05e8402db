// Stand-ins for the network: a fetch that answers from a script, and WebSockets the test opens and closes.

/** A JWT whose payload carries `sub` and `exp` (seconds); the signature is not checked by the client. */
export function accessToken(userId: number, expiresAtSeconds = 4_000_000_000, salt = ''): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', kid: 'k1' })}.${encode({ iss: 'parley', sub: String(userId), exp: expiresAtSeconds, jti: salt })}.c2lnbmF0dXJl`;
}

export function tokens(userId: number, salt = '') {
  return { access_token: accessToken(userId, 4_000_000_000, salt), refresh_token: `refresh-${salt}`, expires_in: 900, token_type: 'Bearer' };
}

export interface Call {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = Response | Error | ((call: Call) => Response | Error | Promise<Response | Error>);

/** JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** An answer in the API's error envelope. */
export function failure(status: number, message: string, headers: Record<string, string> = {}): Response {
  const reasons: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };
  return json(status, { error: { message, status, type: reasons[status] ?? 'Error' } }, headers);
}

/**
 * A fetch answering each "METHOD /path" from a queue of answers (the last one repeats); every call is recorded.
 */
export class FakeFetch {
  readonly calls: Call[] = [];
  private readonly routes = new Map<string, Answer[]>();

  on(route: string, ...answers: Answer[]): this {
    this.routes.set(route, answers);
    return this;
  }

  callsTo(route: string): Call[] {
    return this.calls.filter((c) => `${c.method} ${c.path}` === route);
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const call: Call = {
      method: init.method ?? 'GET',
      url: String(input),
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    this.calls.push(call);
    const route = `${call.method} ${call.path}`;
    const queue = this.routes.get(route);
    if (!queue || queue.length === 0) throw new Error(`No answer scripted for ${route}`);
    const next = queue.length > 1 ? queue.shift()! : queue[0]!;
    const answer = typeof next === 'function' ? await next(call) : next;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
}

/** A WebSocket the test drives: it opens, receives frames and closes when told. */
export class FakeSocket {
  static readonly all: FakeSocket[] = [];
  static reset(): void {
    FakeSocket.all.length = 0;
  }
  static get last(): FakeSocket {
    const socket = FakeSocket.all[FakeSocket.all.length - 1];
    if (!socket) throw new Error('No socket was opened');
    return socket;
  }

  readyState = 0;
  readonly sent: unknown[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  get accessToken(): string | null {
    return new URL(this.url).searchParams.get('access_token');
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  /** The server (or the network) closes the socket. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code !== 1006 } as CloseEvent);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.drop(code, reason);
  }
}

/** The constructor the client is given. */
export const FakeWebSocket = FakeSocket as unknown as typeof WebSocket;

/** Lets pending promise callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
