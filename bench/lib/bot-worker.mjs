// Child-process entry: the load generator of the `bot-step` scenario. Holds,
// against one Parley server:
//   - agent sockets (frames only counted),
//   - "plain" visitor sockets: live chat, `message.send` → `message.ack`,
//   - "bot" visitor sockets: each opened the chat box (`chatbot.open`) and sits
//     in its own chatbot conversation, waiting at the flow's buttons.
// and runs open-loop traffic on request, timed on this process's clock.
//
// Frames of visitors are JSON-parsed (a bot visitor must read the chatbot's
// state and buttons); at ≈ 4 frames per click that is a few % of a core.
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Samples } from './stats.mjs';

const ORIGIN = 'https://shop.northwind.example';
const TEXT = 'Hi! Is the Ethiopia Yirgacheffe available in 1 kg bags?';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const workerTag = process.env.BENCH_WORKER_TAG ?? `b${process.pid}`;

let target = null;
const agents = [];
const plainVisitors = [];
const botVisitors = [];
const counters = { agentFrames: 0, visitorFrames: 0, errorFrames: 0 };
const errorCodes = {};
let firstError = null;
let runCounter = 0;
/** The active open-loop run (null when idle): gets acks, errors and chatbot messages. */
let run = null;

// This process's own pauses (GC, event-loop delay), so client stalls can be told apart from server latency.
const gcPauses = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ t: entry.startTime, ms: entry.duration, kind: entry.detail?.kind ?? entry.kind });
}).observe({ entryTypes: ['gc'] });
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

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
      const now = performance.now();
      if (!ready && data.toString('latin1', 0, readyHead.length) === readyHead) {
        ready = true;
        clearTimeout(timer);
        resolve(ws);
      }
      onFrame(data, now);
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

function noteError(frame) {
  counters.errorFrames++;
  errorCodes[frame.code] = (errorCodes[frame.code] ?? 0) + 1;
  firstError ??= JSON.stringify(frame);
}

// ─── visitors ───────────────────────────────────────────────────────────────

/** A visitor socket; `bot` visitors track their conversation, the chatbot's state and its latest buttons. */
async function connectVisitor(index, bot) {
  const visitor = {
    index,
    bot,
    ws: null,
    n: 0,
    conversationId: null,
    chatbot: null,
    buttons: null,
    buttonsNodeId: null,
    chatbotMessages: 0,
    /** Recent chatbot `message` frames of this conversation: {seq, t}. */
    arrivals: [],
    /** Acked clicks still waiting for the chatbot's reply (seq after the ack's), oldest first. */
    waiting: [],
    onReady: null,
  };
  const session = await widgetSession();
  const url = `${wsBase(target.url)}/ws/visitor?token=${encodeURIComponent(session.token)}`;
  visitor.ws = await openSocket(url, { origin: ORIGIN }, '{"type":"presence"', (data, now) => onVisitorFrame(visitor, data, now));
  return visitor;
}

function onVisitorFrame(visitor, data, now) {
  counters.visitorFrames++;
  const frame = JSON.parse(data.toString());
  switch (frame.type) {
    case 'message.ack':
      run?.onAck(visitor, frame, now);
      return;
    case 'error':
      noteError(frame);
      run?.onError(visitor, frame, now);
      return;
    case 'conversation': {
      const c = frame.conversation;
      if (!visitor.bot) return;
      visitor.conversationId = c.id;
      if (c.chatbot) visitor.chatbot = c.chatbot;
      visitor.onReady?.();
      return;
    }
    case 'message': {
      const m = frame.message;
      if (!visitor.bot || m.author?.type !== 'chatbot') return;
      visitor.chatbotMessages++;
      visitor.conversationId ??= m.conversationId;
      if (m.meta?.buttons?.length) {
        visitor.buttons = m.meta.buttons.filter((b) => !b.human);
        visitor.buttonsNodeId = m.meta.chatbot?.nodeId ?? null;
      }
      visitor.arrivals.push({ seq: m.seq, t: now });
      if (visitor.arrivals.length > 32) visitor.arrivals.splice(0, visitor.arrivals.length - 32);
      run?.onChatbotMessage(visitor, m.seq, now);
      visitor.onReady?.();
      return;
    }
    default:
      return;
  }
}

