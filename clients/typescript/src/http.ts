import { ParleyApiError, ParleyNetworkError } from './errors.js';
import { readClaims, type TokenPair, type TokenStore } from './tokens.js';

/** What one HTTP call takes besides its method and path. */
export interface CallOptions {
  /** Query parameters; undefined and null values are left out, arrays are joined with commas. */
  query?: Record<string, unknown> | undefined;
  /** A JSON body. */
  body?: unknown;
  /** Whether to send the access token (default true). */
  auth?: boolean;
}

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  tokens: TokenStore;
  now: () => number;
  /** Called once when the session is over: a refresh was refused, or the socket was closed as revoked. */
  onLoggedOut: () => void;
}

// A token this close to its expiry is refreshed before it is handed to the socket, which cannot answer 401.
const EXPIRY_MARGIN_MS = 30_000;

/**
 * JSON over fetch with the access token, the error envelope turned into {@link ParleyApiError}, and one token refresh
 * at a time: concurrent requests answered 401 wait for the same refresh, then each is retried once.
 */
export class Http {
  private refreshing: Promise<void> | null = null;

  constructor(private readonly options: HttpOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** The absolute URL of an API path. */
  url(path: string, query?: Record<string, unknown>): string {
    return this.options.baseUrl + path + queryString(query);
  }

  /** Calls the API and answers the parsed JSON body (undefined for 204). */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Calls the API and answers the raw 2xx response. */
  async send(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const auth = options.auth !== false;
    const used = auth ? this.options.tokens.load() : null;
    let response = await this.once(method, path, options, used);
    if (response.status === 401 && auth && used) {
      await this.refreshAfter(used);
      const now = this.options.tokens.load();
      if (now) response = await this.once(method, path, options, now);
    }
    if (!response.ok) throw await ParleyApiError.from(response, this.options.now);
    return response;
  }

  /**
   * Refreshes the tokens unless another refresh already replaced the pair that was refused; concurrent callers share
   * one refresh. A refusal (4xx) ends the session; a network failure or 5xx leaves the tokens as they are.
   */
  refreshAfter(refused: TokenPair | null): Promise<void> {
    return this.refreshAfterToken(refused?.access_token ?? null);
  }

  /**
   * The same for an access token the server refused (a socket closed as expired): nothing to do when the pair in the
   * store has moved on since, as when another tab sharing the store refreshed first.
   */
  refreshAfterToken(refusedAccessToken: string | null): Promise<void> {
    const current = this.options.tokens.load();
    if (!current) return Promise.reject(new ParleyApiError(401, 'Not logged in'));
    if (refusedAccessToken !== null && current.access_token !== refusedAccessToken) return Promise.resolve();
    if (!this.refreshing) {
      this.refreshing = this.refresh(current).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** An access token valid for at least half a minute more, refreshed first when needed; null when logged out. */
  async freshAccessToken(): Promise<string | null> {
    const tokens = this.options.tokens.load();
    if (!tokens) return null;
    const { expiresAtMs } = readClaims(tokens.access_token);
    if (expiresAtMs !== null && expiresAtMs - this.options.now() < EXPIRY_MARGIN_MS) {
      await this.refreshAfter(tokens);
    }
    return this.options.tokens.load()?.access_token ?? null;
  }

  private async refresh(current: TokenPair): Promise<void> {
    const body = { refresh_token: current.refresh_token };
    const response = await this.once('POST', '/v1/accounts/token/refresh', { body }, null);
    if (!response.ok) {
      const error = await ParleyApiError.from(response, this.options.now);
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        this.options.tokens.save(null);
        this.options.onLoggedOut();
      }
      throw error;
    }
    this.options.tokens.save((await response.json()) as TokenPair);
  }

  private async once(method: string, path: string, options: CallOptions, tokens: TokenPair | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (tokens) headers.Authorization = `Bearer ${tokens.access_token}`;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    try {
      return await this.options.fetch(this.url(path, options.query), init);
    } catch (cause) {
      throw new ParleyNetworkError(`${method} ${path} failed: ${String((cause as Error)?.message ?? cause)}`, { cause });
    }
  }
}

/** `?a=1&b=2` from the defined values, or "" when there are none. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
