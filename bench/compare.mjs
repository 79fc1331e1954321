#!/usr/bin/env node
// A/B helper for server changes: interleaves closed-loop throughput runs of the
// bare relay and one or more Parley builds, several rounds, and prints medians.
// Interleaving matters on a shared 2-core machine where background load drifts.
//
//   node bench/compare.mjs [--server=path/to/dist/index.js ...] [--rounds=3] [--conversations=1000] [--window=5000]
//
// Without --server it compares the bare relay with packages/server/dist.
import { resolve } from 'node:path';
import { ClientPool } from './lib/client-pool.mjs';
import { startBareRelay, startParley } from './lib/targets.mjs';

const argv = process.argv.slice(2);
const servers = argv.filter((a) => a.startsWith('--server=')).map((a) => resolve(a.slice('--server='.length)));
const opt = (name, fallback) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = opt('rounds', 3);
const conversations = opt('conversations', 1000);
const windowMs = opt('window', 5000);
const warmupMs = opt('warmup', 2000);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const variants = [{ name: 'bare ws relay', start: () => startBareRelay() }];
for (const server of servers.length ? servers : [undefined]) {
  variants.push({ name: server ?? 'packages/server/dist', start: () => startParley({ serverModule: server }) });
}

for (const v of variants) {
  v.target = await v.start();
  v.pool = await ClientPool.open(v.target, { visitors: conversations, agents: 10, visitorWorkers: 1, agentsWithVisitors: true });
  v.runs = [];
}
try {
  for (let round = 1; round <= rounds; round++) {
    for (const v of variants) {
      const r = await v.pool.closedLoop({ conversations, warmupMs, windowMs });
      v.runs.push(r);
      console.log(`round ${round}  ${v.name}: ${Math.round(r.throughput)} msg/s, ${((r.serverCpu / r.throughput) * 1e6).toFixed(0)} µs CPU/msg, delivered ${r.delivered}/${r.expectedDeliveries}`);
    }
  }
} finally {
  for (const v of variants) {
    await v.pool.close().catch(() => undefined);
    await v.target.stop().catch(() => undefined);
  }
}
const bare = variants[0];
console.log(`\nmedians over ${rounds} rounds, ${conversations} conversations, closed loop:`);
for (const v of variants) {
  const tput = median(v.runs.map((r) => r.throughput));
  const ratios = v.runs.map((r, i) => r.throughput / bare.runs[i].throughput);
  const cpu = median(v.runs.map((r) => (r.serverCpu / r.throughput) * 1e6));
  console.log(`${v.name.padEnd(60)} ${String(Math.round(tput)).padStart(7)} msg/s  ratio ${median(ratios).toFixed(3)}  ${cpu.toFixed(0).padStart(5)} µs CPU/msg`);
}
