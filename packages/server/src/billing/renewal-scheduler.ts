/**
 * Renews packages at their renewal date and lets disabled ones lapse
 * (PRODUCT.md §3). Runs in every server process; each renewal is a billing
 * record under a unique idempotency key (package + period), written with the
 * package's new state in one transaction (the package row locked on
 * PostgreSQL), so a renewal happens exactly once — across restarts, clock
 * jumps and several nodes. A process that was down catches up every period it
 * missed.
 */
import type { Kysely } from 'kysely';
import { applyRenewal, billingAnchorFor, renewalsDue } from '@parley/core';
import type { Clock } from '../clock.js';
import type { DialectName } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { recordRenewal } from './billing-service.js';
import type { Metering } from './metering.js';
import type { PaymentProvider } from './payment-provider.js';
import { packageChanges, packageFromRow } from './subscription-store.js';

export interface RenewalSchedulerDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  metering: Metering;
  payments: PaymentProvider;
  log: { error(obj: object, msg: string): void };
  intervalMs: number;
}

export class RenewalScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(private readonly deps: RenewalSchedulerDeps) {}

  start(): void {
    if (this.#timer) return;
    const run = () => {
      void this.tick().catch((error: unknown) => this.deps.log.error({ err: error }, 'package renewals failed'));
    };
    this.#timer = setInterval(run, this.deps.intervalMs);
    this.#timer.unref();
    // At start too: a renewal instant that passed while the server was down is caught up at once.
    setImmediate(run);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  /** Renews what is due and lapses what was disabled; one pass at a time in this process. */
  async tick(): Promise<{ renewed: number; lapsed: number }> {
    while (this.#running) await this.#running.catch(() => undefined);
    const pass = this.#pass();
    this.#running = pass;
    try {
      return await pass;
    } finally {
      this.#running = null;
    }
  }

  async #pass(): Promise<{ renewed: number; lapsed: number }> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const due = await db
      .selectFrom('addon_packages')
      .select(['id', 'workspace_id'])
      .where('status', '=', 'active')
      .where('renews_at', '<=', now)
      .orderBy('renews_at')
      .limit(500)
      .execute();
    let renewed = 0;
    let lapsedCount = 0;
    for (const { id, workspace_id: workspaceId } of due) {
      const result = await db.transaction().execute(async (trx) => {
        let query = trx.selectFrom('addon_packages').selectAll().where('id', '=', id);
        if (this.deps.dialect === 'postgres') query = query.forUpdate();
        const row = await query.executeTakeFirst();
        if (!row || row.status !== 'active' || Number(row.renews_at) > now) return { renewed: 0, lapsed: 0 };
        const workspace = await trx
          .selectFrom('workspaces')
          .select(['subscription_start', 'created_at', 'billing_timezone', 'timezone'])
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow();
        const anchor = billingAnchorFor(Number(workspace.subscription_start ?? workspace.created_at), workspace.billing_timezone ?? workspace.timezone);
        let pkg = packageFromRow(row);
        if (!pkg.autoRenew) {
          // Disabled before its renewal date: effective to the end of the paid period, then gone.
          await trx.updateTable('addon_packages').set({ status: 'lapsed' }).where('id', '=', id).execute();
          return { renewed: 0, lapsed: 1 };
        }
        let count = 0;
        for (const renewal of renewalsDue([pkg], anchor, now)) {
          const written = await recordRenewal(trx, this.deps.payments, { workspaceId, packageName: row.name, renewal, at: now });
          if (written) count += 1;
          pkg = applyRenewal(pkg, renewal);
        }
        await trx.updateTable('addon_packages').set(packageChanges(pkg)).where('id', '=', id).execute();
        return { renewed: count, lapsed: 0 };
      });
      renewed += result.renewed;
      lapsedCount += result.lapsed;
      this.deps.metering.forget(workspaceId);
    }
    return { renewed, lapsed: lapsedCount };
  }
}
