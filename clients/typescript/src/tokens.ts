/** The tokens account-service answers a login or a refresh with. */
export type TokenPair = { access_token: string; refresh_token: string; expires_in: number; token_type: string };

/** Where the client keeps its tokens; read on every use, so a store shared between tabs stays in step. */
export interface TokenStore {
  load(): TokenPair | null;
  save(tokens: TokenPair | null): void;
}

/** Keeps the tokens in memory only: a reload logs out. The default. */
export class MemoryTokenStore implements TokenStore {
  private tokens: TokenPair | null = null;

  load(): TokenPair | null {
    return this.tokens;
  }

  save(tokens: TokenPair | null): void {
    this.tokens = tokens;
  }
}

/** The claims the client reads from an access token: its user (`sub`) and expiry (`exp`, seconds). */
export interface AccessClaims {
  userId: number | null;
  expiresAtMs: number | null;
}

/** Reads `sub` and `exp` from a JWT without checking it (the services do that); nulls when it cannot be read. */
export function readClaims(accessToken: string): AccessClaims {
  const payload = accessToken.split('.')[1];
  if (!payload) return { userId: null, expiresAtMs: null };
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub?: unknown; exp?: unknown };
    const userId = typeof claims.sub === 'string' && /^\d+$/.test(claims.sub) ? Number(claims.sub) : null;
    const expiresAtMs = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
    return { userId, expiresAtMs };
  } catch {
    return { userId: null, expiresAtMs: null };
  }
}