/** Sends `chatbot.open` and waits until the chatbot waits for a button and its buttons arrived. */
async function openChatbot(visitor) {
  const ready = () => visitor.conversationId && visitor.chatbot?.awaiting === 'button' && visitor.buttons?.length;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chatbot.open: no buttons within 30 s (chatbot ${JSON.stringify(visitor.chatbot)}; first error ${firstError})`)), 30_000);
    visitor.onReady = () => {
      if (!ready()) return;
      clearTimeout(timer);
      visitor.onReady = null;
      resolve();
    };
    visitor.ws.send('{"type":"chatbot.open"}');
  });
}

/** The click a bot visitor makes now: the current node (chatbot state) and the next of its buttons in turn. */
function chooseFrame(visitor, clientId) {
  const nodeId = visitor.chatbot?.awaiting === 'button' && visitor.chatbot.nodeId ? visitor.chatbot.nodeId : visitor.buttonsNodeId;
  const choice = visitor.buttons[visitor.n++ % visitor.buttons.length];
  return `{"type":"chatbot.choose","clientId":"${clientId}","conversationId":"${visitor.conversationId}","nodeId":"${nodeId}","choiceId":"${choice.id}"}`;
}

// ─── agents ─────────────────────────────────────────────────────────────────

async function connectAgent() {
  agents.push(
    await openSocket(`${wsBase(target.url)}/ws/agent`, { cookie: target.cookie }, '{"type":"presence"', () => {
      counters.agentFrames++;
    }),
  );
}

// ─── open loop ──────────────────────────────────────────────────────────────

/**
 * Open loop: `rate` frames/s spread evenly over `active` visitors (each sends
 * rate/active per second), scheduled by the clock, never by answers. Latency
 * runs from handing the frame to the socket to
 *   - plain: its `message.ack`;
 *   - bot: the chatbot's first `message` frame whose seq follows the stored
 *     choice's (from the `message.ack`), i.e. the reply to that click. The
 *     server publishes the reply before it acks the click, so a reply that is
 *     already there when the ack comes is matched then.
 */
async function openLoop(kind, active, { rate, warmupMs, durationMs, drainMs = 30_000 }) {
  const prefix = `${workerTag}${kind[0]}${++runCounter}-`;
  const latency = new Samples();
  const ackLatency = new Samples();
  const lags = new Samples();
  const pending = new Map();
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  let k = 0;
  let measuredSent = 0;
  let maxLag = 0;
  const errors = {};
  let measuredErrors = 0;
  let orderAnomalies = 0;
  /** Answers (plain: acks, bot: replies) that arrived inside the measured window, whichever click they answer. */
  let windowAnswers = 0;
  const inWindow = (t) => t >= measureFrom && t < end;
  const cpu0 = process.cpuUsage();
  const gcFrom = gcPauses.length;
  loopDelay.reset();
  const resolveReply = (entry, t) => {
    entry.replied = true;
    if (entry.measured) latency.add(t - entry.t);
    if (inWindow(t)) windowAnswers++;
    pending.delete(entry.clientId);
  };
  run = {
    onAck(visitor, frame, now) {
      const entry = pending.get(frame.clientId);
      if (!entry) return;
      entry.acked = true;
      if (entry.measured) ackLatency.add(now - entry.t);
      if (kind === 'plain') {
        resolveReply(entry, now);
        return;
      }
      entry.seq = frame.message.seq;
      const reply = visitor.arrivals.find((a) => a.seq > entry.seq);
      if (reply) {
        if (reply.t < entry.t) orderAnomalies++;
        resolveReply(entry, reply.t);
      } else visitor.waiting.push(entry);
    },
    onError(_visitor, frame) {
      const entry = frame.ref ? pending.get(frame.ref) : undefined;
      if (!entry) return;
      errors[frame.code] = (errors[frame.code] ?? 0) + 1;
      if (entry.measured) measuredErrors++;
      entry.failed = true;
      pending.delete(entry.clientId);
    },
    onChatbotMessage(visitor, seq, now) {
      if (visitor.waiting.length === 0) return;
      const still = [];
      for (const entry of visitor.waiting) {
        if (seq > entry.seq) resolveReply(entry, now);
        else still.push(entry);
      }
      visitor.waiting = still;
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
        const frame = kind === 'bot' ? chooseFrame(visitor, clientId) : `{"type":"message.send","clientId":"${clientId}","text":"${TEXT}"}`;
        const t = performance.now();
        visitor.ws.send(frame);
        const measured = due >= measureFrom;
        pending.set(clientId, { clientId, t, measured, acked: false, replied: false, seq: null });
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
  const backlogAtEnd = pending.size;
  const gc = gcPauses.slice(gcFrom).filter((g) => g.t + g.ms >= measureFrom && g.t < end);
  const clientPauses = {
    gcCount: gc.length,
    gcTotalMs: gc.reduce((sum, g) => sum + g.ms, 0),
    gcMaxMs: gc.reduce((max, g) => Math.max(max, g.ms), 0),
    gcOver10ms: gc.filter((g) => g.ms > 10).length,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
  };
  const cpu = process.cpuUsage(cpu0);
  const wallMs = sendingEnded - start;
  const deadline = performance.now() + drainMs;
  while (pending.size > 0 && performance.now() < deadline) await sleep(10);
  let unacked = 0;
  let lostReplies = 0;
  for (const entry of pending.values()) {
    if (!entry.measured) continue;
    if (!entry.acked) unacked++;
    else if (kind === 'bot' && !entry.replied) lostReplies++;
  }
  for (const v of active) v.waiting.length = 0;
  run = null;
  return {
    kind,
    conversations: active.length,
    sent: k,
    measuredSent,
    offeredRate: rate,
    achievedRate: measuredSent / (durationMs / 1000),
    answered: latency.count,
    windowAnswers,
    answeredRate: windowAnswers / (durationMs / 1000),
    backlogAtEnd,
    latency: latency.summary(),
    ackLatency: ackLatency.summary(),
    scheduleLag: { ...lags.summary(), max: maxLag },
    clientPauses,
    errors,
    measuredErrors,
    unacked,
    lostReplies,
    orderAnomalies,
    clientCpu: (cpu.user + cpu.system) / 1000 / wallMs,
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
    const concurrency = msg.concurrency ?? 32;
    await pool(msg.plain ?? 0, concurrency, async (i) => {
      plainVisitors[i] = await connectVisitor(i, false);
    });
    const plainMs = performance.now() - t0;
    const t1 = performance.now();
    await pool(msg.bots ?? 0, concurrency, async (i) => {
      botVisitors[i] = await connectVisitor(i, true);
    });
    const botSocketsMs = performance.now() - t1;
    // chatbot.open: one at a time per runner, each until the menu's buttons are there.
    const t2 = performance.now();
    await pool(botVisitors.length, msg.openConcurrency ?? 16, (i) => openChatbot(botVisitors[i]));
    const openMs = performance.now() - t2;
    const sample = botVisitors[0];
    return {
      agents: agents.length,
      plain: plainVisitors.length,
      bots: botVisitors.length,
      setupMs: performance.now() - t0,
      plainMs,
      botSocketsMs,
      openMs,
      sampleChatbot: sample ? { chatbot: sample.chatbot, buttons: sample.buttons, buttonsNodeId: sample.buttonsNodeId, messages: sample.chatbotMessages } : null,
    };
  },
  async mark() {
    return { t: performance.now(), cpu: process.cpuUsage(), ...counters, errorCodes, firstError };
  },
  async open(msg) {
    const active = msg.kind === 'bot' ? botVisitors : plainVisitors;
    return openLoop(msg.kind, active.slice(0, msg.count ?? active.length), msg);
  },
  async closeAll() {
    const sockets = [...plainVisitors.map((v) => v.ws), ...botVisitors.map((v) => v.ws), ...agents];
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
    plainVisitors.length = 0;
    botVisitors.length = 0;
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
