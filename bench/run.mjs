#!/usr/bin/env node
// `npm run bench`: runs every scenario on this machine, prints a table and
// writes bench/results.json. Each scenario measures its baseline in the same
// run (the bare `ws` relay, or the size budget) and reports value/baseline.
//
//   node bench/run.mjs [--only=relay-throughput,relay-latency,socket-memory,widget-size,bot-step,targeting-eval,stats-queries,metering]
//                      [--quick] [--profile] [--server=path/to/server/dist/index.js] [--out=file]
//
// --profile  adds a separate, profiled Parley throughput run (inspector CPU
//            profile of the server process + SQLite time per statement) and
//            writes bench/profiles/; it does not change the table's figures.
// --cpu-prof starts the relay scenarios' Parley server with `node --cpu-prof` (whole process
//            lifetime, written to bench/profiles/ at exit) and prints its summary.
// --server   benchmarks another build of the server (e.g. a scratch copy).
// --bot-rates=300,500  bot-step also runs its bot open loop at these offered rates (same server,
//            after the main runs; rows marked "sweep").
// --bot-rounds=N  bot-step repeats its plain + bot open loops N times on the same server and reports
//            the round with the median bot p99 (default 3; quick 1).
// --agents=N  agent sockets connected in the relay and bot-step scenarios (default 10).
// --bot-profile  adds a separate, profiled bot-step run (inspector CPU profile of the server +
//            SQLite time per statement) → bench/profiles/bot-step.{cpuprofile,txt}; not in the table
//            (offered rate: --bot-profile-rate=N, default the scenario's rate).
// --stats-conversations=N  stats-queries: conversations in the generated history (default 1 000 000; quick 100 000).
// --stats-pg=URL|none      stats-queries: the PostgreSQL server (a fresh schema is created and dropped;
//            default $PARLEY_BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/test); none: SQLite only.
// --stats-keep  stats-queries: leave its SQLite files and PostgreSQL schema for inspection (printed).
// --metering-conversations=N  metering: first interactions tried (default 50 000; quick 10 000); the limit is N/2.
// --metering-concurrency=K    metering: first interactions in flight (default 64).
// --metering-rounds=R         metering: rounds of (baseline, limit N/2, limit 2N), medians reported (default 3; quick 1).
// --metering-keep             metering: leave its SQLite files for inspection (printed).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientPool } from './lib/client-pool.mjs';
import { textTable } from './lib/table.mjs';
import { startBareRelay, startParley } from './lib/targets.mjs';
import { formatProfileSummary, summarizeProfile } from './lib/profile-summary.mjs';
import * as relayThroughput from './scenarios/relay-throughput.mjs';
import * as relayLatency from './scenarios/relay-latency.mjs';
import * as socketMemory from './scenarios/socket-memory.mjs';
import * as widgetSize from './scenarios/widget-size.mjs';
import * as botStep from './scenarios/bot-step.mjs';
import * as targetingEval from './scenarios/targeting-eval.mjs';
import * as statsQueries from './scenarios/stats-queries.mjs';
import * as metering from './scenarios/metering.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIOS = [widgetSize, targetingEval, relayThroughput, relayLatency, socketMemory, botStep, statsQueries, metering];

