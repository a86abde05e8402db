/** Exponential backoff with full jitter: a random delay between 0 and min(max, min * 2^attempt). */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly random: () => number,
  ) {}

  /** The delay before the next try, and counts the try. */
  next(): number {
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(this.attempt, 30));
    this.attempt += 1;
    return Math.floor(this.random() * ceiling);
  }

  /** Starts again from the smallest delay, after a success. */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
