// Bench-only diagnostics: wraps better-sqlite3's Statement methods to total
// the time spent in SQLite per SQL text. Loaded by parley-server.mjs when
// BENCH_SQL_TIMING=1, before the server is imported. Adds ~0.2 µs per call.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));

export function installSqlTiming() {
  const Database = require('better-sqlite3');
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  const stats = new Map();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = proto[method];
    proto[method] = function timed(...args) {
      const t0 = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const ns = Number(process.hrtime.bigint() - t0);
        const key = this.source;
        const entry = stats.get(key) ?? { sql: key, calls: 0, ms: 0, maxMs: 0, over1ms: 0, over1msTotalMs: 0 };
        const ms = ns / 1e6;
        entry.calls++;
        entry.ms += ms;
        if (ms > entry.maxMs) entry.maxMs = ms;
        if (ms > 1) {
          entry.over1ms++;
          entry.over1msTotalMs += ms;
        }
        stats.set(key, entry);
      }
    };
  }
  return {
    reset: () => stats.clear(),
    report: () => [...stats.values()].sort((a, b) => b.ms - a.ms).map((e) => ({ ...e, usPerCall: (1000 * e.ms) / e.calls })),
  };
}
