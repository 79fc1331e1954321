// Scenario (f): statistics and insights over a year of history (issue 5: "≤ 200 ms
// over 1 000 000 conversations on both SQLite and PostgreSQL").
//  1. A deterministic history (bench/lib/stats-history.mjs, generated in a worker
//     thread): 1 000 000 conversations of one workspace over 365 days, 12 chatbots.
//     Each conversation's records are folded with `foldConversation` and its
//     `contributionOf` summed — exactly what the projector would have written.
//  2. Into a fresh SQLite file and a fresh PostgreSQL schema, both created by the
//     server's own `openStorage` + `migrateToLatest`: the conversation rows (the
//     baseline reads them; secondary indexes dropped for the load and created again
//     from their own DDL) and the summed aggregates (`addToAggregates` day by day, the
//     order the projector creates them; read back with `readAggregates` and compared).
//  3. `StatisticsService.statistics` / `.insights` (what the REST API runs), p50/p99
//     per query and engine. Baseline, same database, same run: the naive way,
//     counting the `conversations` rows of the range grouped by day.
//  4. The projector's throughput on SQLite: raw records of 20 000 conversations,
//     `StatisticsProjector.poll()`, then aggregates = recount (fails loudly if not).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { summarize } from '../lib/stats.mjs';
import { createHistory, idAt, memoDay, rowFields, serializableChatbot, streamHistory } from '../lib/stats-history.mjs';

export const id = 'stats-queries';

const TARGET_MS = 200;
const DAY_MS = 86_400_000;
const dist = (path) => new URL(`../../packages/${path}`, import.meta.url).href;

const num = (v) => Math.round(v).toLocaleString('en-US');
const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const secs = (v) => `${(v / 1000).toFixed(1)} s`;

/** The first differences between two Contributions (empty when equal). */
function contributionDiff(a, b, max = 5) {
  const out = [];
  for (const [key, values] of Object.entries(a)) {
    const other = b[key];
    if (!other || other.length !== values.length || values.some((v, i) => v !== other[i])) out.push(`${JSON.stringify(key)}: ${JSON.stringify(values)} vs ${JSON.stringify(other)}`);
    if (out.length >= max) return out;
  }
  for (const key of Object.keys(b)) {
    if (!(key in a)) out.push(`${JSON.stringify(key)}: missing vs ${JSON.stringify(b[key])}`);
    if (out.length >= max) return out;
  }
  return out;
}

/** `warmup` calls, then `calls` timed ones: the latency summary (ms) and the last answer. */
async function timeCalls(fn, warmup, calls) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  let answer;
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    answer = await fn();
    samples.push(performance.now() - t);
  }
  return { ...summarize(samples), answer };
}

