// Scenario (a2): relay latency, open loop at a fixed offered rate
// (1 000 conversations × 1 message/s), beside the bare `ws` relay.
export const id = 'relay-latency';

const P99_TARGET_MS = 20;
const P99_AIM_MS = 5;

const ms = (v) => `${v.toFixed(2)} ms`;

export async function run(ctx) {
  const { conversations, rate, warmupMs, durationMs } = ctx.options.latency;
  const results = {};
  for (const kind of ['bare', 'parley']) {
    const { pool } = await ctx.relay(kind);
    ctx.log(`  ${kind}: ${conversations} conversations × ${rate / conversations} msg/s = ${rate} msg/s, ${warmupMs} ms warm-up + ${durationMs} ms measured…`);
    const r = await pool.openLoop({ conversations, rate, warmupMs, durationMs });
    results[kind] = r;
    ctx.log(
      `    send→agent p50 ${ms(r.agentLatency.p50)} p99 ${ms(r.agentLatency.p99)} max ${ms(r.agentLatency.max)}; ` +
        `send→ack p50 ${ms(r.ackLatency.p50)} p99 ${ms(r.ackLatency.p99)}; sent ${r.measuredSent} (${Math.round(r.achievedRate)}/s), ` +
        `unacked ${r.unacked}, undelivered ${r.undelivered}, client schedule lag p99 ${ms(r.scheduleLag.p99)}`,
    );
  }
  const { bare, parley } = results;
  const common =
    `Open loop: ${rate} msg/s offered by ${conversations} visitors (1 msg/s each, spread evenly, timer-driven), ` +
    `${durationMs / 1000} s measured after ${warmupMs / 1000} s warm-up; 10 agent sockets; latency from handing the frame to the socket ` +
    `to the agent socket receiving the message frame (${parley.agentLatency.count.toLocaleString('en-US')} Parley samples). `;
  const loss = `Parley unacked ${parley.unacked}, undelivered agent frames ${parley.undelivered}; bare ${bare.unacked}/${bare.undelivered}. ` +
    `Client schedule lag p99 ${ms(parley.scheduleLag.p99)} (Parley run), ${ms(bare.scheduleLag.p99)} (bare).`;
  const row = (name, pick, extra = {}) => ({
    name,
    value: pick(parley),
    unit: 'ms',
    baseline: pick(bare),
    ratio: pick(parley) / pick(bare),
    ...extra,
    notes: common + loss,
  });
  const label = `${rate.toLocaleString('en-US').replace(',', ' ')} msg/s`;
  const withinTarget = parley.unacked === 0 && parley.undelivered === 0;
  return [
    row(`relay latency p50, send→agent, ${label}`, (r) => r.agentLatency.p50),
    row(`relay latency p99, send→agent, ${label}`, (r) => r.agentLatency.p99, {
      target: `≤ ${P99_TARGET_MS} ms, aim ${P99_AIM_MS} ms`,
      met: parley.agentLatency.p99 <= P99_TARGET_MS && withinTarget,
    }),
    row(`relay latency max, send→agent, ${label}`, (r) => r.agentLatency.max),
    row(`relay latency p50, send→ack, ${label}`, (r) => r.ackLatency.p50),
    row(`relay latency p99, send→ack, ${label}`, (r) => r.ackLatency.p99),
  ].map((r, i) => (i === 0 ? { ...r, details: { parley, bare } } : r));
}
