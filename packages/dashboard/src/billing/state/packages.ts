import type { AddonOffer, AddonPackageView, PeriodView } from '@parley/core';
import { dayIn } from '../../statistics/state/dateRange';
import { formatCount, formatDayMonth } from './usage';
import { formatMoney, perMonth } from './money';

/** Most units of one offer in one purchase (mirrors `MAX_PACKAGE_QUANTITY` of @parley/core; a test keeps them equal). */
export const MAX_PACKAGE_QUANTITY = 100;

/**
 * The local day (YYYY-MM-DD) of a billing instant: the period's renewal day
 * when it is the period's end (the billing zone is the server's to say), else
 * the instant's day in `timeZone`.
 */
export function billingDay(iso: string, period: Pick<PeriodView, 'end' | 'renewsOn'>, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  if (ms === Date.parse(period.end)) return period.renewsOn;
  return dayIn(timeZone, ms);
}

/** "+500 chatbot conversations a month" / "+2 agent seats". */
export function amountText(kind: AddonOffer['kind'], amount: number): string {
  if (kind === 'agent_seats') return `+${formatCount(amount)} agent seat${amount === 1 ? '' : 's'}`;
  return `+${formatCount(amount)} chatbot conversation${amount === 1 ? '' : 's'} a month`;
}

export type PackageState = 'renews' | 'stops' | 'stopped';

export interface PackageStatus {
  state: PackageState;
  /** YYYY-MM-DD: the renewal, or the day it stops / stopped. */
  date: string;
  /** "Renews on 3 December", "Stops on 3 December", "Stopped on 3 November". */
  text: string;
}

/**
 * What a package row says about its future: it renews (auto-renew on), it
 * stops at the end of the period it is paid for (auto-renew off, still
 * effective), or it stopped (lapsed).
 */
export function packageStatus(
  pkg: Pick<AddonPackageView, 'autoRenew' | 'renewsAt' | 'lapsesAt' | 'active'>,
  period: Pick<PeriodView, 'end' | 'renewsOn'>,
  timeZone: string,
): PackageStatus {
  if (!pkg.active) {
    const date = billingDay(pkg.lapsesAt ?? pkg.renewsAt, period, timeZone);
    return { state: 'stopped', date, text: `Stopped on ${formatDayMonth(date)}` };
  }
  if (!pkg.autoRenew) {
    const date = billingDay(pkg.lapsesAt ?? pkg.renewsAt, period, timeZone);
    return { state: 'stops', date, text: `Stops on ${formatDayMonth(date)}` };
  }
  const date = billingDay(pkg.renewsAt, period, timeZone);
  return { state: 'renews', date, text: `Renews on ${formatDayMonth(date)}` };
}

/** Why the owner cannot switch auto-renew on this row, or null when they can. */
export function autoRenewBlocked(pkg: Pick<AddonPackageView, 'active'>, isOwner: boolean): string | null {
  if (!isOwner) return 'Only the owner can change packages';
  if (!pkg.active) return 'This package has stopped: buy a new one';
  return null;
}

/** The tooltip / label of the auto-renew switch. */
export function autoRenewHint(pkg: Pick<AddonPackageView, 'autoRenew' | 'active'>, status: PackageStatus): string {
  if (!pkg.active) return status.text;
  return pkg.autoRenew
    ? `Renews every month. Turn off before ${formatDayMonth(status.date)} to stop it at the end of this period.`
    : `Turned off: it stays until ${formatDayMonth(status.date)}. Turn on before then to keep it.`;
}

// ---- buying ----

export interface PurchaseForm {
  offerId: string;
  /** What the quantity input reads; null while empty or not a number. */
  quantity: number | null;
}

export type PurchaseField = 'offerId' | 'quantity';
export type PurchaseProblems = Partial<Record<PurchaseField, string>>;

/** What the API would refuse (`PackagePurchaseInputSchema`, unknown offer), by field, before asking. */
export function purchaseProblems(form: PurchaseForm, offers: readonly Pick<AddonOffer, 'id'>[]): PurchaseProblems {
  const problems: PurchaseProblems = {};
  if (form.offerId === '') problems.offerId = 'Choose a package';
  else if (!offers.some((o) => o.id === form.offerId)) problems.offerId = 'This package is not sold any more';
  const q = form.quantity;
  if (q === null || !Number.isFinite(q)) problems.quantity = `Enter how many, 1 to ${MAX_PACKAGE_QUANTITY}`;
  else if (!Number.isInteger(q)) problems.quantity = 'The quantity must be a whole number';
  else if (q < 1) problems.quantity = 'The quantity must be at least 1';
  else if (q > MAX_PACKAGE_QUANTITY) problems.quantity = `The quantity must be at most ${MAX_PACKAGE_QUANTITY}`;
  return problems;
}

/**
 * The field a refusal without an issue path is about, from its message
 * ("quantity must be at most 100" → quantity; "offerId …", "… package …" → offerId), or null.
 */
export function purchaseErrorField(message: string): PurchaseField | null {
  if (/\bquantity\b/i.test(message)) return 'quantity';
  if (/\b(offerId|offer|package)\b/i.test(message)) return 'offerId';
  return null;
}

export interface PricePreview {
  /** Units of the offer × quantity: conversations a month, or seats. */
  amount: number;
  monthlyPriceCents: number;
  currency: string;
  /** "+1 000 chatbot conversations a month · €90 a month". */
  text: string;
  /** How much of it is charged now. */
  chargeNote: string;
}

/** The price of `quantity` units of `offer` (null while the form has a problem). */
export function pricePreview(offer: AddonOffer | undefined, quantity: number | null, renewsOn: string, locale?: string): PricePreview | null {
  if (!offer || quantity === null || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_PACKAGE_QUANTITY) return null;
  const amount = offer.amount * quantity;
  const monthlyPriceCents = offer.monthlyPriceCents * quantity;
  const price = perMonth(monthlyPriceCents, offer.currency, locale);
  const renews = formatDayMonth(renewsOn);
  const money = formatMoney(monthlyPriceCents, offer.currency, locale);
  const chargeNote =
    offer.kind === 'agent_seats'
      ? `Usable at once. Charged now for the rest of this period, then ${money} each month from ${renews} until you turn it off.`
      : `Adds to this month's limit at once. Charged ${money} now, then each month from ${renews} until you turn it off.`;
  return { amount, monthlyPriceCents, currency: offer.currency, text: `${amountText(offer.kind, amount)} · ${price}`, chargeNote };
}
