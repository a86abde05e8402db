import { ParleyApiError, ParleyClient, type TokenPair, type TokenStore } from '@parley/client';

const TOKENS_KEY = 'parley.tokens';

/**
 * Keeps the tokens in this tab's sessionStorage, so a reload stays signed in. Not localStorage: refresh tokens
 * rotate on every use and presenting a spent one ends the session, so two tabs sharing one pair would log each
 * other out.
 */
export const tabTokenStore: TokenStore = {
  load(): TokenPair | null {
    try {
      const saved = sessionStorage.getItem(TOKENS_KEY);
      return saved ? (JSON.parse(saved) as TokenPair) : null;
    } catch {
      return null;
    }
  },
  save(tokens: TokenPair | null): void {
    if (tokens) sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
    else sessionStorage.removeItem(TOKENS_KEY);
  },
};

/** The one client of the app: same origin as the page (the proxy serves both). */
export const client = new ParleyClient({
  baseUrl: '',
  tokens: tabTokenStore,
  // A browser tab is watched by a person: come back quickly after a network blip.
  reconnect: { minDelayMs: 300, maxDelayMs: 5_000 },
});

/** A sentence for a failed call, from the API's error envelope when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ParleyApiError) {
    if (error.status === 0 || error.status >= 500) return `The server could not answer (${error.message}). Try again.`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The HTTP status of a failed call, if it was an API error. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof ParleyApiError ? error.status : undefined;
}
