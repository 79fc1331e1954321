/**
 * Counting chatbot conversations (PRODUCT.md §3, docs/billing.md): once per
 * conversation, at the visitor's first interaction with a chatbot, against the
 * period of that interaction, in the transaction that records the interaction.
 * The check and the increment are one conditional UPDATE (`used < limit`), so
 * `used` never passes the limit, on SQLite and across PostgreSQL nodes; the
 * ledger's key (the conversation) makes a second count impossible.
 */
import type { Kysely } from 'kysely';
import { chatbotConversationLimit, periodAt, USAGE_WARNING_THRESHOLDS, type BillingPeriod } from '@parley/core';
import type { Clock } from '../clock.js';
import type { Database } from '../storage/schema.js';
import { readCatalogues, type Catalogues } from './catalogue-store.js';
import { loadBilling } from './subscription-store.js';

export interface Interaction {
  workspaceId: string;
  conversationId: string;
  chatbotId: string;
  versionId: string;
  sessionId: string;
  interaction: 'button_chosen' | 'answer_given';
  nodeId: string;
  choiceId: string | null;
  visitorId: string;
  at: number;
}

export type MeterOutcome = 'counted' | 'already_counted' | 'limit_reached';

export interface LimitNow {
  period: BillingPeriod;
  limit: number;
  at: number;
}

/** How long a workspace's limit (plan + packages) and quota state are reused. */
const CACHE_MS = 1_000;

export class Metering {
  readonly #limits = new Map<string, LimitNow>();
  readonly #quota = new Map<string, { open: boolean; at: number }>();
  #catalogues: { value: Catalogues; at: number } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async catalogues(): Promise<Catalogues> {
    const now = this.clock.now();
    if (this.#catalogues && now - this.#catalogues.at < CACHE_MS * 30) return this.#catalogues.value;
    const value = await readCatalogues(this.db);
    this.#catalogues = { value, at: now };
    return value;
  }

  /** The period and limit at `now` (plan + conversation packages effective now). */
  async limitNow(workspaceId: string, now = this.clock.now()): Promise<LimitNow> {
    const cached = this.#limits.get(workspaceId);
    if (cached && now - cached.at < CACHE_MS && now >= cached.period.start && now < cached.period.end) return cached;
    const billing = await loadBilling(this.db, workspaceId, (await this.catalogues()).plans, now);
    const value = { period: periodAt(billing.subscription.anchor, now), limit: chatbotConversationLimit({ plan: billing.plan, packages: billing.packages, now }), at: now };
    if (this.#limits.size > 10_000) this.#limits.clear();
    this.#limits.set(workspaceId, value);
    return value;
  }

  /** The workspace's plan or packages changed in this process: read them again. */
  forget(workspaceId: string): void {
    this.#limits.delete(workspaceId);
    this.#quota.delete(workspaceId);
  }

  /** Chatbot conversations are left this period: chatbots may start for new visitors. */
  async hasQuota(workspaceId: string): Promise<boolean> {
    const now = this.clock.now();
    const cached = this.#quota.get(workspaceId);
    if (cached && now - cached.at < CACHE_MS) return cached.open;
    const { period, limit } = await this.limitNow(workspaceId, now);
    const row = await this.db
      .selectFrom('billing_usage')
      .select(['used'])
      .where('workspace_id', '=', workspaceId)
      .where('period_index', '=', period.index)
      .executeTakeFirst();
    const open = Number(row?.used ?? 0) < limit;
    if (this.#quota.size > 10_000) this.#quota.clear();
    this.#quota.set(workspaceId, { open, at: now });
    return open;
  }

  /**
   * Counts the conversation inside the caller's transaction (read `limitNow`
   * before it: inside, only the transaction may be used). `limit_reached`:
   * nothing was written — the chatbot must step aside.
   */
  async count(trx: Kysely<Database>, input: Interaction, limit: LimitNow): Promise<MeterOutcome> {
    const { period } = limit;
    const ledger = await trx
      .insertInto('usage_ledger')
      .values({
        conversation_id: input.conversationId,
        workspace_id: input.workspaceId,
        period_index: period.index,
        counted_at: input.at,
        chatbot_id: input.chatbotId,
        version_id: input.versionId,
        session_id: input.sessionId,
        interaction: input.interaction,
        node_id: input.nodeId,
        choice_id: input.choiceId,
        visitor_id: input.visitorId,
      })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .executeTakeFirst();
    if (Number(ledger.numInsertedOrUpdatedRows ?? 0n) === 0) return 'already_counted';
    await trx
      .insertInto('billing_usage')
      .values({ workspace_id: input.workspaceId, period_index: period.index, limit_value: limit.limit, used: 0, updated_at: input.at })
      .onConflict((oc) => oc.columns(['workspace_id', 'period_index']).doNothing())
      .execute();
    // The check and the increment in one statement: `used` never passes the limit, whatever runs concurrently.
    const bumped = await trx
      .updateTable('billing_usage')
      .set((eb) => ({ used: eb('used', '+', 1), limit_value: limit.limit, updated_at: input.at }))
      .where('workspace_id', '=', input.workspaceId)
      .where('period_index', '=', period.index)
      .where('used', '<', limit.limit)
      .returning(['used'])
      .executeTakeFirst();
    if (!bumped) {
      await trx.deleteFrom('usage_ledger').where('conversation_id', '=', input.conversationId).execute();
      this.#quota.set(input.workspaceId, { open: false, at: this.clock.now() });
      return 'limit_reached';
    }
    const used = Number(bumped.used);
    // 80 % and 100 %: recorded once each per period, by the count that crossed them.
    for (const threshold of USAGE_WARNING_THRESHOLDS) {
      if ((used - 1) * 100 < threshold * limit.limit && used * 100 >= threshold * limit.limit) {
        await trx
          .insertInto('usage_notifications')
          .values({ workspace_id: input.workspaceId, period_index: period.index, threshold, at: input.at })
          .onConflict((oc) => oc.columns(['workspace_id', 'period_index', 'threshold']).doNothing())
          .execute();
      }
    }
    if (used >= limit.limit) this.#quota.set(input.workspaceId, { open: false, at: this.clock.now() });
    return 'counted';
  }
}
