/**
 * Keeps the statistics aggregates equal to a recount of the recorded events
 * (docs/statistics.md, "Aggregates"). Whatever writes a record also sets the
 * conversation's `stats_dirty` token in the same transaction; the projector
 * picks dirty conversations, folds ALL their records again (so a repeated or
 * late record can never count twice), and adds to the tables the difference
 * between the new contribution and the one stored for the conversation — in
 * one transaction with storing it. It clears only the token it saw: a change
 * made meanwhile is projected on the next pass.
 *
 * It also ends chatbot conversations nobody touched for the workspace's
 * inactivity timeout (the sweep).
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { classifyConversation, contributionDelta, contributionOf, sumContributions, type Contribution } from '@parley/core';
import type { Clock } from '../clock.js';
import type { DialectName } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { parseJsonObject } from '../storage/json-columns.js';
import { addToAggregates } from './aggregate-store.js';
import { dayIn, loadFacts, type ConversationBaseRow } from './conversation-records.js';

export interface StatisticsProjectorDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  /** Ends an inactive conversation (records `inactive`, times out a waiting chatbot). */
  conversationInactive: (workspaceId: string, conversationId: string, activityAt: number, endedAt: number) => Promise<void>;
  log: { error(obj: object, msg: string): void };
  /** How often dirty conversations are projected (ms). */
  intervalMs: number;
  /** How often inactive conversations are looked for (ms). */
  sweepMs: number;
  batchSize?: number;
}

/**
 * How the projector paces itself between batches (pure; unit-tested). On the
 * embedded engine reading and folding a batch run on the event loop without a
 * break, and so does the transaction that writes it, so a batch is one slice of
 * the loop that chatbot steps and messages wait behind (bench `bot-step`:
 * batches of 200 put 30 ms into the p99 of a click's reply). The projector
 * pauses after each batch and looks at how busy the loop was meanwhile: busy,
 * it keeps small batches and long pauses; idle while a backlog remains (a time
 * zone change, a restart), it doubles the batch, so catching up stays fast.
 */
export const PACE = { smallBatch: 8, largestBatch: 128, busyPauseMs: 5, idlePauseMs: 1, busyShare: 0.25 } as const;

export function nextPace(batch: number, loopBusyDuringPause: number): { batch: number; pauseMs: number } {
  if (loopBusyDuringPause >= PACE.busyShare) return { batch: PACE.smallBatch, pauseMs: PACE.busyPauseMs };
  return { batch: Math.min(batch * 2, PACE.largestBatch), pauseMs: PACE.idlePauseMs };
}

/** Serializes projectors of several nodes sharing PostgreSQL. */
const PG_LOCK_KEY = 7_301_405_517;

export class StatisticsProjector {
  #timer: NodeJS.Timeout | null = null;
  #lastSweep = 0;
  #running: Promise<number> | null = null;