function parseArgs(argv) {
  const args = {};
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}`);
    args[m[1]] = m[2] ?? true;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const quick = !!args.quick;
const options = {
  quick,
  serverModule: args.server ? resolve(args.server) : undefined,
  relayVisitors: quick ? 200 : 1000,
  // Agent sockets connected in the relay and bot-step scenarios (--agents=N to see what the fan-out costs).
  agents: typeof args.agents === 'string' ? Number(args.agents) : 10,
  throughput: quick
    ? { warmupMs: 1000, windowMs: 2000, conversationCounts: [100] }
    : { warmupMs: 2000, windowMs: 5000, conversationCounts: [100, 1000] },
  latency: quick
    ? { conversations: 200, rate: 200, warmupMs: 1000, durationMs: 3000 }
    : { conversations: 1000, rate: 1000, warmupMs: 3000, durationMs: 10_000 },
  memory: quick ? { sockets: 200, warmupSockets: 20, settleMs: 600 } : { sockets: 2000, warmupSockets: 50, settleMs: 1500 },
  // bot-step: engine steps/s on one core, then chatbot conversations clicking 1 button/s each (open loop).
  botStep: quick
    ? { engine: { warmupMs: 300, durationMs: 1000 }, conversations: 200, rate: 200, warmupMs: 1000, durationMs: 3000 }
    : { engine: { warmupMs: 1000, durationMs: 5000 }, conversations: 1000, rate: 1000, warmupMs: 3000, durationMs: 10_000, rounds: 3 },
  // stats-queries: a year of history for one workspace, statistics/insights queries on SQLite and PostgreSQL.
  statsQueries: {
    conversations: typeof args['stats-conversations'] === 'string' ? Number(args['stats-conversations']) : quick ? 100_000 : 1_000_000,
    projectorConversations: quick ? 5_000 : 20_000,
    seed: 0x5eed,
    warmup: 5,
    calls: quick ? 50 : 100,
    baselineCalls: 30,
    keep: !!args['stats-keep'],
    pgUrl: args['stats-pg'] === 'none' ? null : typeof args['stats-pg'] === 'string' ? args['stats-pg'] : (process.env.PARLEY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'),
  },
  // metering: closed loop of first interactions (Metering.count in the step transaction) on SQLite, limit = N/2, then exactness.
  metering: {
    conversations: typeof args['metering-conversations'] === 'string' ? Number(args['metering-conversations']) : quick ? 10_000 : 50_000,
    concurrency: typeof args['metering-concurrency'] === 'string' ? Number(args['metering-concurrency']) : 64,
    rounds: typeof args['metering-rounds'] === 'string' ? Number(args['metering-rounds']) : quick ? 1 : 3,
    warmupConversations: quick ? 2_000 : 5_000,
    keep: !!args['metering-keep'],
  },
};
if (typeof args['bot-rates'] === 'string') {
  options.botStep.sweepRates = args['bot-rates'].split(',').map(Number).filter((r) => r > 0);
  options.botStep.sweep = quick ? { warmupMs: 1000, durationMs: 3000 } : { warmupMs: 2000, durationMs: 8000 };
}
if (typeof args['bot-rounds'] === 'string') options.botStep.rounds = Number(args['bot-rounds']);
if (typeof args['bot-profile-rate'] === 'string') options.botStep.profileRate = Number(args['bot-profile-rate']);
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
const outFile = resolve(typeof args.out === 'string' ? args.out : join(here, 'results.json'));

const log = (line) => console.log(line);

// The relay servers (one child process each) and their client workers, started on first use and
// kept for the throughput and latency scenarios so both are measured against the same processes.
const relays = new Map();
async function relay(kind) {
  if (!relays.has(kind)) {
    const started = (async () => {
      const t0 = performance.now();
      const execArgv = kind === 'parley' && args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(here, 'profiles')}`, '--cpu-prof-name=parley-cpu-prof.cpuprofile'] : [];
      const target = kind === 'parley' ? await startParley({ serverModule: options.serverModule, execArgv }) : await startBareRelay();
      // One client process holds every visitor and agent socket: on 2 cores, a second client
      // process took CPU from the server and lowered the bare relay's throughput (see docs/benchmarks.md).
      const pool = await ClientPool.open(target, { visitors: options.relayVisitors, agents: options.agents, visitorWorkers: 1, agentsWithVisitors: true });
      log(`  (${target.label}: ${options.relayVisitors} visitors + ${options.agents} agent sockets ready in ${Math.round(performance.now() - t0)} ms)`);
      return { target, pool };
    })();
    relays.set(kind, started);
  }
  return relays.get(kind);
}
async function closeRelays() {
  for (const started of relays.values()) {
    const { target, pool } = await started;
    await pool.close().catch(() => undefined);
    await target.stop().catch(() => undefined);
  }
  relays.clear();
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '../packages/server', '../packages/core'], { cwd: here, encoding: 'utf8' }).trim();
    return dirty ? `${commit} (server/core modified)` : commit;
  } catch {
    return null;
  }
}

