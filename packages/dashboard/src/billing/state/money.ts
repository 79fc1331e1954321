/**
 * Prices in the billing API are whole numbers in the currency's minor unit
 * (`monthlyPriceCents`, `amountCents`: cents for EUR, yen for JPY).
 */

/** Digits after the decimal point in `currency` (2 for EUR, 0 for JPY); 2 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * 4900 EUR → "€49", 4550 EUR → "€45.50", 0 → "€0" (whole amounts without
 * decimals, others with the currency's), in `locale` (the browser's when
 * undefined). An unknown currency code falls back to "49.00 XYZ".
 */
export function formatMoney(minorUnits: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  const value = minorUnits / 10 ** digits;
  const whole = Number.isInteger(value);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/** "€49 a month". */
export function perMonth(minorUnits: number, currency: string, locale?: string): string {
  return `${formatMoney(minorUnits, currency, locale)} a month`;
}
