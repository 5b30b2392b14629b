/**
 * A token bucket: `rate` tokens a second, holding at most one second's worth, so a mailing sends at
 * its rate on average and never more than `rate` messages in any one second after a pause. It lives
 * in one process: N worker processes together send up to N × rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = Math.max(1, rate);
    this.last = this.now();
  }

  /** The mailing's rate may be changed while it is sending; the next token follows the new one. */
  setRate(rate: number): void {
    if (rate === this.rate) return;
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, Math.max(1, rate));
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** How long until a token is free (0: take one now). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  /** Waits for a token and takes it. Callers take in turn (one loop per mailing), not in a crowd. */
  async take(): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await new Promise((r) => setTimeout(r, wait));
    this.tokens -= 1;
  }
}

/** At most `limit` tasks at once; the rest wait their turn in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else this.active--;
  }
}
