import { describe, expect, it } from 'vitest';
import { dayDiff, dayLabel, relativeTime } from './time';

const now = new Date(2024, 2, 14, 15, 0, 0); // Thu 14 Mar 2024, 15:00 local
const at = (...args: [number, number, number, number?, number?]) => {
  const [y, m, d, h = 0, min = 0] = args;
  return new Date(y, m, d, h, min).toISOString();
};

describe('relativeTime', () => {
  it('says "now" under a minute (and for clock skew into the future)', () => {
    expect(relativeTime(new Date(now.getTime() - 30_000).toISOString(), now)).toBe('now');
    expect(relativeTime(new Date(now.getTime() + 5_000).toISOString(), now)).toBe('now');
  });
  it('counts minutes and hours', () => {
    expect(relativeTime(new Date(now.getTime() - 5 * 60_000).toISOString(), now)).toBe('5m');
    expect(relativeTime(new Date(now.getTime() - 3 * 3_600_000).toISOString(), now)).toBe('3h');
  });
  it('says Yesterday, then weekday, then date', () => {
    expect(relativeTime(at(2024, 2, 13, 1), now)).toBe('Yesterday');
    expect(relativeTime(at(2024, 2, 11, 10), now, 'en-GB')).toBe('Mon');
    expect(relativeTime(at(2024, 0, 2, 10), now, 'en-GB')).toBe('2 Jan');
    expect(relativeTime(at(2023, 0, 2, 10), now, 'en-GB')).toBe('2 Jan 2023');
  });
  it('is empty for an invalid date', () => {
    expect(relativeTime('nope', now)).toBe('');
  });
});

describe('dayLabel / dayDiff', () => {
  it('labels today and yesterday', () => {
    expect(dayLabel(at(2024, 2, 14, 0, 1), now)).toBe('Today');
    expect(dayLabel(at(2024, 2, 13, 23, 59), now)).toBe('Yesterday');
    expect(dayDiff(new Date(2024, 2, 10), now)).toBe(4);
  });
});
