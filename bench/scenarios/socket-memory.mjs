// Scenario (b): idle memory per visitor socket. Fresh servers started with
// --expose-gc; memory after a warm-up, then after N more idle visitor sockets
// (session + hello/presence), both measured after forced GCs and settling.
import { ClientPool } from '../lib/client-pool.mjs';
import { startBareRelay, startParley } from '../lib/targets.mjs';

export const id = 'socket-memory';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(ctx, kind, { sockets, warmupSockets, settleMs }) {
  const start = kind === 'parley' ? startParley : startBareRelay;
  const target = await start({ execArgv: ['--expose-gc'], serverModule: ctx.options.serverModule });
  try {
    // Warm-up: load the code paths (HTTP session, upgrade, presence) before the first measurement.
    const warm = await ClientPool.open(target, { visitors: warmupSockets, agents: 0, visitorWorkers: 1, agentsWithVisitors: true });
    await sleep(500);
    const before = await target.child.request('memory', { settleMs });
    const t0 = performance.now();
    const pool = await ClientPool.open(target, { visitors: sockets, agents: 0, visitorWorkers: 1, agentsWithVisitors: true });
    const openMs = performance.now() - t0;
    await sleep(1000);
    const after = await target.child.request('memory', { settleMs });
    await pool.close();
    await warm.close();
    const per = (key) => (after[key] - before[key]) / sockets;
    return {
      sockets,
      openMs,
      gcForced: after.gcForced,
      before,
      after,
      rss: per('rss'),
      heapUsed: per('heapUsed'),
      external: per('external'),
      arrayBuffers: per('arrayBuffers'),
    };
  } finally {
    await target.stop();
  }
}

export async function run(ctx) {
  const opts = ctx.options.memory;
  const results = {};
  for (const kind of ['bare', 'parley']) {
    ctx.log(`  ${kind}: ${opts.sockets} idle visitor sockets…`);
    results[kind] = await measure(ctx, kind, opts);
    const r = results[kind];
    ctx.log(`    RSS +${Math.round(r.rss)} B/socket, heap +${Math.round(r.heapUsed)} B/socket, external +${Math.round(r.external)} B/socket (opened in ${Math.round(r.openMs)} ms)`);
  }
  const { bare, parley } = results;
  const notes =
    `${opts.sockets} idle visitor sockets opened after ${opts.warmupSockets} warm-up sockets; Parley sockets each did POST /api/v1/widget/session first ` +
    `and waited for hello + presence; memory after forced GC (${parley.gcForced ? '--expose-gc' : 'GC not exposed'}) and ${opts.settleMs} ms settling, delta ÷ sockets. ` +
    `RSS also holds SQLite page cache and allocator slack, so the heap figure is the more stable one.`;
  return [
    {
      name: 'idle memory per visitor socket (RSS)',
      value: parley.rss,
      unit: 'B',
      baseline: bare.rss,
      ratio: parley.rss / bare.rss,
      notes,
      details: { parley, bare },
    },
    {
      name: 'idle memory per visitor socket (JS heap)',
      value: parley.heapUsed,
      unit: 'B',
      baseline: bare.heapUsed,
      ratio: parley.heapUsed / bare.heapUsed,
      notes: `heapUsed delta ÷ sockets; external (Buffers) Parley ${Math.round(parley.external)} B, bare ${Math.round(bare.external)} B per socket.`,
    },
  ];
}
