import { describe, expect, it } from 'vitest';
import { dateTimeIn } from './dates';

describe('billing dates', () => {
  it('show an instant in the workspace zone', () => {
    expect(dateTimeIn('2026-11-30T23:30:00Z', 'UTC')).toBe('30 Nov 2026, 23:30');
    expect(dateTimeIn('2026-11-30T23:30:00Z', 'Europe/Prague')).toBe('1 Dec 2026, 00:30');
    expect(dateTimeIn('2026-11-30T23:30:00Z', 'America/New_York')).toBe('30 Nov 2026, 18:30');
    expect(dateTimeIn('2026-11-30T23:30:00Z', 'Not/AZone')).toBe('30 Nov 2026, 23:30');
    expect(dateTimeIn('nope', 'UTC')).toBe('');
  });
});
