import { ENUM_VALUES, OfficeHoursSchema, type OfficeHours } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  addInterval,
  copyToWeekdays,
  officeHoursProblems,
  removeInterval,
  sameOfficeHours,
  setIntervalTime,
  timeZoneOptions,
  weekdayPreset,
  wrapsMidnight,
} from './officeHours';

describe('office hours edits', () => {
  it('knows the weekdays of the contract', () => {
    expect(WEEKDAYS).toEqual(ENUM_VALUES.day_of_week);
  });

  it('starts from Monday–Friday 9 to 5, which the server accepts', () => {
    const preset = weekdayPreset();
    expect(Object.keys(preset.days)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    expect(OfficeHoursSchema.safeParse(preset).success).toBe(true);
  });

  it('adds intervals: 9 to 5 on a closed day, then an hour after the last one; at most six', () => {
    let hours: OfficeHours = { days: {} };
    hours = addInterval(hours, 'saturday');
    expect(hours.days.saturday).toEqual([{ from: '09:00', to: '17:00' }]);
    hours = addInterval(hours, 'saturday');
    expect(hours.days.saturday?.[1]).toEqual({ from: '18:00', to: '19:00' });
    for (let i = 0; i < 10; i++) hours = addInterval(hours, 'saturday');
    expect(hours.days.saturday).toHaveLength(6);
    expect(OfficeHoursSchema.safeParse(hours).success).toBe(true);
  });

  it('removes intervals; the last one closes the day (the key goes)', () => {
    const hours = weekdayPreset();
    const closed = removeInterval(hours, 'monday', 0);
    expect(closed.days).not.toHaveProperty('monday');
    expect(hours.days.monday).toHaveLength(1); // unchanged input
  });

  it('sets times and copies a day to the other weekdays', () => {
    let hours = setIntervalTime(weekdayPreset(), 'monday', 0, 'to', '12:00');
    hours = addInterval(hours, 'monday');
    hours = setIntervalTime(hours, 'monday', 1, 'from', '13:00');
    hours = setIntervalTime(hours, 'monday', 1, 'to', '18:00');
    const copied = copyToWeekdays(hours, 'monday');
    expect(copied.days.friday).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ]);
    expect(copied.days).not.toHaveProperty('saturday');
    expect(setIntervalTime(hours, 'monday', 7, 'to', '10:00')).toBe(hours);
  });

  it('finds empty intervals and missing times; past midnight is fine', () => {
    const hours: OfficeHours = {
      days: {
        monday: [
          { from: '10:00', to: '10:00' },
          { from: '', to: '12:00' },
        ],
        friday: [{ from: '22:00', to: '02:00' }],
      },
    };
    expect(officeHoursProblems(hours)).toEqual([
      { day: 'monday', index: 0, message: 'The interval is empty: it ends when it starts' },
      { day: 'monday', index: 1, message: 'Enter both times' },
    ]);
    expect(officeHoursProblems(null)).toEqual([]);
    expect(wrapsMidnight({ from: '22:00', to: '02:00' })).toBe(true);
    expect(wrapsMidnight({ from: '09:00', to: '17:00' })).toBe(false);
  });

  it('compares office hours by content', () => {
    expect(sameOfficeHours(weekdayPreset(), weekdayPreset())).toBe(true);
    expect(sameOfficeHours(weekdayPreset(), null)).toBe(false);
    expect(sameOfficeHours(null, null)).toBe(true);
    expect(sameOfficeHours({ days: { monday: [] } }, { days: {} })).toBe(true);
    expect(sameOfficeHours(weekdayPreset(), setIntervalTime(weekdayPreset(), 'friday', 0, 'to', '15:00'))).toBe(false);
  });
});

describe('time zone list', () => {
  it('always holds UTC and the current zone, UTC first', () => {
    const list = timeZoneOptions(['Europe/Prague', 'America/New_York'], 'Etc/GMT+5');
    expect(list[0]).toBe('UTC');
    expect(list).toContain('Etc/GMT+5');
    expect(list).toEqual(['UTC', 'America/New_York', 'Etc/GMT+5', 'Europe/Prague']);
  });
});
