/**
 * A workspace's subscription and packages as the pure billing rules see them
 * (@parley/core billing): rows ↔ `Subscription` / `AddonPackage`, with a
 * downgrade that came due folded in (and stored).
 */
import type { Kysely } from 'kysely';
import {
  billingAnchorFor,
  findPlan,
  settleSubscription,
  type AddonPackage,
  type Plan,
  type PlanCatalogue,
  type Subscription,
} from '@parley/core';
import { notFound } from '../errors.js';
import type { AddonPackagesTable, Database } from '../storage/schema.js';

export interface WorkspaceBilling {
  workspaceId: string;
  subscription: Subscription;
  plan: Plan;
  /** Packages not lapsed yet. */
  packages: AddonPackage[];
}

export function packageFromRow(row: AddonPackagesTable): AddonPackage {
  return {
    id: row.id,
    offerId: row.offer_id,
    kind: row.kind,
    quantity: Number(row.quantity),
    amount: Number(row.amount),
    monthlyPriceCents: Number(row.monthly_price_cents),
    currency: row.currency,
    purchasedAt: Number(row.purchased_at),
    purchasedInPeriod: Number(row.purchased_in_period),
    paidThroughPeriod: Number(row.paid_through_period),
    autoRenew: Number(row.auto_renew) === 1,
    renewsAt: Number(row.renews_at),
    lapsesAt: row.lapses_at === null ? null : Number(row.lapses_at),
  };
}

export function packageChanges(pkg: AddonPackage) {
  return {
    paid_through_period: pkg.paidThroughPeriod,
    renews_at: pkg.renewsAt,
    lapses_at: pkg.lapsesAt,
    auto_renew: pkg.autoRenew ? 1 : 0,
  };
}

/** A plan the catalogue no longer has: kept as it was, with what it included unknown (nothing). */
function missingPlan(code: string, catalogue: PlanCatalogue): Plan {
  const currency = catalogue.plans[0]?.currency ?? 'EUR';
  return { code, name: code, includedChatbotConversations: 0, agentSeats: 1, monthlyPriceCents: 0, currency, legacy: true };
}

export async function loadBilling(db: Kysely<Database>, workspaceId: string, catalogue: PlanCatalogue, now: number): Promise<WorkspaceBilling> {
  const row = await db
    .selectFrom('workspaces')
    .select(['id', 'plan_code', 'subscription_start', 'billing_timezone', 'timezone', 'created_at', 'pending_plan_code', 'pending_plan_at'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Workspace');
  const anchor = billingAnchorFor(Number(row.subscription_start ?? row.created_at), row.billing_timezone ?? row.timezone);
  const stored: Subscription = {
    planCode: row.plan_code,
    anchor,
    pendingChange:
      row.pending_plan_code !== null && row.pending_plan_at !== null
        ? { planCode: row.pending_plan_code, effectiveAt: Number(row.pending_plan_at), requestedAt: Number(row.pending_plan_at) }
        : null,
  };
  const subscription = settleSubscription(stored, now);
  if (subscription !== stored) {
    // The downgrade's renewal came: store it (only once, whoever sees it first).
    await db
      .updateTable('workspaces')
      .set({ plan_code: subscription.planCode, pending_plan_code: null, pending_plan_at: null })
      .where('id', '=', workspaceId)
      .where('pending_plan_code', '=', row.pending_plan_code)
      .execute();
  }
  const packageRows = await db.selectFrom('addon_packages').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'active').execute();
  const packages = packageRows.map(packageFromRow).filter((p) => p.lapsesAt === null || p.lapsesAt > now);
  const plan = findPlan(catalogue, subscription.planCode) ?? missingPlan(subscription.planCode, catalogue);
  return { workspaceId, subscription, plan, packages };
}
