/**
 * The billing section and the chatbot dashboard's usage (docs/billing.md):
 * overview, buying packages, switching their auto-renewal, changing plans,
 * billing records and the usage ledger. The rules are @parley/core's; this
 * service stores their outcomes, each change with its billing record and
 * charge in one transaction.
 */
import type { Kysely } from 'kysely';
import {
  agentSeatLimit,
  findOffer,
  formatForecastText,
  formatUsageText,
  offeredPlans,
  periodAt,
  periodOfIndex,
  purchasePackage,
  requestPlanChange,
  setAutoRenew,
  usageSummary,
  type AddonPackage,
  type AddonPackageView,
  type BillingOverview,
  type BillingPeriod,
  type BillingRecord,
  type ChatbotUsage,
  type LedgerEntry,
  type PeriodView,
  type RenewalDue,
} from '@parley/core';
import type { Clock } from '../clock.js';
import { notFound, ParleyError } from '../errors.js';
import { newId } from '../ids.js';
import type { DialectName } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import type { Metering } from './metering.js';
import type { PaymentProvider } from './payment-provider.js';
import { loadBilling, packageChanges, packageFromRow, type WorkspaceBilling } from './subscription-store.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function periodView(period: BillingPeriod): PeriodView {
  return {
    index: period.index,
    start: iso(period.start),
    end: iso(period.end),
    startDate: period.startDate,
    endDate: period.endDate,
    renewsOn: localDateOf(period.end, period.timeZone),
    timeZone: period.timeZone,
  };
}

function localDateOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export interface RecordInput {
  workspaceId: string;
  kind: BillingRecord['kind'];
  item: string;
  description: string;
  quantity: number;
  amountCents: number;
  currency: string;
  period: Pick<BillingPeriod, 'index' | 'start' | 'end'>;
  idempotencyKey: string;
  at: number;
}

