import { describe, expect, it } from 'vitest';
import { dayNumber as coreDayNumber, MAX_RANGE_DAYS as CORE_MAX_RANGE_DAYS } from '../../../../core/src/statistics/api';
import { addDays, dayIn, dayNumber, MAX_RANGE_DAYS, presetRange, rangeFromParams, rangeLabel, rangeLength, rangeProblems, rangeToParams } from './dateRange';

describe('days in the workspace time zone', () => {
  it('mirrors the calendar rules of @parley/core', () => {
    expect(MAX_RANGE_DAYS).toBe(CORE_MAX_RANGE_DAYS);
    for (const day of ['2026-11-25', '2024-02-29', '2023-02-29', '2026-13-01', '2026-1-1', 'x', '1970-01-01']) {
      expect(dayNumber(day)).toBe(coreDayNumber(day));
    }
  });

  it('reads today in the zone, not the browser or UTC', () => {
    const instant = Date.parse('2026-11-30T23:30:00Z');
    expect(dayIn('UTC', instant)).toBe('2026-11-30');
    expect(dayIn('Europe/Prague', instant)).toBe('2026-12-01');
    expect(dayIn('America/Los_Angeles', instant)).toBe('2026-11-30');
    expect(dayIn('Pacific/Kiritimati', Date.parse('2026-11-30T10:30:00Z'))).toBe('2026-12-01');
    expect(dayIn('Not/AZone', instant)).toBe('2026-11-30');
  });

  it('turns presets into the last N days, today included', () => {
    const today = dayIn('Europe/Prague', Date.parse('2026-03-01T00:30:00+01:00'));
    expect(today).toBe('2026-03-01');
    expect(presetRange('7d', today)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetRange('30d', today)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(presetRange('90d', '2024-03-01')).toEqual({ from: '2023-12-03', to: '2024-03-01' });
    expect(rangeLength(presetRange('90d', today))).toBe(90);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('the range in the URL', () => {
  const today = '2026-11-25';
  it('defaults to the last 30 days and reads presets and custom ranges', () => {
    expect(rangeFromParams(new URLSearchParams(''), today)).toEqual({ choice: '30d', from: '2026-10-27', to: today });
    expect(rangeFromParams(new URLSearchParams('range=7d'), today)).toEqual({ choice: '7d', from: '2026-11-19', to: today });
    expect(rangeFromParams(new URLSearchParams('range=bogus'), today).choice).toBe('30d');
    expect(rangeFromParams(new URLSearchParams('from=2026-11-01&to=2026-11-10&range=7d'), today)).toEqual({
      choice: 'custom',
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(rangeFromParams(new URLSearchParams('from=2026-11-01'), today)).toEqual({ choice: 'custom', from: '2026-11-01', to: '' });
  });

  it('writes the range and keeps the other keys', () => {
    const base = new URLSearchParams('chatbot=b1&range=90d');
    expect(rangeToParams({ choice: '30d', from: 'a', to: 'b' }, base).toString()).toBe('chatbot=b1');
    expect(rangeToParams({ choice: '7d', from: 'a', to: 'b' }, base).toString()).toBe('chatbot=b1&range=7d');
    expect(rangeToParams({ choice: 'custom', from: '2026-11-01', to: '2026-11-02' }, base).toString()).toBe(
      'chatbot=b1&from=2026-11-01&to=2026-11-02',
    );
  });
});

describe('range problems', () => {
  it('says what the API would refuse, on the field it concerns', () => {
    expect(rangeProblems({ from: '2026-11-01', to: '2026-11-30' })).toEqual({});
    expect(rangeProblems({ from: '2026-11-01', to: '2026-11-01' })).toEqual({});
    expect(rangeProblems({ from: '', to: '2026-11-30' })).toEqual({ from: 'Choose the first day' });
    expect(rangeProblems({ from: '2026-02-30', to: '' })).toEqual({ from: 'Use a date like 2026-11-25', to: 'Choose the last day' });
    expect(rangeProblems({ from: '2026-11-30', to: '2026-11-01' })).toEqual({ to: 'The last day is before the first day' });
    expect(rangeProblems({ from: '2025-01-01', to: '2026-01-02' })).toEqual({}); // 367 days
    expect(rangeProblems({ from: '2025-01-01', to: '2026-01-03' })).toEqual({ to: 'A range may cover at most 367 days' });
  });

  it('labels a range as dates', () => {
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-30' }, 'en-GB')).toBe('1 Nov – 30 Nov 2026');
    expect(rangeLabel({ from: '2025-12-28', to: '2026-01-03' }, 'en-GB')).toBe('28 Dec 2025 – 3 Jan 2026');
    expect(rangeLabel({ from: '2026-11-05', to: '2026-11-05' }, 'en-GB')).toBe('5 Nov 2026');
    expect(rangeLabel({ from: '', to: '2026-11-05' })).toBe('');
    expect(rangeLabel({ from: '2026-11-06', to: '2026-11-05' })).toBe('');
  });
});
