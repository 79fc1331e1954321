/**
 * PRODUCT.md §3: packages — extra chatbot conversations or agent seats a
 * month. Buying one raises the limit at once; it auto-renews at each renewal
 * of the subscription's billing period; disabled before the renewal it stays
 * effective until the period ends, then lapses; re-enabled before the renewal
 * it is kept. Renewals are listed per package and period with an idempotency
 * key, so the server can record each exactly once. docs/billing.md.
 */
import { z } from 'zod';
import { periodAt, periodOfIndex, proratedCents, type BillingAnchor, type BillingPeriod } from './billing-period.js';
import { CATALOGUE_NUMBER_MAX, CurrencySchema } from './plans.js';

export const ADDON_KINDS = ['chatbot_conversations', 'agent_seats'] as const;
export const AddonKindSchema = z.enum(ADDON_KINDS);
export type AddonKind = z.infer<typeof AddonKindSchema>;

/** Most units of one offer in one purchase. */
export const MAX_PACKAGE_QUANTITY = 100;

export const AddonOfferIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'a package id is 2–64 lower-case letters, digits or underscores, starting with a letter');

/** One thing the catalogue sells: `amount` conversations a month, or `amount` seats, for a monthly price. */
export const AddonOfferSchema = z.object({
  id: AddonOfferIdSchema,
  kind: AddonKindSchema,
  name: z.string().trim().min(1).max(64),
  amount: z.number().int().min(1).max(CATALOGUE_NUMBER_MAX),
  monthlyPriceCents: z.number().int().min(0).max(CATALOGUE_NUMBER_MAX),
  currency: CurrencySchema,
});
export type AddonOffer = z.infer<typeof AddonOfferSchema>;

/** The operator-editable package catalogue: unique ids, one currency. */
export const AddonCatalogueSchema = z
  .object({ offers: z.array(AddonOfferSchema) })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    const currency = catalogue.offers[0]?.currency;
    catalogue.offers.forEach((offer, index) => {
      if (seen.has(offer.id)) ctx.addIssue({ code: 'custom', path: ['offers', index, 'id'], message: `package ${offer.id} appears more than once` });
      seen.add(offer.id);
      if (offer.currency !== currency) {
        ctx.addIssue({ code: 'custom', path: ['offers', index, 'currency'], message: `every package must use the same currency (${currency}), ${offer.id} uses ${offer.currency}` });
      }
    });
  });
export type AddonCatalogue = z.infer<typeof AddonCatalogueSchema>;

/** PRODUCT.md's packages; prices (EUR) are placeholders for the operator to edit. */
export const DEFAULT_ADDON_CATALOGUE: AddonCatalogue = {
  offers: [
    { id: 'chatbot_conversations_100', kind: 'chatbot_conversations', name: '+100 chatbot conversations', amount: 100, monthlyPriceCents: 1_000, currency: 'EUR' },
    { id: 'chatbot_conversations_500', kind: 'chatbot_conversations', name: '+500 chatbot conversations', amount: 500, monthlyPriceCents: 4_500, currency: 'EUR' },
    { id: 'chatbot_conversations_1000', kind: 'chatbot_conversations', name: '+1 000 chatbot conversations', amount: 1_000, monthlyPriceCents: 8_000, currency: 'EUR' },
    { id: 'chatbot_conversations_5000', kind: 'chatbot_conversations', name: '+5 000 chatbot conversations', amount: 5_000, monthlyPriceCents: 35_000, currency: 'EUR' },
    { id: 'agent_seat_1', kind: 'agent_seats', name: '+1 agent seat', amount: 1, monthlyPriceCents: 1_500, currency: 'EUR' },
  ],
};

export function findOffer(catalogue: AddonCatalogue, offerId: string): AddonOffer | null {
  return catalogue.offers.find((offer) => offer.id === offerId) ?? null;
}

/** What the owner sends to buy a package. */
export const PackagePurchaseInputSchema = z.object(
  {
    offerId: z.string({ error: 'offerId must be the id of a package' }).min(1, 'offerId must be the id of a package').max(64, 'offerId is too long'),
    quantity: z
      .number({ error: 'quantity must be a number' })
      .int('quantity must be a whole number')
      .min(1, 'quantity must be at least 1')
      .max(MAX_PACKAGE_QUANTITY, `quantity must be at most ${MAX_PACKAGE_QUANTITY}`),
  },
  { error: 'a purchase is { offerId, quantity }' },
);
export type PackagePurchaseInput = z.infer<typeof PackagePurchaseInputSchema>;