/** Writes a billing record and charges it (once: the idempotency key); false when it was already written. */
export async function writeBillingRecord(trx: Kysely<Database>, payments: PaymentProvider, input: RecordInput): Promise<{ id: string } | null> {
  const id = newId(input.at);
  const inserted = await trx
    .insertInto('billing_records')
    .values({
      id,
      workspace_id: input.workspaceId,
      at: input.at,
      kind: input.kind,
      item: input.item,
      description: input.description,
      quantity: input.quantity,
      amount_cents: input.amountCents,
      currency: input.currency,
      period_index: input.period.index,
      period_start: input.period.start,
      period_end: input.period.end,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return null;
  await payments.charge(trx, { workspaceId: input.workspaceId, billingRecordId: id, amountCents: input.amountCents, currency: input.currency, description: input.description, at: input.at });
  return { id };
}

/** A package renewed for one period: its billing record and charge, once (the renewal's idempotency key). */
export function recordRenewal(
  trx: Kysely<Database>,
  payments: PaymentProvider,
  input: { workspaceId: string; packageName: string; renewal: RenewalDue; at: number },
): Promise<{ id: string } | null> {
  const { renewal } = input;
  return writeBillingRecord(trx, payments, {
    workspaceId: input.workspaceId,
    kind: 'package_renewal',
    item: renewal.offerId,
    description: `${input.packageName} (renewed)`,
    quantity: renewal.quantity,
    amountCents: renewal.priceCents,
    currency: renewal.currency,
    period: { index: renewal.periodIndex, start: renewal.periodStart, end: renewal.periodEnd },
    idempotencyKey: renewal.idempotencyKey,
    at: input.at,
  });
}

export class BillingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly clock: Clock,
    private readonly metering: Metering,
    private readonly payments: PaymentProvider,
  ) {}

  async #billing(workspaceId: string, now: number): Promise<WorkspaceBilling> {
    return loadBilling(this.db, workspaceId, (await this.metering.catalogues()).plans, now);
  }

  async #used(workspaceId: string, periodIndex: number): Promise<number> {
    const row = await this.db
      .selectFrom('billing_usage')
      .select('used')
      .where('workspace_id', '=', workspaceId)
      .where('period_index', '=', periodIndex)
      .executeTakeFirst();
    return Number(row?.used ?? 0);
  }

  /** What the chatbot dashboard shows every agent. */
  async usage(workspaceId: string): Promise<ChatbotUsage> {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    const period = periodAt(billing.subscription.anchor, now);
    const used = await this.#used(workspaceId, period.index);
    const summary = usageSummary({ plan: billing.plan, packages: billing.packages, used, period, now });
    return {
      limit: summary.limit,
      used: summary.used,
      remaining: summary.remaining,
      period: periodView(period),
      warning: summary.warning,
      forecastOn: summary.forecastOn,
      text: formatUsageText(summary),
      forecastText: formatForecastText(summary),
    };
  }

  async overview(workspaceId: string): Promise<BillingOverview> {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    const catalogues = await this.metering.catalogues();
    const [usage, seatsUsed, packageRows, notifications] = await Promise.all([
      this.usage(workspaceId),
      this.db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow(),
      this.db.selectFrom('addon_packages').selectAll().where('workspace_id', '=', workspaceId).orderBy('purchased_at', 'desc').limit(100).execute(),
      this.db.selectFrom('usage_notifications').selectAll().where('workspace_id', '=', workspaceId).orderBy('at', 'desc').limit(24).execute(),
    ]);
    const plans = offeredPlans(catalogues.plans);
    if (!plans.some((p) => p.code === billing.plan.code)) plans.unshift(billing.plan);
    const pending = billing.subscription.pendingChange;
    return {
      plan: billing.plan,
      pendingChange: pending ? { planCode: pending.planCode, effectiveAt: iso(pending.effectiveAt) } : null,
      usage,
      seats: { limit: agentSeatLimit({ plan: billing.plan, packages: billing.packages, now }), used: Number(seatsUsed.n) },
      packages: packageRows.map((row) => this.#packageView(packageFromRow(row), row.name, row.status, now)),
      offers: catalogues.addons.offers,
      plans,
      notifications: notifications.map((n) => ({ threshold: Number(n.threshold) as 80 | 100, periodIndex: Number(n.period_index), at: iso(Number(n.at)) })),
    };
  }

  #packageView(pkg: AddonPackage, name: string, status: string, now: number): AddonPackageView {
    return {
      id: pkg.id,
      offerId: pkg.offerId,
      name,
      kind: pkg.kind,
      quantity: pkg.quantity,
      amount: pkg.amount,
      monthlyPriceCents: pkg.monthlyPriceCents,
      currency: pkg.currency,
      purchasedAt: iso(pkg.purchasedAt),
      autoRenew: pkg.autoRenew,
      renewsAt: iso(pkg.renewsAt),
      lapsesAt: pkg.lapsesAt === null ? null : iso(pkg.lapsesAt),
      active: status === 'active' && (pkg.lapsesAt === null || now < pkg.lapsesAt),
    };
  }

  /** Buys a package: effective at once, auto-renews monthly; one billing record and charge. */
  async buyPackage(workspaceId: string, input: unknown) {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    const catalogues = await this.metering.catalogues();
    const id = newId(now);
    const bought = purchasePackage({ input, catalogue: catalogues.addons, anchor: billing.subscription.anchor, now, id });
    if (!bought.ok) {
      const path = bought.reason === 'unknown_package' ? 'body.offerId' : undefined;
      throw new ParleyError('invalid', bought.message, path);
    }
    const pkg = bought.package;
    const offer = findOffer(catalogues.addons, pkg.offerId)!;
    const name = pkg.quantity > 1 ? `${offer.name} × ${pkg.quantity}` : offer.name;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('addon_packages')
        .values({
          id: pkg.id,
          workspace_id: workspaceId,
          offer_id: pkg.offerId,
          name,
          kind: pkg.kind,
          quantity: pkg.quantity,
          amount: pkg.amount,
          monthly_price_cents: pkg.monthlyPriceCents,
          currency: pkg.currency,
          purchased_at: pkg.purchasedAt,
          purchased_in_period: pkg.purchasedInPeriod,
          status: 'active',
          ...packageChanges(pkg),
        })
        .execute();
      await writeBillingRecord(trx, this.payments, {
        workspaceId,
        kind: 'package_purchase',
        item: pkg.offerId,
        description: `${name} (bought)`,
        quantity: pkg.quantity,
        amountCents: bought.chargeCents,
        currency: pkg.currency,
        period: bought.period,
        idempotencyKey: `purchase:${pkg.id}`,
        at: now,
      });
    });
    this.metering.forget(workspaceId);
    const record = await this.db.selectFrom('billing_records').selectAll().where('idempotency_key', '=', `purchase:${pkg.id}`).executeTakeFirstOrThrow();
    return { package: this.#packageView(pkg, name, 'active', now), record: recordView(record), overview: await this.overview(workspaceId) };
  }

  /** Switches a package's auto-renewal: off keeps it to the end of the paid period, then it lapses. */
  async setPackageAutoRenew(workspaceId: string, packageId: string, enabled: boolean) {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    await this.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('addon_packages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', packageId);
      // The renewal scheduler of another node may hold it: wait for it, then see what it did.
      if (this.dialect === 'postgres') query = query.forUpdate();
      const row = await query.executeTakeFirst();
      if (!row) throw notFound('Package');
      if (row.status !== 'active') throw new ParleyError('conflict', 'This package has lapsed; buy it again to get it back');
      const switched = setAutoRenew({ pkg: packageFromRow(row), enabled, anchor: billing.subscription.anchor, now });
      if (!switched.ok) throw new ParleyError('conflict', 'This package has lapsed; buy it again to get it back');
      // Renewals that were due first (the switch came after the renewal instant) are recorded with it.
      for (const renewal of switched.renewals) await recordRenewal(trx, this.payments, { workspaceId, packageName: row.name, renewal, at: now });
      await trx.updateTable('addon_packages').set(packageChanges(switched.package)).where('id', '=', packageId).execute();
    });
    this.metering.forget(workspaceId);
    const row = await this.db.selectFrom('addon_packages').selectAll().where('id', '=', packageId).executeTakeFirstOrThrow();
    return { package: this.#packageView(packageFromRow(row), row.name, row.status, now), overview: await this.overview(workspaceId) };
  }

  /** Upgrades apply now (charged for this period); downgrades at the renewal. */
  async changePlan(workspaceId: string, planCode: string) {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    const catalogues = await this.metering.catalogues();
    const result = requestPlanChange({ subscription: billing.subscription, to: planCode, catalogue: catalogues.plans, now });
    if (!result.ok) throw new ParleyError('invalid', result.message, 'body.planCode');
    const pending = result.subscription.pendingChange;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('workspaces')
        .set({ plan_code: result.subscription.planCode, pending_plan_code: pending?.planCode ?? null, pending_plan_at: pending?.effectiveAt ?? null })
        .where('id', '=', workspaceId)
        .execute();
      if (result.outcome === 'upgrade') {
        const plan = catalogues.plans.plans.find((p) => p.code === planCode)!;
        const period = periodAt(billing.subscription.anchor, now);
        await writeBillingRecord(trx, this.payments, {
          workspaceId,
          kind: 'plan_change',
          item: planCode,
          description: `Upgrade from ${billing.plan.name} to ${plan.name}`,
          quantity: 1,
          amountCents: result.chargeCents,
          currency: plan.currency,
          period,
          idempotencyKey: `plan:${workspaceId}:${now}:${planCode}`,
          at: now,
        });
      }
    });
    this.metering.forget(workspaceId);
    return { overview: await this.overview(workspaceId), outcome: result.outcome, effectiveAt: iso(result.effectiveAt) };
  }

  async records(workspaceId: string): Promise<BillingRecord[]> {
    const rows = await this.db.selectFrom('billing_records').selectAll().where('workspace_id', '=', workspaceId).orderBy('at', 'desc').orderBy('id', 'desc').limit(500).execute();
    return rows.map(recordView);
  }

  /** Every conversation counted in a period (the current one by default), with the interaction that counted it. */
  async ledger(workspaceId: string, periodIndex?: number): Promise<{ period: PeriodView; entries: LedgerEntry[] }> {
    const now = this.clock.now();
    const billing = await this.#billing(workspaceId, now);
    const period = periodIndex === undefined ? periodAt(billing.subscription.anchor, now) : periodOfIndex(billing.subscription.anchor, periodIndex);
    const rows = await this.db
      .selectFrom('usage_ledger')
      .leftJoin('chatbots', 'chatbots.id', 'usage_ledger.chatbot_id')
      .select([
        'usage_ledger.conversation_id',
        'usage_ledger.counted_at',
        'usage_ledger.period_index',
        'usage_ledger.chatbot_id',
        'usage_ledger.version_id',
        'usage_ledger.interaction',
        'usage_ledger.node_id',
        'usage_ledger.choice_id',
        'usage_ledger.visitor_id',
        'chatbots.name as chatbot_name',
      ])
      .where('usage_ledger.workspace_id', '=', workspaceId)
      .where('usage_ledger.period_index', '=', period.index)
      .orderBy('usage_ledger.counted_at')
      .orderBy('usage_ledger.conversation_id')
      .execute();
    return {
      period: periodView(period),
      entries: rows.map((r) => ({
        conversationId: r.conversation_id,
        countedAt: iso(Number(r.counted_at)),
        periodIndex: Number(r.period_index),
        chatbotId: r.chatbot_id,
        chatbotName: r.chatbot_name ?? '(deleted chatbot)',
        versionId: r.version_id,
        interaction: r.interaction,
        nodeId: r.node_id,
        choiceId: r.choice_id,
        visitorId: r.visitor_id,
      })),
    };
  }
}

export function recordView(r: Database['billing_records']): BillingRecord {
  return {
    id: r.id,
    at: iso(Number(r.at)),
    kind: r.kind,
    item: r.item,
    description: r.description,
    quantity: Number(r.quantity),
    amountCents: Number(r.amount_cents),
    currency: r.currency,
    periodIndex: Number(r.period_index),
    periodStart: iso(Number(r.period_start)),
    periodEnd: iso(Number(r.period_end)),
  };
}

const CSV_COLUMNS = ['counted_at', 'conversation_id', 'chatbot_id', 'chatbot_name', 'version_id', 'interaction', 'node_id', 'choice_id', 'visitor_id', 'period_index'] as const;

/** RFC 4180 CSV of the ledger; cells that a spreadsheet would run as formulas are quoted with a leading apostrophe. */
export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  const cell = (value: string | number | null) => {
    let text = value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([e.countedAt, e.conversationId, e.chatbotId, e.chatbotName, e.versionId, e.interaction, e.nodeId, e.choiceId, e.visitorId, e.periodIndex].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
