/**
 * An HTTP answer outside 2xx, read from the API's common error envelope
 * `{"error": {"message", "status", "type"}}`.
 */
export class ParleyApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The envelope's `type`: the HTTP reason phrase, e.g. `"Bad Request"`; undefined when the body was no envelope. */
  readonly code?: string;
  /** The parsed body (or its text when it was not JSON). */
  readonly body: unknown;
  /** How long the server asked to wait before trying again (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(status: number, message: string, options: { code?: string; body?: unknown; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'ParleyApiError';
    this.status = status;
    this.body = options.body;
    if (options.code !== undefined) this.code = options.code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Reads an answer that was not 2xx. */
  static async from(response: Response, now: () => number = Date.now): Promise<ParleyApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const envelope = (body as { error?: { message?: unknown; type?: unknown } } | undefined)?.error;
    const message =
      typeof envelope?.message === 'string' ? envelope.message : `${response.status} ${response.statusText}`.trim();
    const code = typeof envelope?.type === 'string' ? envelope.type : undefined;
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
    return new ParleyApiError(response.status, message, {
      body,
      ...(code !== undefined ? { code } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
}

/** A request that got no HTTP answer at all (the network failed, or the server could not be reached). */
export class ParleyNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParleyNetworkError';
  }
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