export const AddonPackageSchema = z.object({
  id: z.string().min(1),
  offerId: z.string().min(1),
  kind: AddonKindSchema,
  /** Units of the offer bought. */
  quantity: z.number().int().min(1),
  /** What it adds each period: conversations or seats (offer amount × quantity, fixed at purchase). */
  amount: z.number().int().min(1),
  /** Price of one period (offer price × quantity, fixed at purchase), minor unit. */
  monthlyPriceCents: z.number().int().min(0),
  currency: CurrencySchema,
  purchasedAt: z.number().int(),
  /** Index of the billing period it was bought in. */
  purchasedInPeriod: z.number().int(),
  /** Index of the last billing period paid for (the purchase or the latest renewal). */
  paidThroughPeriod: z.number().int(),
  autoRenew: z.boolean(),
  /** The next renewal instant: the end of the period `paidThroughPeriod` (epoch ms). */
  renewsAt: z.number().int(),
  /** When it stops being effective: `renewsAt` while auto-renew is off, null while on. */
  lapsesAt: z.number().int().nullable(),
});
export type AddonPackage = z.infer<typeof AddonPackageSchema>;

export type PurchaseRefusal = 'invalid_input' | 'unknown_package';

export type PurchaseResult =
  | {
      ok: true;
      package: AddonPackage;
      /** What to charge now (purchaseChargeCents). */
      chargeCents: number;
      /** The period it is bought in (the billing record's period). */
      period: BillingPeriod;
    }
  | { ok: false; reason: PurchaseRefusal; message: string };

/**
 * What a purchase costs now: a conversation package its full monthly price
 * (its whole amount is usable at once, for the rest of the period); a seat
 * package its price prorated to the time left in the period, rounded up to a
 * cent. Renewals always cost the full monthly price.
 */
export function purchaseChargeCents(kind: AddonKind, monthlyPriceCents: number, period: BillingPeriod, now: number): number {
  return kind === 'chatbot_conversations' ? monthlyPriceCents : proratedCents(monthlyPriceCents, period, now);
}

/**
 * Buys `input` (validated here: unknown input is fine) at `now`. `id` is the
 * new package's id, chosen by the caller. The package is effective at once,
 * auto-renews, and renews first at the end of the current period.
 */
export function purchasePackage(args: {
  input: unknown;
  catalogue: AddonCatalogue;
  anchor: BillingAnchor;
  now: number;
  id: string;
}): PurchaseResult {
  const parsed = PackagePurchaseInputSchema.safeParse(args.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue === undefined ? 'invalid purchase' : issue.message;
    return { ok: false, reason: 'invalid_input', message };
  }
  const { offerId, quantity } = parsed.data;
  const offer = findOffer(args.catalogue, offerId);
  if (offer === null) return { ok: false, reason: 'unknown_package', message: `there is no package ${JSON.stringify(offerId)}` };

  const period = periodAt(args.anchor, args.now);
  const monthlyPriceCents = offer.monthlyPriceCents * quantity;
  const pkg: AddonPackage = {
    id: args.id,
    offerId: offer.id,
    kind: offer.kind,
    quantity,
    amount: offer.amount * quantity,
    monthlyPriceCents,
    currency: offer.currency,
    purchasedAt: args.now,
    purchasedInPeriod: period.index,
    paidThroughPeriod: period.index,
    autoRenew: true,
    renewsAt: period.end,
    lapsesAt: null,
  };
  return { ok: true, package: pkg, chargeCents: purchaseChargeCents(offer.kind, monthlyPriceCents, period, args.now), period };
}

/** Effective at `now`: bought, and not lapsed. A package whose renewal is due but not yet recorded is effective. */
export function isPackageActiveAt(pkg: AddonPackage, now: number): boolean {
  return now >= pkg.purchasedAt && (pkg.lapsesAt === null || now < pkg.lapsesAt);
}

