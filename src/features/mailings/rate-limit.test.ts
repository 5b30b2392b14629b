import { describe, expect, it } from 'vitest';
import { Semaphore, TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('lets one second’s worth go at once, then exactly `rate` a second', () => {
    let now = 0;
    const bucket = new TokenBucket(20, () => now);
    let taken = 0;
    const takeAll = () => {
      while (bucket.waitMs() === 0) {
        void bucket.take();
        taken++;
      }
    };
    takeAll();
    expect(taken).toBe(20);
    expect(bucket.waitMs()).toBe(50);
    now += 1000;
    takeAll();
    expect(taken).toBe(40);
    // A long pause does not save up more than one second's worth.
    now += 60_000;
    takeAll();
    expect(taken).toBe(60);
  });

  it('follows a changed rate from the next token on', () => {
    let now = 0;
    const bucket = new TokenBucket(10, () => now);
    for (let i = 0; i < 10; i++) void bucket.take();
    bucket.setRate(2);
    expect(bucket.waitMs()).toBe(500);
    now += 500;
    expect(bucket.waitMs()).toBe(0);
  });

  it('makes a caller wait for its token', async () => {
    const bucket = new TokenBucket(50);
    const start = performance.now();
    for (let i = 0; i < 55; i++) await bucket.take();
    // 50 at once, five more at 20 ms each.
    expect(performance.now() - start).toBeGreaterThanOrEqual(90);
  });
});

describe('Semaphore', () => {
  it('never lets more than its limit run at once, and lets all run in the end', async () => {
    const slots = new Semaphore(3);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        await slots.acquire();
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        slots.release();
      }),
    );
    expect(most).toBe(3);
    expect(running).toBe(0);
  });
});