/** The server's storage, migrated: a SQLite file in `dir`, or a fresh PostgreSQL schema. */
async function openEngine(server, kind, { dir, pgUrl, file }) {
  // Statement log for the diagnostic pass only (off while timing).
  const statements = { on: false, list: [] };
  const log = (event) => {
    if (statements.on && event.level === 'query') statements.list.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  };
  if (kind === 'sqlite') {
    const storage = await server.openStorage({ dataDir: dir, sqliteFile: file, log });
    await server.migrateToLatest(storage.db);
    return { kind, label: 'SQLite', storage, statements, drop: async () => undefined };
  }
  const schema = `bench_stats_${randomBytes(5).toString('hex')}`;
  const storage = await server.openStorage({ databaseUrl: pgUrl, dataDir: dir, pgSchema: schema, log });
  await server.migrateToLatest(storage.db, schema);
  return {
    kind,
    label: 'PostgreSQL',
    schema,
    storage,
    statements,
    drop: async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Workspace, website, an owner, the chatbots and their published versions, the pool of returning visitors. */
async function insertFixtures(engine, history, chatbots) {
  const { db } = engine.storage;
  const ws = history.workspaceId;
  const t0 = history.startMs - 90 * DAY_MS;
  const ownerId = idAt(t0, '8', 1);
  const websiteId = idAt(t0, '9', 1);
  await db
    .insertInto('workspaces')
    .values({ id: ws, name: 'Stats bench', timezone: history.timezone, default_language: 'en', created_at: t0, office_hours: null, unanswered_chatbot: JSON.stringify({ chatbotId: chatbots[10].id, afterSeconds: 120 }) })
    .execute();
  await db
    .insertInto('agents')
    .values({ id: ownerId, workspace_id: ws, email: `owner-${engine.kind}-${randomBytes(4).toString('hex')}@stats.bench`, name: 'Owner', role: 'owner', password_hash: 'x', created_at: t0 })
    .execute();
  await db
    .insertInto('websites')
    .values({ id: websiteId, workspace_id: ws, name: 'Shop', public_key: `pk_stats_${randomBytes(6).toString('hex')}`, allowed_origins: '["*"]', color: '#2563eb', position: 'right', greeting: 'Hi!', created_at: t0 })
    .execute();
  for (const c of chatbots) {
    const latest = c.versions[c.versions.length - 1];
    await db
      .insertInto('chatbots')
      .values({
        id: c.id,
        workspace_id: ws,
        name: c.name,
        status: 'active',
        default_language: 'en',
        draft: JSON.stringify(latest.document),
        draft_updated_at: latest.publishedAt,
        published_version_id: latest.id,
        created_at: c.createdAt,
        updated_at: latest.publishedAt,
        priority: 12 - c.index,
      })
      .execute();
    for (const v of c.versions) {
      await db
        .insertInto('chatbot_versions')
        .values({ id: v.id, chatbot_id: c.id, workspace_id: ws, number: v.number, flow: JSON.stringify(v.document), published_at: v.publishedAt, published_by: ownerId })
        .execute();
    }
  }
  const pool = [];
  for (let n = 0; n < history.poolSize; n++) pool.push(history.poolVisitorId(n));
  await insertVisitors(engine, { ws, websiteId }, pool, pool.map(() => history.startMs - DAY_MS));
  return { websiteId };
}

const VISITOR_COLUMNS = ['id', 'workspace_id', 'website_id', 'device_type', 'visit_count', 'page_view_count', 'first_seen_at', 'last_seen_at', 'online_until', 'visit_started_at'];

/** Visitors (minimal columns; the rest take their defaults). */
async function insertVisitors(engine, { ws, websiteId }, ids, seenAt) {
  if (ids.length === 0) return;
  const rows = ids.map((id, i) => [id, ws, websiteId, 'desktop', 1, 1, seenAt[i], seenAt[i], seenAt[i], seenAt[i]]);
  await insertRows(engine, 'visitors', VISITOR_COLUMNS, rows);
}

/**
 * Bulk insert of plain rows (arrays in `columns` order): one prepared statement in
 * one transaction on SQLite; `INSERT … SELECT FROM unnest(arrays)` on PostgreSQL.
 */
async function insertRows(engine, table, columns, rows) {
  if (rows.length === 0) return;
  const { storage } = engine;
  if (engine.kind === 'sqlite') {
    const key = `${table}:${columns.join(',')}`;
    engine.prepared ??= new Map();
    let insert = engine.prepared.get(key);
    if (!insert) {
      const stmt = storage.sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      insert = storage.sqlite.transaction((all) => {
        for (const row of all) stmt.run(row);
      });
      engine.prepared.set(key, insert);
    }
    insert(rows);
    return;
  }
  const { sql } = await import('kysely');
  engine.pgTypes ??= new Map();
  if (!engine.pgTypes.has(table)) {
    const info = await sql`select column_name, data_type from information_schema.columns where table_schema = ${engine.schema} and table_name = ${table}`.execute(storage.db);
    engine.pgTypes.set(table, new Map(info.rows.map((r) => [r.column_name, r.data_type === 'bigint' ? 'bigint' : r.data_type === 'integer' ? 'integer' : 'text'])));
  }
  const types = engine.pgTypes.get(table);
  const arrays = columns.map((c, i) => sql`${rows.map((r) => r[i])}::${sql.raw(types.get(c))}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(storage.db);
}

/**
 * The secondary indexes of `tables` as the migrations created them (their own DDL,
 * read from the catalog), dropped for the bulk load and created again after it:
 * the same database in the end, built in one pass instead of row by row.
 * Primary keys and unique constraints stay (the load checks them).
 */
async function dropSecondaryIndexes(engine, tables) {
  const { sql } = await import('kysely');
  const { db } = engine.storage;
  let indexes;
  if (engine.kind === 'sqlite') {
    indexes = engine.storage.sqlite
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`)
      .all(...tables)
      .map((r) => ({ name: r.name, ddl: r.sql }));
  } else {
    const r = await sql`select indexname as name, indexdef as ddl from pg_indexes
      where schemaname = ${engine.schema} and tablename in (${sql.join(tables)})
        and indexname not in (select conname from pg_constraint where connamespace = ${engine.schema}::regnamespace)`.execute(db);
    indexes = r.rows;
  }
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  return async () => {
    for (const index of indexes) await sql.raw(index.ddl).execute(db);
    return indexes.map((i) => i.name);
  };
}

export async function run(ctx) {
  const opts = ctx.options.statsQueries;
  const log = ctx.log;
  const server = {
    ...(await import(dist('server/dist/storage/database.js'))),
    ...(await import(dist('server/dist/storage/migrate.js'))),
    ...(await import(dist('server/dist/statistics/aggregate-store.js'))),
    ...(await import(dist('server/dist/statistics/statistics-service.js'))),
    ...(await import(dist('server/dist/statistics/statistics-projector.js'))),
    ...(await import(dist('server/dist/statistics/conversation-records.js'))),
    ...(await import(dist('server/dist/storage/repositories/conversation-repository.js'))),
  };
  const core = await import(dist('core/dist/index.js'));
  const dir = mkdtempSync(join(os.tmpdir(), 'parley-stats-'));
  const engines = [];
  try {
    return await main();
  } finally {
    for (const engine of engines) {
      await engine.storage.close().catch(() => undefined);
      if (opts.keep) continue;
      await engine.drop().catch((error) => log(`  (could not drop ${engine.schema}: ${error.message})`));
    }
    if (opts.keep) log(`  (--stats-keep: left ${dir}${engines.filter((e) => e.schema).map((e) => ` and schema ${e.schema}`).join('')}; drop them by hand)`);
    else rmSync(dir, { recursive: true, force: true });
  }

  async function main() {
    const tAll = performance.now();
    const history = createHistory({ conversations: opts.conversations, seed: opts.seed });
    const chatbots = history.chatbots.map(serializableChatbot);
    const ws = history.workspaceId;

    // ── 1–2. Databases, history, rows ─────────────────────────────────────────
    engines.push(await openEngine(server, 'sqlite', { dir, file: 'stats.sqlite' }));
    if (opts.pgUrl) {
      try {
        engines.push(await openEngine(server, 'postgres', { dir, pgUrl: opts.pgUrl }));
      } catch (error) {
        log(`  PostgreSQL at ${opts.pgUrl} not usable (${error.message}): SQLite only`);
      }
    }
    for (const engine of engines) engine.fixtures = await insertFixtures(engine, history, chatbots);
    log(`  ${engines.map((e) => (e.kind === 'sqlite' ? `SQLite ${join(dir, 'stats.sqlite')}` : `PostgreSQL schema ${e.schema}`)).join(', ')}: migrated by the server's migrateToLatest`);

    const template = server.newConversationRow({ id: 'x', workspaceId: ws, websiteId: 'w', visitorId: 'v', now: 0 }, { stats_dirty: null });
    const columns = Object.keys(template);
    for (const engine of engines) engine.rebuildIndexes = await dropSecondaryIndexes(engine, ['conversations', 'visitors']);
    const timing = { sqliteMs: 0, pgMs: 0, batches: 0 };
    let pgPrevious = Promise.resolve();
    const sqlite = engines[0];
    const pg = engines.find((e) => e.kind === 'postgres');
    log(`  generating ${num(opts.conversations)} conversations over ${history.days} days (${history.firstDay} … ${history.lastDay}) in a worker; inserting the conversation rows as they come…`);
    const tGen = performance.now();
    let done = 0;
    let nextReport = opts.conversations / 4;
    const generated = await streamHistory({ conversations: opts.conversations, seed: opts.seed, batchSize: 10_000 }, async (b) => {
      const websiteId = sqlite.fixtures.websiteId;
      const visitorIds = [];
      const visitorSeen = [];
      const conversationRows = new Array(b.n);
      for (let i = 0; i < b.n; i++) {
        if (b.own_visitor[i]) {
          visitorIds.push(b.visitor_id[i]);
          visitorSeen.push(b.created_at[i]);
        }
        const row = server.newConversationRow(
          { id: b.id[i], workspaceId: ws, websiteId, visitorId: b.visitor_id[i], now: b.created_at[i] },
          {
            stats_dirty: null,
            status: b.status[i],
            closed_at: b.closed_at[i],
            activity_at: b.activity_at[i],
            updated_at: b.updated_at[i],
            inbox_visible: b.inbox_visible[i],
            chatbot_id: b.chatbot_id[i],
            chatbot_status: b.chatbot_status[i],
            handover_at: b.handover_at[i],
            handover_reason: b.handover_reason[i],
            first_interaction_at: b.first_interaction_at[i],
            visitor_message_count: b.visitor_message_count[i],
            read_visitor_message_count: b.read_visitor_message_count[i],
            last_seq: b.last_seq[i],
          },
        );
        conversationRows[i] = columns.map((c) => row[c]);
      }
      const t = performance.now();
      await insertVisitors(sqlite, { ws, websiteId }, visitorIds, visitorSeen);
      await insertRows(sqlite, 'conversations', columns, conversationRows);
      timing.sqliteMs += performance.now() - t;
      timing.batches++;
      if (pg) {
        // One PostgreSQL batch in flight while the next one is generated and written to SQLite.
        await pgPrevious;
        const started = performance.now();
        pgPrevious = (async () => {
          await insertVisitors(pg, { ws, websiteId: pg.fixtures.websiteId }, visitorIds, visitorSeen);
          await insertRows(pg, 'conversations', columns, conversationRows);
          timing.pgMs += performance.now() - started;
        })();
        pgPrevious.catch(() => undefined);
      }
      done += b.n;
      if (done >= nextReport) {
        log(`    ${num(done)} conversations (${secs(performance.now() - tGen)})`);
        nextReport += opts.conversations / 4;
      }
    });
    await pgPrevious;
    const streamMs = performance.now() - tGen;
    for (const engine of engines) {
      const t = performance.now();
      const rebuilt = await engine.rebuildIndexes();
      engine.indexMs = performance.now() - t;
      log(`    ${engine.label}: ${rebuilt.length} secondary indexes of conversations and visitors created again after the load in ${secs(engine.indexMs)} (${rebuilt.join(', ')})`);
    }
    const total = generated.total;
    const keys = Object.keys(total);
    const keyCount = { s: 0, i: 0, p: 0 };
    for (const k of keys) keyCount[k[0]]++;
    log(
      `    generated and folded in ${secs(generated.busyMs)} of worker time (${(generated.busyMs * 1000 / opts.conversations).toFixed(1)} µs per conversation: ` +
        `${num(generated.records)} records, ${num(generated.sessions)} chatbot sessions); rows written: SQLite ${secs(timing.sqliteMs)}` +
        `${pg ? `, PostgreSQL ${secs(timing.pgMs)} (concurrently)` : ''}; ${secs(streamMs)} wall`,
    );
    log(`    summed contribution: ${num(keyCount.s)} stats_daily, ${num(keyCount.i)} insights_daily, ${num(keyCount.p)} insights_path_daily rows`);

    // The aggregates, with the server's own upsert, day after day (the order the projector creates
    // their rows over a year, so the tables' physical layout is the production one), then read back and compared.
    const byDay = new Map();
    for (const [key, values] of Object.entries(total)) {
      const { day } = core.decodeKey(key);
      let part = byDay.get(day);
      if (!part) byDay.set(day, (part = {}));
      part[key] = values;
    }
    const daysInOrder = [...byDay.keys()].sort();
    for (const engine of engines) {
      const { db } = engine.storage;
      let t = performance.now();
      await db.transaction().execute(async (trx) => {
        for (const day of daysInOrder) await server.addToAggregates(trx, ws, byDay.get(day));
      });
      engine.aggregatesMs = performance.now() - t;
      t = performance.now();
      const back = await server.readAggregates(db, ws);
      engine.readBackMs = performance.now() - t;
      const diff = contributionDiff(back, total);
      if (diff.length > 0) throw new Error(`${engine.label}: aggregate tables differ from the summed contributions:\n${diff.join('\n')}`);
      t = performance.now();
      if (engine.kind === 'sqlite') {
        // What the server's checkpointer thread does continuously; the server never runs ANALYZE.
        engine.storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } else {
        // What autovacuum does shortly after a bulk load (statistics, visibility map), and the checkpoint that follows.
        const { sql } = await import('kysely');
        for (const table of ['conversations', 'visitors', 'stats_daily', 'insights_daily', 'insights_path_daily']) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
        await sql`checkpoint`.execute(db);
      }
      // The OS writes the loaded files out now rather than while queries are timed.
      execFileSync('sync');
      engine.settleMs = performance.now() - t;
      engine.tableRows = {};
      for (const table of ['conversations', 'stats_daily', 'insights_daily', 'insights_path_daily']) {
        const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        engine.tableRows[table] = Number(r.n);
      }
      log(
        `  ${engine.label}: aggregates written by addToAggregates, one call per day, in ${secs(engine.aggregatesMs)} (one transaction), read back equal in ${secs(engine.readBackMs)}; ` +
          `${engine.kind === 'sqlite' ? 'WAL checkpoint' : 'VACUUM ANALYZE + CHECKPOINT'} + sync ${secs(engine.settleMs)}; rows: ${Object.entries(engine.tableRows).map(([t, n]) => `${t} ${num(n)}`).join(', ')}`,
      );
    }

    // ── 3. Queries ────────────────────────────────────────────────────────────
    const triggered = new Map();
    const pairs = new Map();
    const last30From = new Date(history.endMs - 30 * DAY_MS).toISOString().slice(0, 10);
    for (const [key, values] of Object.entries(total)) {
      const k = core.decodeKey(key);
      if (k.table !== 'insights') continue;
      triggered.set(k.chatbotId, (triggered.get(k.chatbotId) ?? 0) + values[0]);
    }
    const busiest = [...triggered].sort((a, b) => b[1] - a[1])[0][0];
    for (const [key, values] of Object.entries(total)) {
      const k = core.decodeKey(key);
      if (k.table !== 'insights' || k.chatbotId !== busiest || k.day < last30From) continue;
      const pair = `${k.versionId} ${k.language}`;
      pairs.set(pair, (pairs.get(pair) ?? 0) + values[0]);
    }
    const [versionId, language] = [...pairs].sort((a, b) => b[1] - a[1])[0][0].split(' ');
    const busiestBot = chatbots.find((c) => c.id === busiest);
    const version = busiestBot.versions.find((v) => v.id === versionId);
    const shareOfRuns = triggered.get(busiest) / [...triggered.values()].reduce((s, n) => s + n, 0);
    log(
      `  busiest chatbot: "${busiestBot.name}" (${(shareOfRuns * 100).toFixed(0)} % of chatbot runs, ${busiestBot.versions.length} versions, languages ${busiestBot.languages.join(', ')}); ` +
        `one version + language: v${version.number} (${version.nodes} nodes) / ${language}`,
    );
    const ranges = [
      { label: '30 days', days: 30, from: last30From, to: history.lastDay },
      { label: '365 days', days: 365, from: history.firstDay, to: history.lastDay },
    ];
    const queries = [
      { name: 'statistics, all chatbots', baseline: 'all', call: (svc, r) => svc.statistics(ws, { from: r.from, to: r.to }) },
      { name: 'statistics, one chatbot', baseline: 'one', call: (svc, r) => svc.statistics(ws, { from: r.from, to: r.to, chatbotId: busiest }) },
      { name: 'insights, busiest chatbot, all versions', baseline: 'one', call: (svc, r) => svc.insights(ws, busiest, { from: r.from, to: r.to }) },
      { name: 'insights, busiest chatbot, one version + language', baseline: 'one', call: (svc, r) => svc.insights(ws, busiest, { from: r.from, to: r.to, versionId, language }) },
    ];
    const { sql, CompiledQuery } = await import('kysely');
    // The naive way: count the conversation rows of the range, by day (UTC workspace: day = created_at ÷ 86 400 000).
    const baselineQuery = (db, r, chatbotId) => {
      const fromMs = Date.parse(`${r.from}T00:00:00Z`);
      const toMs = Date.parse(`${r.to}T00:00:00Z`) + DAY_MS;
      return sql`select created_at / 86400000 as day, count(*) as conversations,
          sum(case when first_interaction_at is not null then 1 else 0 end) as chatbot_conversations
        from conversations
        where workspace_id = ${ws} and inbox_visible = 1 and created_at >= ${fromMs} and created_at < ${toMs}
          ${chatbotId ? sql`and chatbot_id = ${chatbotId}` : sql.raw('')}
        group by created_at / 86400000 order by 1`.execute(db);
    };
    const results = [];
    for (const engine of engines) {
      const { db } = engine.storage;
      const svc = new server.StatisticsService(db);
      engine.baselines = {};
      for (const r of ranges) {
        for (const which of ['all', 'one']) {
          const run = () => baselineQuery(db, r, which === 'one' ? busiest : null);
          const stats = await timeCalls(run, 1, opts.baselineCalls);
          const answer = stats.answer.rows;
          const sums = answer.reduce((acc, row) => [acc[0] + Number(row.conversations), acc[1] + Number(row.chatbot_conversations)], [0, 0]);
          delete stats.answer;
          engine.baselines[`${which} ${r.label}`] = { stats, days: answer.length, conversations: sums[0], chatbotConversations: sums[1] };
          log(`  ${engine.label} baseline, count conversations by day, ${which === 'all' ? 'all' : 'busiest chatbot'}, ${r.label}: p50 ${ms(stats.p50)} ms, p99 ${ms(stats.p99)} ms (${num(sums[0])} conversations)`);
        }
      }
      for (const r of ranges) {
        for (const q of queries) {
          const stats = await timeCalls(() => q.call(svc, r), opts.warmup, opts.calls);
          delete stats.answer;
          // One more call with the statement log on: where the time goes, and the slowest statement's plan.
          engine.statements.list = [];
          engine.statements.on = true;
          const answer = await q.call(svc, r);
          engine.statements.on = false;
          const statements = engine.statements.list.map((s) => ({ sql: s.sql, parameters: s.parameters, ms: s.ms }));
          const slowest = statements.reduce((a, b) => (b.ms > a.ms ? b : a), statements[0]);
          const baseline = engine.baselines[`${q.baseline} ${r.label}`];
          if (q.baseline === 'all' && (answer.totals.conversations !== baseline.conversations || answer.totals.chatbotConversations !== baseline.chatbotConversations)) {
            throw new Error(
              `${engine.label}, ${r.label}: statistics say ${answer.totals.conversations} conversations / ${answer.totals.chatbotConversations} chatbot conversations, ` +
                `counting the rows gives ${baseline.conversations} / ${baseline.chatbotConversations}`,
            );
          }
          results.push({ engine, range: r, query: q, stats, statements, slowest, answer, baseline });
          log(
            `  ${engine.label} ${q.name}, ${r.label}: p50 ${ms(stats.p50)} ms, p99 ${ms(stats.p99)} ms, max ${ms(stats.max)} ms ` +
              `(slowest statement ${ms(slowest.ms)} ms of ${statements.length}: ${slowest.sql.replace(/\s+/g, ' ').slice(0, 70)}…)`,
          );
        }
      }
      // Plans of the slowest statement of the slowest query of this engine.
      const worst = results.filter((x) => x.engine === engine).reduce((a, b) => (b.stats.p99 > a.stats.p99 ? b : a));
      const explain = engine.kind === 'sqlite' ? `explain query plan ${worst.slowest.sql}` : `explain (analyze, buffers) ${worst.slowest.sql}`;
      const plan = await db.executeQuery(CompiledQuery.raw(explain, [...worst.slowest.parameters]));
      worst.plan = engine.plan = {
        query: `${worst.query.name}, ${worst.range.label}`,
        sql: worst.slowest.sql,
        lines: plan.rows.map((row) => (engine.kind === 'sqlite' ? `${row.id} ${row.parent} ${row.detail}` : row['QUERY PLAN'])),
      };
      log(`  ${engine.label} plan of the slowest statement of its slowest query (${engine.plan.query}):`);
      for (const line of engine.plan.lines) log(`      ${line}`);
    }

    // ── 4. The projector's throughput (SQLite) ───────────────────────────────
    const projector = await projectorRun();

    const generation =
      `History: ${num(opts.conversations)} conversations of one workspace (UTC) over ${history.days} days, ${chatbots.length} chatbots (1–4 versions, 1–3 languages, flows of 15–30 nodes), seed ${opts.seed}; ` +
      `mix ${mixLine(generated.mix, opts.conversations)}. Each conversation's records were folded with foldConversation and its contributionOf summed (what the projector would have written): ` +
      `${secs(generated.busyMs)} in a worker (${(generated.busyMs * 1000 / opts.conversations).toFixed(1)} µs/conversation), ${num(generated.records)} records; ` +
      `conversation rows written while generating (SQLite ${secs(timing.sqliteMs)}${pg ? `, PostgreSQL ${secs(timing.pgMs)}` : ''}).`;
    const out = [];
    for (const x of results) {
      const { engine, range, query, stats, baseline, slowest, statements } = x;
      out.push({
        name: `${query.name}, ${range.label}, ${engine.label} (p99)`,
        value: stats.p99,
        unit: 'ms',
        baseline: baseline.stats.p99,
        ratio: stats.p99 / baseline.stats.p99,
        target: `≤ ${TARGET_MS} ms`,
        met: stats.p99 <= TARGET_MS,
        notes:
          `StatisticsService.${query.name.startsWith('statistics') ? 'statistics' : 'insights'} (packages/server/dist), ${range.from} … ${range.to}: p50 ${ms(stats.p50)} ms, p99 ${ms(stats.p99)} ms, max ${ms(stats.max)} ms over ${stats.count} calls after ${opts.warmup} warm-up; ` +
          `${statements.length} statements, slowest ${ms(slowest.ms)} ms. ` +
          `Baseline (same database, same run): count(*) of the range's visible conversations grouped by day${query.baseline === 'one' ? ' with chatbot_id = the busiest chatbot' : ''}, ` +
          `plus those with first_interaction_at set — p50 ${ms(baseline.stats.p50)} ms, p99 ${ms(baseline.stats.p99)} ms over ${baseline.stats.count} calls (${num(baseline.conversations)} conversations). ` +
          `${engine.label} rows: ${Object.entries(engine.tableRows).map(([t, n]) => `${t} ${num(n)}`).join(', ')}; aggregates written by addToAggregates in ${secs(engine.aggregatesMs)}. ` +
          generation,
        details: {
          p50: stats.p50,
          p99: stats.p99,
          max: stats.max,
          mean: stats.mean,
          calls: stats.count,
          baseline: baseline.stats,
          statements: statements.map((s) => ({ ms: s.ms, sql: s.sql })),
          ...(x.plan ? { plan: x.plan } : {}),
        },
      });
    }
    out.push(projector.row);
    log(`  (whole scenario ${secs(performance.now() - tAll)})`);
    return out;
  }

  function mixLine(mix, n) {
    const pct = (v) => `${((v / n) * 100).toFixed(1)} %`;
    const sum = (pred) => Object.entries(mix).reduce((s, [k, v]) => (pred(k) ? s + v : s), 0);
    return (
      `normal ${pct(sum((k) => k.startsWith('normal/')))}, impressions ${pct(sum((k) => k.startsWith('impression/')))}, chatbot joined ${pct(sum((k) => k.startsWith('joined/')))}, ` +
      `chatbot-started ${pct(sum((k) => k.startsWith('chatbot/')))}; outcomes: resolved ${pct(sum((k) => k.endsWith('/resolved_by_chatbot')))}, ` +
      `escalated ${pct(sum((k) => k.endsWith('/escalated_to_human')))}, in progress ${pct(sum((k) => k.endsWith('/in_progress')))}`
    );
  }

  async function projectorRun() {
    const n = opts.projectorConversations;
    const engine = await openEngine(server, 'sqlite', { dir, file: 'projector.sqlite' });
    engines.push(engine);
    const history = createHistory({ conversations: n, seed: opts.seed + 1 });
    const ws = history.workspaceId;
    const { websiteId } = await insertFixtures(engine, history, history.chatbots.map(serializableChatbot));
    const dayOf = memoDay(server.dayIn(history.timezone));
    const expected = {};
    const template = server.newConversationRow({ id: 'x', workspaceId: ws, websiteId, visitorId: 'v', now: 0 });
    const columns = Object.keys(template);
    const eventColumns = ['id', 'workspace_id', 'conversation_id', 'visitor_id', 'chatbot_id', 'version_id', 'language', 'event', 'node_id', 'choice_id', 'reason', 'at', 'dedupe_key'];
    const conversationEventColumns = ['id', 'workspace_id', 'conversation_id', 'kind', 'session_id', 'at', 'dedupe_key'];
    let t = performance.now();
    const visitors = [];
    const visitorSeen = [];
    const conversations = [];
    const events = [];
    const conversationEvents = [];
    let seq = 0;
    for (const c of history.all()) {
      const facts = core.foldConversation({ conversationId: c.id, createdAt: c.createdAt, visible: c.visible }, c.records);
      const classification = core.classifyConversation(facts);
      core.sumContributions(expected, core.contributionOf(facts, dayOf));
      const visitor = history.visitorOf(c);
      if (visitor.own) {
        visitors.push(visitor.id);
        visitorSeen.push(c.createdAt);
      }
      // stats_dirty left as newConversationRow sets it (the id): every conversation waits for the projector.
      const row = server.newConversationRow({ id: c.id, workspaceId: ws, websiteId, visitorId: visitor.id, now: c.createdAt }, rowFields(c, classification.firstInteractionAt));
      conversations.push(columns.map((col) => row[col]));
      for (const r of c.records) {
        if (r.source === 'chatbot') {
          const dedupeKey = `${r.sessionId}:${Math.floor(r.ordinal / 1000)}:${r.ordinal % 1000}`;
          events.push([idAt(r.at, '3', seq++), ws, c.id, visitor.id, r.chatbotId, r.versionId, r.language, r.event, r.nodeId, r.choiceId, r.reason, r.at, dedupeKey]);
        } else {
          conversationEvents.push([idAt(r.at, '4', seq++), ws, c.id, r.kind, r.sessionId, r.at, r.dedupeKey]);
        }
      }
    }
    const generateMs = performance.now() - t;
    t = performance.now();
    const chunked = async (table, cols, list) => {
      for (let i = 0; i < list.length; i += 10_000) await insertRows(engine, table, cols, list.slice(i, i + 10_000));
    };
    await insertVisitors(engine, { ws, websiteId }, visitors, visitorSeen);
    await chunked('conversations', columns, conversations);
    await chunked('chatbot_events', eventColumns, events);
    await chunked('conversation_events', conversationEventColumns, conversationEvents);
    engine.storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const writeMs = performance.now() - t;
    const { db } = engine.storage;
    const projector = new server.StatisticsProjector({
      db,
      dialect: engine.storage.dialect,
      clock: { now: () => Date.now() },
      conversationInactive: async () => {},
      log: console,
      intervalMs: 1000,
      sweepMs: 60_000,
    });
    log(`  projector: ${num(n)} conversations as raw records (${num(events.length)} chatbot_events, ${num(conversationEvents.length)} conversation_events, all dirty) written in ${secs(writeMs)}; StatisticsProjector.poll()…`);
    t = performance.now();
    const projected = await projector.poll();
    const projectMs = performance.now() - t;
    if (projected !== n) throw new Error(`the projector projected ${projected} of ${n} conversations`);
    const again = await projector.poll();
    const aggregates = await server.readAggregates(db, ws);
    t = performance.now();
    const recount = await server.recountFromRecords(db, ws);
    const recountMs = performance.now() - t;
    const diff = contributionDiff(aggregates, recount);
    if (diff.length > 0) throw new Error(`projector aggregates differ from recountFromRecords:\n${diff.join('\n')}`);
    const generatorDiff = contributionDiff(aggregates, expected);
    if (generatorDiff.length > 0) log(`  WARNING: projector aggregates differ from the generator's own sum:\n    ${generatorDiff.join('\n    ')}`);
    const rate = (n * 1000) / projectMs;
    const recountRate = (n * 1000) / recountMs;
    log(
      `    ${num(projected)} projected in ${secs(projectMs)} → ${num(rate)} conversations/s (second poll: ${again}); recount equal: yes; ` +
        `generator's own sum equal: ${generatorDiff.length === 0 ? 'yes' : 'NO'}; recountFromRecords ${num(recountRate)} conversations/s`,
    );
    return {
      row: {
        name: `projector throughput, ${num(n)} dirty conversations, SQLite`,
        value: rate,
        unit: 'conv/s',
        baseline: recountRate,
        ratio: rate / recountRate,
        notes:
          `StatisticsProjector.poll() (packages/server/dist, batches of 200, default) over ${num(n)} conversations written as raw records into a fresh SQLite database ` +
          `(${num(events.length)} chatbot_events, ${num(conversationEvents.length)} conversation_events, conversations with stats_dirty set; generated in ${secs(generateMs)}, written in ${secs(writeMs)}): ` +
          `${secs(projectMs)}. Baseline: recountFromRecords over the same records (fold only, nothing written), ${secs(recountMs)}. ` +
          `recount equal: yes (readAggregates = recountFromRecords); generator's own sum equal: ${generatorDiff.length === 0 ? 'yes' : 'no'}; a second poll projected ${again}.`,
        details: { conversations: n, events: events.length, conversationEvents: conversationEvents.length, generateMs, writeMs, projectMs, recountMs, recountEqual: true, generatorEqual: generatorDiff.length === 0 },
      },
    };
  }
}
