import { describe, expect, it } from 'vitest';
import { deviceSummary, languageName, pageLabel, safeHref, shortUrl } from './visitorFormat';

describe('visitor formatting', () => {
  it('names languages, keeping the tag', () => {
    expect(languageName('de-DE')).toBe('German (Germany) · de-DE');
    expect(languageName('fr')).toBe('French · fr');
    expect(languageName(null)).toBe(null);
    expect(languageName('not a tag!!')).toBe('not a tag!!');
  });
  it('summarises the device', () => {
    expect(deviceSummary({ type: 'mobile', browser: 'Safari', os: 'iOS', userAgent: null })).toBe('Mobile · Safari · iOS');
    expect(deviceSummary({ type: 'unknown', browser: null, os: null, userAgent: null })).toBe('Unknown device');
  });
  it('labels pages and only links http(s)', () => {
    expect(pageLabel({ url: 'https://shop.example/cart', title: ' Cart ' })).toBe('Cart');
    expect(pageLabel({ url: 'https://shop.example/cart', title: '' })).toBe('shop.example/cart');
    expect(safeHref('https://shop.example/cart')).toBe('https://shop.example/cart');
    expect(safeHref('javascript:alert(1)')).toBe(null);
    expect(safeHref('nope')).toBe(null);
    expect(shortUrl('https://shop.example/demo/pricing?a=1')).toBe('shop.example/demo/pricing?a=1');
    expect(shortUrl('http://localhost:3322/')).toBe('localhost:3322');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});
