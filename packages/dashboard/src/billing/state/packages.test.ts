import { describe, expect, it } from 'vitest';
import { DEFAULT_ADDON_CATALOGUE, MAX_PACKAGE_QUANTITY as CORE_MAX } from '../../../../core/src/billing/addon-packages';
import { amountText, autoRenewBlocked, billingDay, MAX_PACKAGE_QUANTITY, packageStatus, pricePreview, purchaseErrorField, purchaseProblems } from './packages';

const offers = DEFAULT_ADDON_CATALOGUE.offers;
const offer = (id: string) => offers.find((o) => o.id === id);
// Period 3 Nov – 2 Dec 2026 in Europe/Prague: it renews at local midnight of 3 December.
const period = { end: '2026-12-02T23:00:00.000Z', renewsOn: '2026-12-03' };

describe('a package row', () => {
  it('says when it renews, stops or stopped', () => {
    const renewing = { autoRenew: true, renewsAt: period.end, lapsesAt: null, active: true };
    expect(packageStatus(renewing, period, 'Europe/Prague')).toEqual({ state: 'renews', date: '2026-12-03', text: 'Renews on 3 December' });
    const lapsing = { autoRenew: false, renewsAt: period.end, lapsesAt: period.end, active: true };
    expect(packageStatus(lapsing, period, 'Europe/Prague')).toEqual({ state: 'stops', date: '2026-12-03', text: 'Stops on 3 December' });
    const lapsed = { autoRenew: false, renewsAt: '2026-11-02T23:00:00.000Z', lapsesAt: '2026-11-02T23:00:00.000Z', active: false };
    expect(packageStatus(lapsed, period, 'Europe/Prague')).toEqual({ state: 'stopped', date: '2026-11-03', text: 'Stopped on 3 November' });
  });

  it("takes the period's renewal day for its end, whatever zone the page reads", () => {
    expect(billingDay(period.end, period, 'America/Los_Angeles')).toBe('2026-12-03');
    expect(billingDay('2027-01-02T23:00:00.000Z', period, 'Europe/Prague')).toBe('2027-01-03');
    expect(billingDay('nonsense', period, 'UTC')).toBe('');
  });

  it('lets only the owner switch auto-renew, and not on a stopped package', () => {
    expect(autoRenewBlocked({ active: true }, true)).toBeNull();
    expect(autoRenewBlocked({ active: false }, true)).toMatch(/stopped/);
    expect(autoRenewBlocked({ active: true }, false)).toMatch(/owner/);
  });

  it('names what it adds', () => {
    expect(amountText('chatbot_conversations', 1000)).toBe('+1 000 chatbot conversations a month');
    expect(amountText('agent_seats', 1)).toBe('+1 agent seat');
    expect(amountText('agent_seats', 3)).toBe('+3 agent seats');
  });
});

describe('buying a package', () => {
  it('mirrors the largest quantity of @parley/core', () => {
    expect(MAX_PACKAGE_QUANTITY).toBe(CORE_MAX);
  });

  it('checks the form by field before asking', () => {
    expect(purchaseProblems({ offerId: 'chatbot_conversations_500', quantity: 2 }, offers)).toEqual({});
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: 100 }, offers)).toEqual({});
    expect(purchaseProblems({ offerId: '', quantity: 1 }, offers)).toEqual({ offerId: 'Choose a package' });
    expect(purchaseProblems({ offerId: 'gone', quantity: 1 }, offers).offerId).toMatch(/not sold/);
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: null }, offers)).toEqual({ quantity: 'Enter how many, 1 to 100' });
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: 0 }, offers)).toEqual({ quantity: 'The quantity must be at least 1' });
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: -3 }, offers)).toEqual({ quantity: 'The quantity must be at least 1' });
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: 1.5 }, offers)).toEqual({ quantity: 'The quantity must be a whole number' });
    expect(purchaseProblems({ offerId: 'agent_seat_1', quantity: 101 }, offers)).toEqual({ quantity: 'The quantity must be at most 100' });
    expect(purchaseProblems({ offerId: '', quantity: Number.POSITIVE_INFINITY }, offers)).toEqual({
      offerId: 'Choose a package',
      quantity: 'Enter how many, 1 to 100',
    });
  });

  it('puts a refusal without a path under the field it names', () => {
    expect(purchaseErrorField('quantity must be at most 100')).toBe('quantity');
    expect(purchaseErrorField('offerId must be the id of a package')).toBe('offerId');
    expect(purchaseErrorField('unknown package "nope"')).toBe('offerId');
    expect(purchaseErrorField('a purchase is { offerId, quantity }')).toBe('quantity');
    expect(purchaseErrorField('The server had a problem. Try again.')).toBeNull();
  });

  it('previews the price of the quantity', () => {
    const two = pricePreview(offer('chatbot_conversations_500'), 2, '2026-12-03', 'en-US');
    expect(two).toMatchObject({ amount: 1000, monthlyPriceCents: 9000, currency: 'EUR', text: '+1 000 chatbot conversations a month · €90 a month' });
    expect(two?.chargeNote).toBe("Adds to this month's limit at once. Charged €90 now, then each month from 3 December until you turn it off.");
    const seat = pricePreview(offer('agent_seat_1'), 1, '2026-12-03', 'en-US');
    expect(seat?.text).toBe('+1 agent seat · €15 a month');
    expect(seat?.chargeNote).toMatch(/rest of this period/);
    expect(pricePreview(offer('agent_seat_1'), 0, '2026-12-03')).toBeNull();
    expect(pricePreview(offer('agent_seat_1'), null, '2026-12-03')).toBeNull();
    expect(pricePreview(undefined, 1, '2026-12-03')).toBeNull();
  });
});
