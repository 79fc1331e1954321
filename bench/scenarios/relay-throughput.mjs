// Scenario (a1): persisted visitor→agent relay throughput, closed loop at
// saturation, beside the bare `ws` relay in the same run.
export const id = 'relay-throughput';

const TARGET_RATIO = 0.5;
const AIM_RATIO = 0.75;

function cpuNote(r) {
  return `server ${r.serverCpu.toFixed(2)} core (event loop ${Math.round(r.serverElu * 100)} % busy), client ${r.clientCpu.toFixed(2)} core`;
}

function deliveryNote(r) {
  const pct = r.expectedDeliveries ? (100 * r.delivered) / r.expectedDeliveries : 0;
  return `agents got ${r.delivered.toLocaleString('en-US')}/${r.expectedDeliveries.toLocaleString('en-US')} message frames (${pct.toFixed(1)} %)`;
}

export async function run(ctx) {
  const { warmupMs, windowMs, conversationCounts } = ctx.options.throughput;
  const rows = [];
  for (const conversations of conversationCounts) {
    const results = {};
    for (const kind of ['bare', 'parley']) {
      const { pool } = await ctx.relay(kind);
      ctx.log(`  ${kind}: ${conversations} conversations, closed loop, ${warmupMs} ms warm-up + ${windowMs} ms window…`);
      results[kind] = await pool.closedLoop({ conversations, warmupMs, windowMs });
      const r = results[kind];
      ctx.log(`    ${Math.round(r.throughput).toLocaleString('en-US')} msg/s; ${deliveryNote(r)}; ${cpuNote(r)}${r.errors ? `; ${r.errors} error frames: ${r.firstError}` : ''}`);
    }
    const { bare, parley } = results;
    const ratio = parley.throughput / bare.throughput;
    const complete = (r) => r.delivered >= r.expectedDeliveries && r.errors === 0;
    rows.push({
      name: `relay throughput, ${conversations.toLocaleString('en-US')} conversations`,
      value: parley.throughput,
      unit: 'msg/s',
      baseline: bare.throughput,
      ratio,
      target: `≥ ${TARGET_RATIO}× bare, aim ${AIM_RATIO}×`,
      met: ratio >= TARGET_RATIO && complete(parley),
      notes:
        `Closed loop: ${conversations} visitors each keep one message.send in flight; acks/s over ${windowMs / 1000} s after ${warmupMs / 1000} s warm-up; ` +
        `10 agent sockets. Parley: ${deliveryNote(parley)}, ${parley.errors} errors, ${cpuNote(parley)}. ` +
        `Bare: ${deliveryNote(bare)}, ${cpuNote(bare)}.`,
      details: { parley, bare },
    });
    if (conversations === conversationCounts[conversationCounts.length - 1]) {
      // Server CPU time per relayed message: less sensitive than msg/s to other load on a shared machine.
      const perMessage = (r) => (r.serverCpu / r.throughput) * 1e6;
      rows.push({
        name: `server CPU per message, ${conversations.toLocaleString('en-US')} conversations`,
        value: perMessage(parley),
        unit: 'µs',
        baseline: perMessage(bare),
        ratio: perMessage(parley) / perMessage(bare),
        notes: 'Server process user+system CPU time over the throughput window ÷ messages acked in it (same closed-loop runs as above).',
      });
    }
  }
  return rows;
}
