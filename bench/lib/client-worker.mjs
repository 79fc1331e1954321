// Child-process entry: a load-generating client. Holds visitor and/or agent
// sockets against one target server (Parley or the bare relay) and runs
// closed-loop (throughput) or open-loop (latency) traffic on request.
//
// Frames are classified by their first bytes instead of JSON.parse so the
// client spends as little CPU as possible per frame (it shares the 2 cores
// with the server under test).
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Samples } from './stats.mjs';

const ORIGIN = 'https://shop.northwind.example';
const TEXT = 'Hi! Is the Ethiopia Yirgacheffe available in 1 kg bags?';
const MESSAGE_HEAD = '{"type":"message",';
const ACK_HEAD = '{"type":"message.ack",';
const ERROR_HEAD = '{"type":"error"';
const CLIENT_ID_KEY = '"clientId":"';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const workerTag = process.env.BENCH_WORKER_TAG ?? `w${process.pid}`;

const counters = { sent: 0, acks: 0, errors: 0, visitorFrames: 0, agentFrames: 0, agentMessages: 0 };
let firstError = null;
let target = null;
const visitors = [];
const agents = [];
let runCounter = 0;

/** The active run: closed loop or open loop (null when idle). */
let run = null;

function clientIdOf(text) {
  const i = text.indexOf(CLIENT_ID_KEY);
  if (i < 0) return null;
  const from = i + CLIENT_ID_KEY.length;
  return text.slice(from, text.indexOf('"', from));
}

function wsBase(url) {
  return url.replace(/^http/, 'ws');
}