/** The packages that have lapsed at `now` (disabled, and their last paid period is over). */
export function lapsed(packages: readonly AddonPackage[], now: number): AddonPackage[] {
  return packages.filter((pkg) => pkg.lapsesAt !== null && now >= pkg.lapsesAt);
}

/** One renewal to record: the package, for one period. */
export interface RenewalDue {
  packageId: string;
  periodIndex: number;
  /** `${packageId}:${periodIndex}` — record it under a unique constraint: exactly once. */
  idempotencyKey: string;
  periodStart: number;
  periodEnd: number;
  /** "YYYY-MM-DD", local. */
  periodStartDate: string;
  offerId: string;
  kind: AddonKind;
  quantity: number;
  amount: number;
  /** The full monthly price. */
  priceCents: number;
  currency: string;
}

export function renewalKey(packageId: string, periodIndex: number): string {
  return `${packageId}:${periodIndex}`;
}

/**
 * The renewals due at `now`: for each package with auto-renew on, one per
 * period that has started since its last paid period, oldest first (a
 * scheduler that was down catches up every period it missed; each has its own
 * key). Sorted by period start, then package id.
 */
export function renewalsDue(packages: readonly AddonPackage[], anchor: BillingAnchor, now: number): RenewalDue[] {
  const currentIndex = periodAt(anchor, now).index;
  const due: RenewalDue[] = [];
  for (const pkg of packages) {
    if (!pkg.autoRenew || now < pkg.renewsAt) continue;
    for (let index = pkg.paidThroughPeriod + 1; index <= currentIndex; index += 1) {
      const period = periodOfIndex(anchor, index);
      due.push({
        packageId: pkg.id,
        periodIndex: index,
        idempotencyKey: renewalKey(pkg.id, index),
        periodStart: period.start,
        periodEnd: period.end,
        periodStartDate: period.startDate,
        offerId: pkg.offerId,
        kind: pkg.kind,
        quantity: pkg.quantity,
        amount: pkg.amount,
        priceCents: pkg.monthlyPriceCents,
        currency: pkg.currency,
      });
    }
  }
  return due.sort((a, b) => a.periodStart - b.periodStart || (a.packageId < b.packageId ? -1 : a.packageId > b.packageId ? 1 : 0));
}

/** The package after `renewal` was recorded. Idempotent: a period already paid for changes nothing. */
export function applyRenewal(pkg: AddonPackage, renewal: Pick<RenewalDue, 'packageId' | 'periodIndex' | 'periodEnd'>): AddonPackage {
  if (renewal.packageId !== pkg.id) throw new RangeError(`renewal of ${renewal.packageId} applied to package ${pkg.id}`);
  if (renewal.periodIndex <= pkg.paidThroughPeriod) return pkg;
  return { ...pkg, paidThroughPeriod: renewal.periodIndex, renewsAt: renewal.periodEnd, lapsesAt: pkg.autoRenew ? null : renewal.periodEnd };
}

export type AutoRenewResult =
  | {
      ok: true;
      package: AddonPackage;
      /** Renewals that were due before the switch (auto-renew was on at their instants): record them in the same transaction. */
      renewals: RenewalDue[];
    }
  | { ok: false; reason: 'lapsed'; message: string };

/**
 * The owner switches auto-renew at `now`. Renewals already due are settled
 * first: a package disabled after its renewal instant was renewed and stays
 * effective for that whole new period. Disabled: it lapses at the end of the
 * paid period. Re-enabled before then: kept, renews as usual. A lapsed package
 * cannot be switched back on (buy a new one).
 */
export function setAutoRenew(args: { pkg: AddonPackage; enabled: boolean; anchor: BillingAnchor; now: number }): AutoRenewResult {
  const { enabled, anchor, now } = args;
  if (args.pkg.lapsesAt !== null && now >= args.pkg.lapsesAt) {
    return { ok: false, reason: 'lapsed', message: 'the package has lapsed; buy it again to get it back' };
  }
  const renewals = renewalsDue([args.pkg], anchor, now);
  const renewed = renewals.reduce(applyRenewal, args.pkg);
  const pkg: AddonPackage = { ...renewed, autoRenew: enabled, lapsesAt: enabled ? null : renewed.renewsAt };
  return { ok: true, package: pkg, renewals };
}
