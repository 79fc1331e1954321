import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin.js';

describe('isOriginAllowed', () => {
  const allowed = ['https://shop.example', 'https://*.brand.example'];
  it.each([
    ['https://shop.example', true],
    ['https://shop.example:443', true],
    ['http://shop.example', false],
    ['https://evil-shop.example', false],
    ['https://www.brand.example', true],
    ['https://a.b.brand.example', true],
    ['https://brand.example', false],
    ['https://notbrand.example', false],
    [undefined, false],
    ['null', false],
  ])('%s → %s', (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });
  it('allows any origin with "*"', () => {
    expect(isOriginAllowed(undefined, ['*'])).toBe(true);
  });
});