/** Opens a socket and resolves once a frame whose head starts with `readyHead` arrives. */
function openSocket(url, headers, readyHead, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`no ${readyHead} on ${url} within 30 s`)), 30_000);
    ws.on('message', (data) => {
      if (!ready && data.toString('latin1', 0, readyHead.length) === readyHead) {
        ready = true;
        clearTimeout(timer);
        resolve(ws);
      }
      onFrame(data);
    });
    ws.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused: HTTP ${response.statusCode}`));
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      if (!ready) reject(error);
    });
  });
}

// ─── visitors ───────────────────────────────────────────────────────────────

function onVisitorFrame(visitor, data) {
  counters.visitorFrames++;
  const head = data.toString('latin1', 0, ACK_HEAD.length);
  if (head === ACK_HEAD) {
    counters.acks++;
    run?.onAck(visitor, data);
  } else if (head.startsWith(ERROR_HEAD)) {
    counters.errors++;
    firstError ??= data.toString();
    run?.onError(visitor, data);
  }
}

async function widgetSession() {
  const response = await fetch(`${target.url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) parley-bench' },
    body: JSON.stringify({
      websiteKey: target.websiteKey,
      language: 'en',
      page: { url: `${ORIGIN}/products/yirgacheffe`, title: 'Yirgacheffe – Northwind Coffee', referrer: '' },
    }),
  });
  if (!response.ok) throw new Error(`widget session: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function connectVisitor(index) {
  const visitor = { index, ws: null, busy: false, n: 0 };
  let url;
  if (target.kind === 'parley') {
    const session = await widgetSession();
    url = `${wsBase(target.url)}/ws/visitor?token=${encodeURIComponent(session.token)}`;
  } else {
    url = `${wsBase(target.url)}/ws/visitor`;
  }
  // Parley sends hello then presence; ready = the presence frame. The bare relay sends hello only.
  const readyHead = target.kind === 'parley' ? '{"type":"presence"' : '{"type":"hello"';
  visitor.ws = await openSocket(url, { origin: ORIGIN }, readyHead, (data) => onVisitorFrame(visitor, data));
  visitors.push(visitor);
}

function sendMessage(visitor, clientId) {
  visitor.ws.send(`{"type":"message.send","clientId":"${clientId}","text":"${TEXT}"}`);
  counters.sent++;
}

// ─── agents ─────────────────────────────────────────────────────────────────

function onAgentFrame(data) {
  const now = performance.now();
  counters.agentFrames++;
  if (data.length > MESSAGE_HEAD.length && data.toString('latin1', 0, MESSAGE_HEAD.length) === MESSAGE_HEAD) {
    counters.agentMessages++;
    run?.onAgentMessage(data, now);
  }
}

async function connectAgent() {
  const headers = target.cookie ? { cookie: target.cookie } : {};
  const readyHead = target.kind === 'parley' ? '{"type":"presence"' : '{"type":"hello"';
  agents.push(await openSocket(`${wsBase(target.url)}/ws/agent`, headers, readyHead, onAgentFrame));
}

// ─── runs ───────────────────────────────────────────────────────────────────

/** Closed loop: each active visitor keeps exactly one message in flight. */
function closedLoop(active) {
  const prefix = `${workerTag}r${++runCounter}-`;
  let running = true;
  const next = (visitor) => {
    visitor.busy = true;
    sendMessage(visitor, `${prefix}${visitor.index}-${++visitor.n}`);
  };
  const done = (visitor) => {
    visitor.busy = false;
    if (running) next(visitor);
  };
  run = {
    onAck: done,
    onError: done,
    onAgentMessage() {},
    async stop() {
      running = false;
      const deadline = performance.now() + 10_000;
      while (active.some((v) => v.busy) && performance.now() < deadline) await sleep(10);
      return { stillInFlight: active.filter((v) => v.busy).length };
    },
  };
  for (const visitor of active) next(visitor);
}

/**
 * Open loop: `rate` messages/s spread evenly over the active visitors,
 * scheduled by the clock (never by acks). Latency is measured from the moment
 * the frame is handed to the socket to the ack (sender) and to each agent
 * socket receiving the `message` frame.
 */
async function openLoop(active, { rate, warmupMs, durationMs }) {
  const prefix = `${workerTag}o${++runCounter}-`;
  const agentLatency = new Samples();
  const ackLatency = new Samples();
  const pending = new Map();
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  let k = 0;
  let measuredSent = 0;
  let maxLag = 0;
  const lags = new Samples();
  const agentCount = agents.length;
  const settle = (clientId, entry) => {
    if (entry.acked && entry.remaining === 0) pending.delete(clientId);
  };
  run = {
    onAck(_visitor, data) {
      const now = performance.now();
      const clientId = clientIdOf(data.toString());
      const entry = pending.get(clientId);
      if (!entry) return;
      entry.acked = true;
      if (entry.measured) ackLatency.add(now - entry.t);
      settle(clientId, entry);
    },
    onError() {},
    onAgentMessage(data, now) {
      const clientId = clientIdOf(data.toString());
      const entry = pending.get(clientId);
      if (!entry) return;
      entry.remaining--;
      if (entry.measured) agentLatency.add(now - entry.t);
      settle(clientId, entry);
    },
  };
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      for (;;) {
        const due = start + k * interval;
        if (due >= end) {
          clearInterval(timer);
          resolve();
          return;
        }
        if (due > now) return;
        const visitor = active[k % active.length];
        const clientId = `${prefix}${k}`;
        const t = performance.now();
        sendMessage(visitor, clientId);
        const measured = due >= measureFrom;
        pending.set(clientId, { t, measured, acked: false, remaining: agentCount });
        if (measured) {
          measuredSent++;
          lags.add(t - due);
          maxLag = Math.max(maxLag, t - due);
        }
        k++;
      }
    }, 1);
  });
  const sendingEnded = performance.now();
  // Drain: wait for the last acks and agent deliveries.
  const deadline = performance.now() + 10_000;
  while (pending.size > 0 && performance.now() < deadline) await sleep(10);
  let unacked = 0;
  let undelivered = 0;
  for (const entry of pending.values()) {
    if (!entry.measured) continue;
    if (!entry.acked) unacked++;
    undelivered += entry.remaining;
  }
  run = null;
  return {
    sent: k,
    measuredSent,
    offeredRate: rate,
    achievedRate: measuredSent / (durationMs / 1000),
    agents: agentCount,
    agentLatency: agentLatency.summary(),
    ackLatency: ackLatency.summary(),
    scheduleLag: { ...lags.summary(), max: maxLag },
    unacked,
    undelivered,
    drainMs: performance.now() - sendingEnded,
  };
}

// ─── IPC ────────────────────────────────────────────────────────────────────

async function pool(count, concurrency, task) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  });
  await Promise.all(runners);
}

const commands = {
  async setup(msg) {
    target = msg.target;
    const t0 = performance.now();
    for (let i = 0; i < (msg.agents ?? 0); i++) await connectAgent();
    const base = visitors.length;
    await pool(msg.visitors ?? 0, msg.concurrency ?? 32, (i) => connectVisitor(base + i));
    return { visitors: visitors.length, agents: agents.length, setupMs: performance.now() - t0 };
  },
  async mark() {
    return { t: performance.now(), cpu: process.cpuUsage(), ...counters, firstError };
  },
  async closed(msg) {
    closedLoop(visitors.slice(0, msg.count ?? visitors.length));
    return true;
  },
  async stopClosed() {
    const result = await run.stop();
    run = null;
    return { ...result, t: performance.now(), ...counters };
  },
  async open(msg) {
    return openLoop(visitors.slice(0, msg.count ?? visitors.length), msg);
  },
  async closeAll() {
    const sockets = [...visitors.map((v) => v.ws), ...agents];
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            ws.once('close', resolve);
            ws.close();
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000).unref();
          }),
      ),
    );
    visitors.length = 0;
    agents.length = 0;
    return true;
  },
  async stop() {
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', async (msg) => {
  try {
    const handler = commands[msg.cmd];
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    process.send({ id: msg.id, ok: true, result: await handler(msg) });
  } catch (error) {
    process.send({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, pid: process.pid });
