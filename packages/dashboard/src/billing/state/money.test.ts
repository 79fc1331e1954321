import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, perMonth } from './money';

describe('money', () => {
  it('formats minor units with the currency, decimals only when needed', () => {
    expect(formatMoney(4900, 'EUR', 'en-US')).toBe('€49');
    expect(formatMoney(4550, 'EUR', 'en-US')).toBe('€45.50');
    expect(formatMoney(5, 'EUR', 'en-US')).toBe('€0.05');
    expect(formatMoney(0, 'EUR', 'en-US')).toBe('€0');
    expect(formatMoney(35_000, 'EUR', 'en-US')).toBe('€350');
    expect(formatMoney(123_456_789, 'USD', 'en-US')).toBe('$1,234,567.89');
    expect(formatMoney(4900, 'EUR', 'de-DE')).toBe('49\u00a0€');
  });

  it('knows currencies without a minor unit', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });

  it('falls back for a code Intl refuses', () => {
    expect(formatMoney(4900, 'nope', 'en-US')).toBe('49.00 nope');
  });

  it('says a month', () => {
    expect(perMonth(1900, 'EUR', 'en-US')).toBe('€19 a month');
  });
});
