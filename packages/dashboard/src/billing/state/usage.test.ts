import { describe, expect, it } from 'vitest';
import { usageWarningLevel } from '../../../../core/src/billing/limits';
import { formatUsageText } from '../../../../core/src/billing/usage-summary';
import {
  bannerVisible,
  formatCount,
  formatShortDate,
  parseDismissal,
  usagePercent,
  usagePercentLabel,
  usageTextParts,
  usageTone,
  warningLevelOf,
  warningText,
} from './usage';

const period = (index: number, renewsOn = '2026-12-03') => ({
  index,
  start: '2026-11-02T23:00:00.000Z',
  end: '2026-12-02T23:00:00.000Z',
  startDate: '2026-11-03',
  endDate: '2026-12-02',
  renewsOn,
  timeZone: 'Europe/Prague',
});

describe('the usage sentence', () => {
  it('is @parley/core\'s, in a big part and the renewal', () => {
    for (const [remaining, limit, renewsOn] of [
      [312, 1000, '2026-12-03'],
      [0, 50, '2027-01-01'],
      [1_234_567, 5_000_000, '2028-02-29'],
      [7, 7, '2026-03-31'],
    ] as const) {
      const { left, renews } = usageTextParts({ remaining, limit, period: period(0, renewsOn) });
      expect(left + renews).toBe(formatUsageText({ remaining, limit, renewsOn }));
    }
    expect(usageTextParts({ remaining: 312, limit: 1000, period: period(0) })).toEqual({ left: '312 of 1 000 left', renews: ', renews on 3 December' });
    expect(formatCount(-1500)).toBe('-1 500');
    expect(formatShortDate('2026-11-03')).toBe('3 Nov 2026');
  });
});

describe('the usage bar', () => {
  it('fills used ÷ limit, capped, full at a limit of 0', () => {
    expect(usagePercent(0, 1000)).toBe(0);
    expect(usagePercent(250, 1000)).toBe(25);
    expect(usagePercent(1000, 1000)).toBe(100);
    expect(usagePercent(1200, 1000)).toBe(100);
    expect(usagePercent(0, 0)).toBe(100);
    expect(usagePercent(1, 3)).toBeCloseTo(33.333, 2);
  });

  it('labels whole percents without a false 0 % or 100 %', () => {
    expect(usagePercentLabel(0, 1000)).toBe('0 %');
    expect(usagePercentLabel(1, 1000)).toBe('1 %');
    expect(usagePercentLabel(999, 1000)).toBe('99 %');
    expect(usagePercentLabel(1000, 1000)).toBe('100 %');
    expect(usagePercentLabel(688, 1000)).toBe('69 %');
  });

  it('takes its level like @parley/core and its colour from the level', () => {
    for (const [used, limit] of [[0, 0], [0, 10], [7, 10], [8, 10], [799, 999], [800, 999], [998, 999], [999, 999], [1001, 1000], [4, 5]]) {
      expect(warningLevelOf(used!, limit!)).toBe(usageWarningLevel({ used: used!, limit: limit! }));
    }
    expect(usageTone('none')).toBe('ok');
    expect(usageTone('80')).toBe('warn');
    expect(usageTone('100')).toBe('full');
    expect(warningText('none')).toBeNull();
    expect(warningText('80')).toBe("80 % of this month's chatbot conversations used");
    expect(warningText('100')).toBe('Limit reached: chatbots no longer start for new visitors. Visitors can still write to your team.');
  });
});

describe('the app-wide banner', () => {
  const usage = (warning: 'none' | '80' | '100', index = 3) => ({ warning, period: period(index) });

  it('shows at 80 % and at the limit', () => {
    expect(bannerVisible(null, null)).toBe(false);
    expect(bannerVisible(usage('none'), null)).toBe(false);
    expect(bannerVisible(usage('80'), null)).toBe(true);
    expect(bannerVisible(usage('100'), null)).toBe(true);
  });

  it('stays dismissed for the level, comes back when it rises or in a new period', () => {
    const dismissed80 = { periodIndex: 3, level: '80' as const };
    expect(bannerVisible(usage('80'), dismissed80)).toBe(false);
    expect(bannerVisible(usage('100'), dismissed80)).toBe(true);
    expect(bannerVisible(usage('80', 4), dismissed80)).toBe(true);
    const dismissed100 = { periodIndex: 3, level: '100' as const };
    expect(bannerVisible(usage('100'), dismissed100)).toBe(false);
    expect(bannerVisible(usage('80'), dismissed100)).toBe(false);
  });

  it('reads what sessionStorage holds, and nothing from junk', () => {
    expect(parseDismissal('{"periodIndex":3,"level":"80"}')).toEqual({ periodIndex: 3, level: '80' });
    expect(parseDismissal('{"periodIndex":3,"level":"none"}')).toBeNull();
    expect(parseDismissal('{"periodIndex":"3","level":"80"}')).toBeNull();
    expect(parseDismissal('not json')).toBeNull();
    expect(parseDismissal(null)).toBeNull();
  });
});
