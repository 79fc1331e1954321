import { describe, expect, it } from 'vitest';
import { parseVisitorDevice } from './visitor-device.js';

describe('parseVisitorDevice', () => {
  it('recognises a desktop Chrome on Windows', () => {
    const d = parseVisitorDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36');
    expect(d).toMatchObject({ type: 'desktop', browser: 'Chrome 126' });
    expect(d.os).toMatch(/^Windows/);
  });
  it('recognises an iPhone', () => {
    const d = parseVisitorDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1');
    expect(d.type).toBe('mobile');
    expect(d.os).toMatch(/^iOS/);
  });
  it('knows nothing without a user agent', () => {
    expect(parseVisitorDevice(undefined)).toEqual({ type: 'unknown', browser: null, os: null });
  });
});
