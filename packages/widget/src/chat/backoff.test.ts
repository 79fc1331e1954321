import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('stays within [ceiling/2, ceiling] and never above the cap', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999, 1]) {
        const d = backoffDelay(attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(d).toBeLessThanOrEqual(ceiling);
        expect(d).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      }
    }
  });

  it('grows exponentially until the cap (about 10 s)', () => {
    const max = (a: number) => backoffDelay(a, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(max)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(max(1000)).toBe(10000);
  });

  it('never fires immediately, even on the first retry', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
  });

  it('jitters: different random draws give different delays', () => {
    const seen = new Set([0, 0.3, 0.6, 0.9].map((r) => backoffDelay(5, () => r)));
    expect(seen.size).toBe(4);
  });

  it('tolerates odd inputs (negative, NaN attempts, out-of-range randoms)', () => {
    expect(backoffDelay(-3, () => 0.5)).toBe(backoffDelay(0, () => 0.5));
    expect(backoffDelay(Number.NaN, () => 0.5)).toBe(backoffDelay(0, () => 0.5));
    expect(backoffDelay(3, () => 7)).toBe(4000);
    expect(backoffDelay(3, () => -1)).toBe(2000);
  });

  it('honours custom base and cap', () => {
    expect(backoffDelay(10, () => 1, { base: 100, cap: 3000 })).toBe(3000);
    expect(backoffDelay(1, () => 1, { base: 100, cap: 3000 })).toBe(200);
  });
});
