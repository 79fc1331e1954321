import { expect, it } from 'vitest';
import { backoffDelay } from './backoff';

it('grows exponentially, is capped, and jitters within 50–100 %', () => {
  expect([0, 1, 2, 3, 10, 1000].map((a) => backoffDelay(a, () => 1))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000]);
  expect(backoffDelay(2, () => 0)).toBe(1000);
  expect(backoffDelay(-1, () => 1)).toBe(500);
});