/** A separate Parley throughput run with the server's CPU profiled and SQLite time per statement. */
async function profileRun() {
  const dir = join(here, 'profiles');
  await mkdir(dir, { recursive: true });
  const conversations = quick ? 100 : 1000;
  const windowMs = quick ? 2000 : 5000;
  process.env.BENCH_SQL_TIMING = '1';
  const target = await startParley({ serverModule: options.serverModule });
  delete process.env.BENCH_SQL_TIMING;
  const pool = await ClientPool.open(target, { visitors: conversations, agents: options.agents, visitorWorkers: 1, agentsWithVisitors: true });
  try {
    log(`  profiling Parley: ${conversations} conversations, closed loop, ${windowMs} ms profiled…`);
    const loop = pool.closedLoop({ conversations, warmupMs: 2000, windowMs: windowMs + 1000 });
    await new Promise((r) => setTimeout(r, 2500));
    // The profiler window and the SQL timers start and stop together on the server's own event loop;
    // messages are counted there too (parley_messages_total), so per-message figures share one window.
    const start = await target.child.request('profile-start', { intervalUs: 500 });
    await new Promise((r) => setTimeout(r, windowMs));
    const file = join(dir, 'parley-throughput.cpuprofile');
    const stop = await target.child.request('profile-stop', { file });
    const sql = stop.report ?? [];
    const messages = stop.messages - start.messages;
    const profiledRate = (messages * 1000) / (stop.t - start.t);
    const result = await loop;
    const { readFile } = await import('node:fs/promises');
    const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')), { top: 30 });
    const sqlTotal = sql.reduce((s, e) => s + e.ms, 0);
    const sqlLines = sql.slice(0, 12).map(
      (e) => `${e.ms.toFixed(0).padStart(6)} ms  ${String(e.calls).padStart(7)} calls  ${e.usPerCall.toFixed(1).padStart(6)} µs/call  ${((e.ms * 1000) / messages).toFixed(1).padStart(6)} µs/msg  ${e.sql.length > 110 ? `${e.sql.slice(0, 107)}…` : e.sql}`,
    );
    const text = [
      `Parley throughput under the profiler: ${Math.round(profiledRate)} msg/s (${conversations} conversations, ${messages} messages in the profiled window; profiling and SQL timing slow it down)`,
      `server ${result.serverCpu.toFixed(2)} core, event loop ${Math.round(result.serverElu * 100)} % busy; ≈ ${((summary.busyMs * 1000) / messages).toFixed(0)} µs of server main-thread time per message`,
      '',
      formatProfileSummary(summary, { top: 30, inclusiveTop: 40 }),
      '',
      `SQLite time per statement (better-sqlite3 calls timed, ${windowMs} ms window): ${sqlTotal.toFixed(0)} ms total, ≈ ${((sqlTotal * 1000) / messages).toFixed(0)} µs per message`,
      ...sqlLines,
      '',
      'slow SQLite calls (> 1 ms; WAL auto-checkpoints run inside COMMIT and fsync):',
      ...sql.filter((e) => e.over1ms > 0).slice(0, 6).map((e) => `${String(e.over1ms).padStart(6)} calls > 1 ms, ${e.over1msTotalMs.toFixed(0)} ms in them, max ${e.maxMs.toFixed(1)} ms  ${e.sql.slice(0, 80)}`),
    ].join('\n');
    await writeFile(join(dir, 'parley-throughput.txt'), `${text}\n`);
    log(text.split('\n').map((l) => `    ${l}`).join('\n'));
    return { file, throughput: profiledRate, messages, categories: summary.categories.slice(0, 15), topSelf: summary.topSelf.slice(0, 20), sql: sql.slice(0, 12) };
  } finally {
    await pool.close();
    await target.stop();
  }
}

async function main() {
  const startedAt = new Date();
  const cpus = os.cpus();
  const meta = {
    date: startedAt.toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    commit: gitCommit(),
    server: options.serverModule ?? 'packages/server/dist/index.js',
    mode: quick ? 'quick' : 'full',
    method:
      'Each server runs in its own child process; load comes from one client child process (visitor and agent sockets); all share the machine’s cores. ' +
      'Throughput: closed loop at saturation. Latency: open loop at a fixed offered rate. Baselines measured in the same run.',
  };
  log(`Parley bench — ${meta.date}, Node ${meta.node}, ${meta.cpus} × ${meta.cpuModel}, load ${meta.loadAverageAtStart.join(' ')}`);

  const ctx = { options, relay, log };
  const results = [];
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.has(scenario.id)) continue;
      log(`\n▶ ${scenario.id}`);
      const t0 = performance.now();
      const rows = await scenario.run(ctx);
      results.push(...rows.map((r) => ({ scenario: scenario.id, ...r })));
      log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await closeRelays();
  }
  if (args['cpu-prof']) {
    const { readFile } = await import('node:fs/promises');
    const file = join(here, 'profiles', 'parley-cpu-prof.cpuprofile');
    const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')), { top: 25 });
    const text = formatProfileSummary(summary, { top: 25, inclusiveTop: 30 });
    await writeFile(join(here, 'profiles', 'parley-cpu-prof.txt'), `${text}\n`);
    log(`\n▶ node --cpu-prof of the Parley server (whole process: setup and every relay scenario) — ${file}`);
    log(text.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  let profile = null;
  if (args.profile) {
    log('\n▶ profile (separate run; not part of the table)');
    profile = await profileRun();
  }

  let botProfile = null;
  if (args['bot-profile']) {
    log('\n▶ bot-step profile (separate run; not part of the table)');
    botProfile = await botStep.profileRun(ctx);
  }

  meta.durationSeconds = Number(((Date.now() - startedAt.getTime()) / 1000).toFixed(1));
  log(`\n${textTable(results)}\n`);
  const missed = results.filter((r) => r.met === false);
  if (missed.length) log(`targets missed: ${missed.map((r) => r.name).join('; ')}`);
  if (!only || args.out) {
    await writeFile(outFile, `${JSON.stringify({ meta, results, ...(profile ? { profile } : {}), ...(botProfile ? { botProfile } : {}) }, null, 2)}\n`);
    log(`wrote ${outFile} (${meta.durationSeconds} s)`);
  } else {
    log('(--only: results.json left alone; pass --out=file to write)');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