  constructor(private readonly deps: StatisticsProjectorDeps) {}

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      void this.tick().catch((error: unknown) => this.deps.log.error({ err: error }, 'statistics projection failed'));
    }, this.deps.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => 0);
  }

  async tick(): Promise<void> {
    await this.poll();
    const now = this.deps.clock.now();
    if (now - this.#lastSweep >= this.deps.sweepMs) {
      this.#lastSweep = now;
      if ((await this.sweepInactive()) > 0) await this.poll();
    }
  }

  /** Projects every dirty conversation (in batches); the number projected. One pass at a time. */
  poll(): Promise<number> {
    if (this.#running) return this.#running.then(() => this.poll());
    this.#running = this.#pollAll().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pollAll(): Promise<number> {
    let total = 0;
    const fixed = this.deps.batchSize;
    let batch = fixed ?? PACE.smallBatch;
    let pauseMs: number = PACE.busyPauseMs;
    for (;;) {
      const n = await this.#projectBatch(batch);
      total += n.projected;
      if (n.seen < batch) return total;
      // More remain: pause (sockets and chatbot steps go first) and see how busy the loop was meanwhile.
      const before = performance.eventLoopUtilization();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const busy = performance.eventLoopUtilization(before).utilization;
      if (fixed === undefined) ({ batch, pauseMs } = nextPace(batch, busy));
    }
  }

  async #projectBatch(limit: number): Promise<{ seen: number; projected: number }> {
    const { db } = this.deps;
    const dirty = await db
      .selectFrom('conversations')
      .select(['id', 'workspace_id', 'created_at', 'inbox_visible', 'stats_dirty'])
      .where('stats_dirty', 'is not', null)
      .orderBy('stats_dirty')
      .limit(limit)
      .execute();
    if (dirty.length === 0) return { seen: 0, projected: 0 };
    // Folding and classifying happen outside the transaction (the embedded engine has one writer).
    const facts = await loadFacts(db, dirty as ConversationBaseRow[]);
    const zones = await this.#timeZones([...new Set(dirty.map((d) => d.workspace_id))]);
    const computed = dirty.map((row) => {
      const f = facts.get(row.id)!;
      const day = dayIn(zones.get(row.workspace_id) ?? 'UTC');
      return { row, contribution: contributionOf(f, day), classification: classifyConversation(f) };
    });
    let projected = 0;
    // Let sockets and chatbot steps in between the read and the write.
    await new Promise((resolve) => setImmediate(resolve));
    await db.transaction().execute(async (trx) => {
      if (this.deps.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
      // Only conversations unchanged since they were read: their facts are current.
      let check = trx
        .selectFrom('conversations')
        .select(['id', 'stats_dirty'])
        .where(
          'id',
          'in',
          dirty.map((d) => d.id),
        );
      if (this.deps.dialect === 'postgres') check = check.forUpdate();
      const tokens = new Map((await check.execute()).map((r) => [r.id, r.stats_dirty]));
      const current = computed.filter((c) => tokens.get(c.row.id) === c.row.stats_dirty);
      if (current.length === 0) return;
      const stored = await trx
        .selectFrom('conversation_stats')
        .select(['conversation_id', 'contribution'])
        .where(
          'conversation_id',
          'in',
          current.map((c) => c.row.id),
        )
        .execute();
      const previous = new Map(stored.map((s) => [s.conversation_id, parseJsonObject<Contribution>(s.contribution, {})]));
      const deltas = new Map<string, Contribution>();
      for (const c of current) {
        const delta = contributionDelta(previous.get(c.row.id) ?? {}, c.contribution);
        const into = deltas.get(c.row.workspace_id) ?? {};
        deltas.set(c.row.workspace_id, sumContributions(into, delta));
      }
      for (const [workspaceId, delta] of deltas) await addToAggregates(trx, workspaceId, delta);
      const now = this.deps.clock.now();
      for (let i = 0; i < current.length; i += 200) {
        const rows = current.slice(i, i + 200).map((c) => ({
          conversation_id: c.row.id,
          workspace_id: c.row.workspace_id,
          kind: c.classification.kind,
          outcome: c.classification.outcome,
          contribution: JSON.stringify(c.contribution),
          updated_at: now,
        }));
        await trx
          .insertInto('conversation_stats')
          .values(rows)
          .onConflict((oc) =>
            oc.column('conversation_id').doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              outcome: eb.ref('excluded.outcome'),
              contribution: eb.ref('excluded.contribution'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      // One statement: the transaction holds the embedded engine's only connection, so it must be short.
      const seen = sql.join(current.map((c) => sql`(${c.row.id}, ${c.row.stats_dirty})`));
      await sql`update conversations set stats_dirty = null where (id, stats_dirty) in (values ${seen})`.execute(trx);
      projected = current.length;
    });
    return { seen: dirty.length, projected };
  }

  async #timeZones(workspaceIds: string[]): Promise<Map<string, string>> {
    if (workspaceIds.length === 0) return new Map();
    const rows = await this.deps.db.selectFrom('workspaces').select(['id', 'timezone']).where('id', 'in', workspaceIds).execute();
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }

  /** Ends chatbot conversations in progress with no activity for their workspace's timeout; how many. */
  async sweepInactive(limit = 200): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const rows = await db
      .selectFrom('conversation_stats')
      .innerJoin('conversations', 'conversations.id', 'conversation_stats.conversation_id')
      .innerJoin('workspaces', 'workspaces.id', 'conversations.workspace_id')
      .select(['conversations.id', 'conversations.workspace_id', 'conversations.activity_at', 'workspaces.inactivity_timeout_minutes'])
      .where('conversation_stats.outcome', '=', 'in_progress')
      .where((eb) => eb(eb('conversations.activity_at', '+', eb('workspaces.inactivity_timeout_minutes', '*', 60_000)), '<=', now))
      .limit(limit)
      .execute();
    for (const row of rows) {
      const activityAt = Number(row.activity_at);
      await this.deps.conversationInactive(row.workspace_id, row.id, activityAt, activityAt + row.inactivity_timeout_minutes * 60_000);
    }
    return rows.length;
  }
}

/** Counts every conversation of the workspace again (a new time zone moves them to other days). */
export async function markWorkspaceForRecount(db: Kysely<Database>, workspaceId: string): Promise<void> {
  await db.updateTable('conversations').set({ stats_dirty: 'recount' }).where('workspace_id', '=', workspaceId).execute();
}

/**
 * A full recount from the raw records, for checking: what the aggregate
 * tables must hold for this workspace.
 */
export async function recountFromRecords(db: Kysely<Database>, workspaceId: string): Promise<Contribution> {
  const workspace = await db.selectFrom('workspaces').select(['timezone']).where('id', '=', workspaceId).executeTakeFirst();
  const day = dayIn(workspace?.timezone ?? 'UTC');
  const total: Contribution = {};
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('conversations')
      .select(['id', 'workspace_id', 'created_at', 'inbox_visible'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (page.length === 0) break;
    const facts = await loadFacts(db, page);
    for (const f of facts.values()) sumContributions(total, contributionOf(f, day));
    after = page[page.length - 1]!.id;
  }
  for (const [key, values] of Object.entries(total)) if (values.every((v) => v === 0)) delete total[key];
  return total;
}
