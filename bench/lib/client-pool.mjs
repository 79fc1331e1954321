// A set of client worker processes against one target: visitor sockets spread
// over `visitorWorkers` processes, the agent sockets in a process of their own
// (or in the first visitor worker when `agentsWithVisitors`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './child.mjs';
import { targetInfo } from './targets.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function split(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export class ClientPool {
  constructor(target, visitorWorkers, agentWorker, visitorCounts, agents) {
    this.target = target;
    this.visitorWorkers = visitorWorkers;
    this.agentWorker = agentWorker;
    this.visitorCounts = visitorCounts;
    this.agents = agents;
  }

  static async open(target, { visitors, agents = 10, visitorWorkers = 1, agentsWithVisitors = false }) {
    const info = targetInfo(target);
    const workers = await Promise.all(
      Array.from({ length: visitorWorkers }, (_, i) =>
        startChild(join(here, 'client-worker.mjs'), { label: `client worker ${i}`, env: { BENCH_WORKER_TAG: `v${i}` } }),
      ),
    );
    const agentWorker = agentsWithVisitors ? workers[0] : await startChild(join(here, 'client-worker.mjs'), { label: 'agent worker', env: { BENCH_WORKER_TAG: 'a' } });
    await agentWorker.request('setup', { target: info, agents, visitors: 0 });
    const counts = split(visitors, visitorWorkers);
    await Promise.all(workers.map((w, i) => w.request('setup', { target: info, visitors: counts[i], agents: 0 })));
    return new ClientPool(target, workers, agentWorker, counts, agents);
  }

  get processes() {
    return [...new Set([...this.visitorWorkers, this.agentWorker])];
  }

  async #marks() {
    const [visitorMarks, agentMark] = await Promise.all([Promise.all(this.visitorWorkers.map((w) => w.request('mark'))), this.agentWorker.request('mark')]);
    return { visitorMarks, agentMark };
  }

  /**
   * Closed loop at saturation with `conversations` visitors each keeping one
   * message in flight; counts acks (and agent deliveries) over `windowMs`
   * after `warmupMs`. Also samples server and client CPU over the window.
   */
  async closedLoop({ conversations, warmupMs, windowMs }) {
    const counts = split(conversations, this.visitorWorkers.length);
    const before = await this.#marks();
    await Promise.all(this.visitorWorkers.map((w, i) => w.request('closed', { count: counts[i] })));
    await sleep(warmupMs);
    const [a, cpuA] = await Promise.all([this.#marks(), this.target.child.request('cpu')]);
    await sleep(windowMs);
    const [b, cpuB] = await Promise.all([this.#marks(), this.target.child.request('cpu')]);
    const stopped = await Promise.all(this.visitorWorkers.map((w) => w.request('stopClosed')));

    // Throughput: each worker's acks over its own clock, summed.
    let throughput = 0;
    let windowAcks = 0;
    this.visitorWorkers.forEach((_, i) => {
      const acks = b.visitorMarks[i].acks - a.visitorMarks[i].acks;
      windowAcks += acks;
      throughput += acks / ((b.visitorMarks[i].t - a.visitorMarks[i].t) / 1000);
    });
    const agentWindowSec = (b.agentMark.t - a.agentMark.t) / 1000;
    const agentMessageRate = (b.agentMark.agentMessages - a.agentMark.agentMessages) / agentWindowSec / this.agents;

    // Verification: after the loop stops, every acked message reached every agent socket.
    const totalAcks = stopped.reduce((s, r, i) => s + r.acks - before.visitorMarks[i].acks, 0);
    const expected = totalAcks * this.agents;
    let delivered = 0;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mark = await this.agentWorker.request('mark');
      delivered = mark.agentMessages - before.agentMark.agentMessages;
      if (delivered >= expected || Date.now() > deadline) break;
      await sleep(20);
    }
    const errors = stopped.reduce((s, r, i) => s + r.errors - before.visitorMarks[i].errors, 0);
    const cpuSeconds = (x, y) => (y.user - x.user + y.system - x.system) / 1e6;
    const serverWindow = (cpuB.t - cpuA.t) / 1000;
    const clientCpu =
      this.processes.reduce((s, p) => {
        const i = this.visitorWorkers.indexOf(p);
        const [x, y] = i >= 0 ? [a.visitorMarks[i].cpu, b.visitorMarks[i].cpu] : [a.agentMark.cpu, b.agentMark.cpu];
        return s + cpuSeconds(x, y);
      }, 0) / serverWindow;
    return {
      conversations,
      throughput,
      windowAcks,
      agentMessageRate,
      totalAcks,
      expectedDeliveries: expected,
      delivered,
      errors,
      firstError: b.visitorMarks.find((m) => m.firstError)?.firstError ?? null,
      serverCpu: cpuSeconds(cpuA.usage, cpuB.usage) / serverWindow,
      serverElu: (cpuB.elu.active - cpuA.elu.active) / (cpuB.elu.active - cpuA.elu.active + cpuB.elu.idle - cpuA.elu.idle),
      clientCpu,
    };
  }

  /** Open loop from the first worker, which must also hold the agents. */
  async openLoop({ conversations, rate, warmupMs, durationMs }) {
    if (this.agentWorker !== this.visitorWorkers[0]) throw new Error('open loop needs agentsWithVisitors (one clock for send and receive)');
    return this.visitorWorkers[0].request('open', { count: conversations, rate, warmupMs, durationMs });
  }

  async close() {
    await Promise.all(this.processes.map((p) => p.request('closeAll').catch(() => undefined)));
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}
