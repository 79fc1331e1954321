// Scenario (d): chatbot steps.
//  1. The engine alone: `button_chosen` events/s on one core over a looping flow
//     (bench/lib/engine-steps.mjs, its own child process); baseline = the 10 000/s target.
//  2. Button chosen → chatbot reply delivered, open loop: a fresh Parley server
//     with a published, active chatbot whose flow loops forever; N visitors each
//     in their own chatbot conversation click a button once per second, spread
//     evenly (bench/lib/bot-worker.mjs, one client process). Baseline, same server,
//     same run, same offered rate: plain visitors' `message.send` → `message.ack`.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.mjs';
import { formatProfileSummary, summarizeProfile } from '../lib/profile-summary.mjs';
import { startParley, targetInfo } from '../lib/targets.mjs';

export const id = 'bot-step';

const here = fileURLToPath(new URL('.', import.meta.url));
const lib = join(here, '..', 'lib');

const STEPS_TARGET = 10_000;
const P99_TARGET_MS = 5;

/** The chatbot under load: a menu of two buttons, each answered by a message that leads back to the menu. */
export const LOOP_FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hi! I am the Northwind coffee bot.', next: 'menu' },
    menu: {
      kind: 'buttons',
      text: 'What would you like to know?',
      choices: [
        { id: 'hours', label: 'Roasting days', next: 'hours' },
        { id: 'shipping', label: 'Shipping', next: 'shipping' },
      ],
    },
    hours: { kind: 'message', text: 'We roast Monday to Friday, and ship what we roasted the same day.', next: 'menu' },
    shipping: { kind: 'message', text: 'Orders placed before noon leave the same day; delivery takes 1–2 working days.', next: 'menu' },
  },
};

const ms = (v) => `${v.toFixed(2)} ms`;
const dist = (s) => `mean ${ms(s.mean)}, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;
const num = (v) => Math.round(v).toLocaleString('en-US');

async function api(target, method, path, body) {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method,
    headers: { cookie: target.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Creates, fills, publishes and activates the looping chatbot (publishing answers 422 with problems if the flow is invalid). */
async function setupChatbot(target) {
  const { chatbot } = await api(target, 'POST', '/chatbots', { name: 'Bench loop bot' });
  const saved = await api(target, 'PUT', `/chatbots/${chatbot.id}/draft`, { draft: LOOP_FLOW });
  if (saved.chatbot.problems?.length) throw new Error(`bench flow has problems: ${JSON.stringify(saved.chatbot.problems)}`);
  const { version } = await api(target, 'POST', `/chatbots/${chatbot.id}/publish`);
  const active = await api(target, 'PATCH', `/chatbots/${chatbot.id}`, { status: 'active' });
  if (active.chatbot.status !== 'active') throw new Error(`chatbot not active: ${JSON.stringify(active.chatbot)}`);
  return { id: chatbot.id, version: version.number };
}

/**
 * The agents' sockets, in a process of their own: they receive every click's
 * frames (load on the server, as real agents' browsers would be) without
 * delaying the visitors' process, whose clock measures the latency.
 */
async function startAgents(target, count, tag) {
  const agents = await startChild(join(lib, 'bot-worker.mjs'), { label: 'agent sockets', env: { BENCH_WORKER_TAG: tag } });
  await agents.request('setup', { target: targetInfo(target), agents: count, plain: 0, bots: 0 });
  return agents;
}

async function stopWorker(worker) {
  if (!worker) return;
  await worker.request('closeAll').catch(() => undefined);
  await worker.stop();
}

async function engineSteps(ctx, { warmupMs, durationMs }) {
  const child = await startChild(join(lib, 'engine-steps.mjs'), { label: 'engine steps' });
  try {
    return await child.request('run', { warmupMs, durationMs });
  } finally {
    await child.stop();
  }
}

/** The machine's CPU counters (Linux /proc/stat, in ticks), to tell how much other processes used during a run. */
function machineTicks() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields.map(Number);
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal, t: performance.now() };
  } catch {
    return null;
  }
}

function machineUse(a, b) {
  if (!a || !b) return null;
  const ticksPerSecond = 100; // USER_HZ
  const seconds = (b.t - a.t) / 1000;
  return { busyCores: (b.busy - a.busy) / ticksPerSecond / seconds, stealCores: (b.steal - a.steal) / ticksPerSecond / seconds };
}

/** One open-loop run with the server's CPU and event-loop use over it. */
async function openLoop(target, worker, kind, opts) {
  await target.child.request('bot-timing-reset');
  const cpuA = await target.child.request('cpu');
  const machineA = machineTicks();
  const markA = await worker.request('mark');
  const result = await worker.request('open', { kind, count: opts.conversations, rate: opts.rate, warmupMs: opts.warmupMs, durationMs: opts.durationMs });
  const markB = await worker.request('mark');
  const machineB = machineTicks();
  const clientCores = (markB.cpu.user - markA.cpu.user + markB.cpu.system - markA.cpu.system) / 1000 / (markB.t - markA.t);
  const cpuB = await target.child.request('cpu');
  const serverTiming = await target.child.request('bot-timing-report');
  const cpuMs = (cpuB.usage.user - cpuA.usage.user + cpuB.usage.system - cpuA.usage.system) / 1000;
  const wallMs = cpuB.t - cpuA.t;
  const activeMs = cpuB.elu.active - cpuA.elu.active;
  const elu = activeMs / (activeMs + cpuB.elu.idle - cpuA.elu.idle);
  // Everything sent (warm-up included) over the whole run, drain included: process CPU and
  // event-loop busy time per frame sent (both include what an idle server spends: see idleServer).
  const machine = machineUse(machineA, machineB);
  const serverCpu = cpuMs / wallMs;
  return {
    ...result,
    serverTiming,
    // Whole machine over the run; "others" = what neither the server nor the client process used (other work on the machine, the orchestrator).
    clientCores,
    machine: machine && { ...machine, otherCores: Math.max(0, machine.busyCores - serverCpu - clientCores) },
    serverWallMs: wallMs,
    serverCpu: cpuMs / wallMs,
    serverElu: elu,
    serverCpuUsPerFrame: (cpuMs * 1000) / result.sent,
    serverBusyUsPerFrame: (activeMs * 1000) / result.sent,
  };
}

/** What the server spends with every socket connected and no traffic (timers, pings, the WAL checkpointer). */
async function idleServer(target, periodMs = 2000) {
  const a = await target.child.request('cpu');
  await new Promise((r) => setTimeout(r, periodMs));
  const b = await target.child.request('cpu');
  const wallMs = b.t - a.t;
  const activeMs = b.elu.active - a.elu.active;
  return { cpu: (b.usage.user - a.usage.user + b.usage.system - a.usage.system) / 1000 / wallMs, elu: activeMs / (activeMs + b.elu.idle - a.elu.idle) };
}

/** The server's own clock: frame at its ws → reply published (bot) or sendVisitorMessage (plain), and its event-loop delay. */
function serverTimingLine(r) {
  const t = r.serverTiming;
  if (!t) return 'no server timing';
  const inside = r.kind === 'bot' ? t.serverResidence : t.sendVisitorMessage;
  const what = r.kind === 'bot' ? 'frame→reply published' : 'sendVisitorMessage';
  return `on the server's clock ${what} p50 ${ms(inside.p50)} p99 ${ms(inside.p99)} max ${ms(inside.max)}, server loop delay p99 ${ms(t.eventLoopDelay.p99)} max ${ms(t.eventLoopDelay.max)}`;
}

/** The client process's own stalls over the measured window. */
function clientLine(r) {
  const p = r.clientPauses;
  return `client GC ${p.gcCount}× (max ${ms(p.gcMaxMs)}, ${p.gcOver10ms} over 10 ms), client loop delay max ${ms(p.loopDelayMaxMs)}`;
}

/** One line on the server's side of a run: cores, event loop, and per frame net of the idle server. */
function serverLine(r, idle, per) {
  const net = netOfIdle(r, idle);
  const m = r.machine ? `; machine ${r.machine.busyCores.toFixed(2)} of ${os.cpus().length} cores busy, ≈ ${r.machine.otherCores.toFixed(2)} by other processes, steal ${r.machine.stealCores.toFixed(2)}` : '';
  return `server ${r.serverCpu.toFixed(2)} core, loop ${Math.round(r.serverElu * 100)} % busy${m}; net of idle ${Math.round(net.cpuUs)} µs CPU and ${Math.round(net.busyUs)} µs of event loop per ${per}`;
}

/** Server CPU and event-loop time per frame with the idle server's share taken out. */
function netOfIdle(r, idle) {
  return {
    cpuUs: ((r.serverCpu - idle.cpu) * r.serverWallMs * 1000) / r.sent,
    busyUs: ((r.serverElu - idle.elu) * r.serverWallMs * 1000) / r.sent,
  };
}

/**
 * --bot-profile: a separate server (SQLite calls timed, BENCH_SQL_TIMING=1) with only the bot visitors,
 * the same open loop, and an inspector CPU profile of the server over part of the window.
 * Writes bench/profiles/bot-step.{cpuprofile,txt}; not part of the table.
 */
export async function profileRun(ctx) {
  const opts = ctx.options.botStep;
  const rate = opts.profileRate ?? opts.rate;
  const dir = join(here, '..', 'profiles');
  await mkdir(dir, { recursive: true });
  process.env.BENCH_SQL_TIMING = '1';
  process.env.BENCH_BOT_TIMING = '1';
  const target = await startParley({ serverModule: ctx.options.serverModule }).finally(() => {
    delete process.env.BENCH_SQL_TIMING;
    delete process.env.BENCH_BOT_TIMING;
  });
  const worker = await startChild(join(lib, 'bot-worker.mjs'), { label: 'bot worker (profile)', env: { BENCH_WORKER_TAG: 'botp' } });
  let agentWorker = null;
  try {
    await setupChatbot(target);
    agentWorker = await startAgents(target, ctx.options.agents, 'botpa');
    await worker.request('setup', { target: targetInfo(target), agents: 0, plain: 0, bots: opts.conversations });
    const windowMs = opts.profileWindowMs ?? 5000;
    ctx.log(`  profiling the bot path: ${opts.conversations} chatbot conversations, ${rate} clicks/s offered, ${windowMs} ms profiled…`);
    const loop = openLoop(target, worker, 'bot', { ...opts, rate, warmupMs: 2000, durationMs: windowMs + 1000 });
    await new Promise((r) => setTimeout(r, 2500));
    const start = await target.child.request('profile-start', { intervalUs: 500 });
    await target.child.request('bot-timing-reset');
    await new Promise((r) => setTimeout(r, windowMs));
    const file = join(dir, 'bot-step.cpuprofile');
    const timing = await target.child.request('bot-timing-report');
    const stop = await target.child.request('profile-stop', { file });
    const result = await loop;
    const clicks = stop.messages - start.messages;
    const sql = stop.report ?? [];
    const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')), { top: 30 });
    const sqlTotal = sql.reduce((sum, e) => sum + e.ms, 0);
    const perClick = (x) => ((x * 1000) / clicks).toFixed(0);
    const text = [
      `bot path under the profiler: ${clicks} clicks handled in ${((stop.t - start.t) / 1000).toFixed(1)} s (${Math.round((clicks * 1000) / (stop.t - start.t))}/s; ${rate}/s offered), ` +
        `choose→reply p50 ${ms(result.latency.p50)} p99 ${ms(result.latency.p99)} (profiling and SQL timing slow it down)`,
      `server main thread busy ${summary.busyMs} ms of ${summary.totalMs} ms ≈ ${perClick(summary.busyMs)} µs per click`,
      '',
      'on the server\'s clock (bench/lib/bot-timing.mjs), same window:',
      `  ChatbotRuntime.choose (one click, to the reply published): ${dist(timing.choose)}; clicks already in flight when one starts: p50 ${timing.chooseInFlightAtStart.p50}, p99 ${timing.chooseInFlightAtStart.p99}, max ${timing.chooseInFlightAtStart.max}`,
      `  chatbot.choose frame at the server's ws → choose() called: ${dist(timing.receivedToChoose)}`,
      `  chatbot.choose frame at the server's ws → reply published (server residence): ${dist(timing.serverResidence)}`,
      `  Kysely's SQLite connection mutex: ${timing.connection.acquisitions} acquisitions ≈ ${(timing.connection.acquisitions / clicks).toFixed(1)} per click; ` +
        `wait ${dist(timing.connection.wait)}; hold ${dist(timing.connection.hold)}; waiters already queued: p50 ${timing.connection.waitersAtAcquire.p50}, p99 ${timing.connection.waitersAtAcquire.p99}, max ${timing.connection.waitersAtAcquire.max}`,
      `  event-loop delay: p50 ${ms(timing.eventLoopDelay.p50)}, p99 ${ms(timing.eventLoopDelay.p99)}, max ${ms(timing.eventLoopDelay.max)}`,
      '',
      formatProfileSummary(summary, { top: 30, inclusiveTop: 45 }),
      '',
      `SQLite time per statement (better-sqlite3 calls timed): ${sqlTotal.toFixed(0)} ms total ≈ ${perClick(sqlTotal)} µs per click; ` +
        `${sql.reduce((sum, e) => sum + e.calls, 0)} calls ≈ ${(sql.reduce((sum, e) => sum + e.calls, 0) / clicks).toFixed(1)} per click`,
      ...sql.slice(0, 30).map(
        (e) =>
          `${e.ms.toFixed(0).padStart(6)} ms  ${String(e.calls).padStart(7)} calls  ${(e.calls / clicks).toFixed(2).padStart(5)}/click  ${e.usPerCall.toFixed(1).padStart(6)} µs/call  ${perClick(e.ms).padStart(5)} µs/click  ${e.sql.length > 120 ? `${e.sql.slice(0, 117)}…` : e.sql}`,
      ),
      '',
      'slow SQLite calls (> 1 ms):',
      ...sql
        .filter((e) => e.over1ms > 0)
        .slice(0, 8)
        .map((e) => `${String(e.over1ms).padStart(6)} calls > 1 ms, ${e.over1msTotalMs.toFixed(0)} ms in them, max ${e.maxMs.toFixed(1)} ms  ${e.sql.slice(0, 90)}`),
    ].join('\n');
    await writeFile(join(dir, 'bot-step.txt'), `${text}\n`);
    ctx.log(text.split('\n').map((l) => `    ${l}`).join('\n'));
    return { file, clicks, rate, latency: result.latency, timing, categories: summary.categories.slice(0, 15), topSelf: summary.topSelf.slice(0, 25), sql: sql.slice(0, 30) };
  } finally {
    await stopWorker(worker);
    await stopWorker(agentWorker);
    await target.stop();
  }
}

export async function run(ctx) {
  const opts = ctx.options.botStep;
  const agents = ctx.options.agents;

  // 1. The engine on one core.
  ctx.log(`  engine: button_chosen events on one core, ${opts.engine.warmupMs} ms warm-up + ${opts.engine.durationMs} ms…`);
  const engine = await engineSteps(ctx, opts.engine);
  ctx.log(
    `    ${num(engine.stepsPerSecond)} steps/s (${engine.usPerStep.toFixed(2)} µs/step, ${engine.nodesPerStep} nodes and ${engine.effectsPerStep} effects each, ` +
      `path ${engine.pathLength}/${engine.pathMax}, ${engine.cpuCores.toFixed(2)} core)`,
  );

  // 2. Button chosen → chatbot reply, on a fresh server.
  const t0 = performance.now();
  // BENCH_BOT_TIMING: the server process times each click on its own clock (bench/lib/bot-timing.mjs; a few µs per click).
  process.env.BENCH_BOT_TIMING = '1';
  const target = await startParley({ serverModule: ctx.options.serverModule }).finally(() => {
    delete process.env.BENCH_BOT_TIMING;
  });
  let worker = null;
  let agentWorker = null;
  try {
    const chatbot = await setupChatbot(target);
    agentWorker = await startAgents(target, agents, 'bota');
    worker = await startChild(join(lib, 'bot-worker.mjs'), { label: 'bot worker', env: { BENCH_WORKER_TAG: 'bot' } });
    const setup = await worker.request('setup', { target: targetInfo(target), agents: 0, plain: opts.conversations, bots: opts.conversations });
    ctx.log(
      `  (${target.label}: chatbot v${chatbot.version} active; ${agents} agents, ${opts.conversations} plain visitors, ${opts.conversations} visitors in chatbot conversations ` +
        `(chatbot.open → menu for all in ${Math.round(setup.openMs)} ms), ready in ${Math.round(performance.now() - t0)} ms)`,
    );
    const idle = await idleServer(target);
    ctx.log(`  idle server (all sockets open, no traffic): ${idle.cpu.toFixed(3)} core, event loop ${(idle.elu * 100).toFixed(1)} % busy`);
    const label = `${opts.rate.toLocaleString('en-US').replace(',', ' ')}`;
    // Rounds (--bot-rounds): plain then bot, repeated; the table shows the round with the median bot p99
    // (this machine's figures move by a third between runs), the notes list every round.
    const rounds = [];
    for (let round = 1; round <= (opts.rounds ?? 1); round++) {
      const of = (opts.rounds ?? 1) > 1 ? ` (round ${round} of ${opts.rounds})` : '';
      ctx.log(`  plain${of}: ${opts.conversations} visitors × ${opts.rate / opts.conversations} msg/s = ${label} msg/s, ${opts.warmupMs} ms warm-up + ${opts.durationMs} ms measured…`);
      const plainRun = await openLoop(target, worker, 'plain', opts);
      ctx.log(
        `    send→ack p50 ${ms(plainRun.latency.p50)} p99 ${ms(plainRun.latency.p99)} max ${ms(plainRun.latency.max)}; ${plainRun.measuredSent} sent (${Math.round(plainRun.achievedRate)}/s), ` +
          `unacked ${plainRun.unacked}, errors ${plainRun.measuredErrors}; ${serverLine(plainRun, idle, 'msg')}; client lag p99 ${ms(plainRun.scheduleLag.p99)}, ${clientLine(plainRun)}; ${serverTimingLine(plainRun)}`,
      );
      ctx.log(`  bot${of}: ${opts.conversations} chatbot conversations × ${opts.rate / opts.conversations} click/s = ${label} clicks/s, ${opts.warmupMs} ms warm-up + ${opts.durationMs} ms measured…`);
      const botRun = await openLoop(target, worker, 'bot', opts);
      ctx.log(
        `    choose→reply p50 ${ms(botRun.latency.p50)} p99 ${ms(botRun.latency.p99)} max ${ms(botRun.latency.max)}; choose→ack p99 ${ms(botRun.ackLatency.p99)}; ` +
          `${botRun.measuredSent} clicks sent (${Math.round(botRun.achievedRate)}/s), replies in the window ${Math.round(botRun.answeredRate)}/s, backlog at end ${botRun.backlogAtEnd}, ` +
          `unacked ${botRun.unacked}, lost replies ${botRun.lostReplies}, errors ${botRun.measuredErrors} ${JSON.stringify(botRun.errors)}; ` +
          `${serverLine(botRun, idle, 'click')}; client lag p99 ${ms(botRun.scheduleLag.p99)}, ${clientLine(botRun)}, drain ${Math.round(botRun.drainMs)} ms; ${serverTimingLine(botRun)}`,
      );
      rounds.push({ plain: plainRun, bot: botRun });
    }
    const byBotP99 = [...rounds].sort((a, b) => a.bot.latency.p99 - b.bot.latency.p99);
    const { plain, bot } = byBotP99[Math.floor((byBotP99.length - 1) / 2)];
    const roundsNote =
      rounds.length > 1
        ? `${rounds.length} rounds (plain, then bot, on the same server); the table shows the round with the median bot p99. Every round, bot p50/p99 (plain p99): ` +
          `${rounds.map((r) => `${ms(r.bot.latency.p50)}/${ms(r.bot.latency.p99)} (${ms(r.plain.latency.p99)})`).join(', ')}. `
        : '';
    if (rounds.length > 1) ctx.log(`  ${roundsNote}`);
    const marks = await worker.request('mark');
    if (marks.firstError) ctx.log(`    first error frame: ${marks.firstError}`);

    // Optional (--bot-rates=…): the same conversations at other offered rates, to find where the bot path keeps up.
    const sweep = [];
    for (const rate of opts.sweepRates ?? []) {
      const sweepOpts = { ...opts, rate, ...(opts.sweep ?? {}) };
      ctx.log(`  bot sweep: ${rate} clicks/s (${opts.conversations} conversations), ${sweepOpts.warmupMs} ms warm-up + ${sweepOpts.durationMs} ms measured…`);
      const r = await openLoop(target, worker, 'bot', sweepOpts);
      sweep.push(r);
      ctx.log(
        `    choose→reply p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)}; replies in window ${Math.round(r.answeredRate)}/s, backlog at end ${r.backlogAtEnd}, ` +
          `lost ${r.lostReplies}, errors ${r.measuredErrors}; ${serverLine(r, idle, 'click')}; client lag p99 ${ms(r.scheduleLag.p99)}, ${clientLine(r)}; ${serverTimingLine(r)}`,
      );
    }

    const flowNote =
      `Flow: welcome → buttons "menu" (2 choices) → a message → back to "menu"; each click stores the choice (a visitor message), ` +
      `2 chatbot messages, 3 event records and the session state, then publishes the visitor's conversation frame and the 3 messages (agents: 3 frames). `;
    const method =
      `Open loop: ${label} clicks/s offered by ${opts.conversations} visitors, each in its own chatbot conversation (1 click/s each, spread evenly, timer-driven), ` +
      `${opts.durationMs / 1000} s measured after ${opts.warmupMs / 1000} s warm-up, ${agents} agent sockets connected (in a process of their own); latency from handing chatbot.choose to the socket ` +
      `to the chatbot's first message frame with a seq after the acked choice (${bot.latency.count.toLocaleString('en-US')} samples). ` +
      `Baseline: ${opts.conversations} other visitors' message.send → message.ack (live chat, no chatbot) at the same rate on the same server, just before. `;
    const loss =
      `Bot: unacked ${bot.unacked}, lost replies ${bot.lostReplies}, error frames ${bot.measuredErrors}; plain: unacked ${plain.unacked}, errors ${plain.measuredErrors}. ` +
      `Client schedule lag p99 ${ms(bot.scheduleLag.p99)} (bot run), ${ms(plain.scheduleLag.p99)} (plain).`;
    const machineNote = (r, what) => (r.machine ? `${what}: machine ${r.machine.busyCores.toFixed(2)} cores busy, ≈ ${r.machine.otherCores.toFixed(2)} by other processes. ` : '');
    const timingNote =
      `On the server's own clock (bench/lib/bot-timing.mjs): frame at its ws → reply published p50 ${ms(bot.serverTiming.serverResidence.p50)}, p99 ${ms(bot.serverTiming.serverResidence.p99)}; ` +
      `server event-loop delay p99 ${ms(bot.serverTiming.eventLoopDelay.p99)}, max ${ms(bot.serverTiming.eventLoopDelay.max)}. `;
    const notes = method + roundsNote + flowNote + timingNote + machineNote(plain, 'Plain run') + machineNote(bot, 'Bot run') + loss;
    const row = (name, pick, extra = {}) => ({ name, value: pick(bot), unit: 'ms', baseline: pick(plain), ratio: pick(bot) / pick(plain), ...extra, notes });
    const clean = bot.unacked === 0 && bot.lostReplies === 0 && bot.measuredErrors === 0;
    return [
      {
        name: 'bot engine steps, one core',
        value: engine.stepsPerSecond,
        unit: 'steps/s',
        baseline: STEPS_TARGET,
        ratio: engine.stepsPerSecond / STEPS_TARGET,
        target: '≥ 10 000 steps/s',
        met: engine.stepsPerSecond >= STEPS_TARGET && engine.refused === 0,
        notes:
          `step() from packages/flow/dist, button_chosen in a tight loop for ${opts.engine.durationMs / 1000} s after ${opts.engine.warmupMs / 1000} s warm-up, in a child process of its own ` +
          `(${engine.cpuCores.toFixed(2)} core used). Flow: buttons → condition (regex on a contact property, or the language) → action (add_tag / set_contact_property) → message → buttons: ` +
          `${engine.nodesPerStep} nodes and ${engine.effectsPerStep} effects per step, session path full (${engine.pathLength} entries). Baseline = the target, 10 000 steps/s.`,
        details: engine,
      },
      row(`bot reply latency p50, choose→reply, ${label} clicks/s`, (r) => r.latency.p50, { details: { bot, plain, idle, setup, chatbot, sweep, rounds } }),
      row(`bot reply latency p99, choose→reply, ${label} clicks/s`, (r) => r.latency.p99, {
        target: `≤ ${P99_TARGET_MS} ms`,
        met: bot.latency.p99 <= P99_TARGET_MS && clean,
      }),
      row(`bot reply latency max, choose→reply, ${label} clicks/s`, (r) => r.latency.max),
      {
        name: `bot replies/s, ${label} clicks/s offered`,
        value: bot.answeredRate,
        unit: '/s',
        baseline: plain.answeredRate,
        ratio: bot.answeredRate / plain.answeredRate,
        notes: `Clicks answered by a chatbot reply in the measured window, per second; baseline: plain messages acked per second. ${loss}`,
      },
      {
        name: 'server event-loop time per bot click',
        value: netOfIdle(bot, idle).busyUs,
        unit: 'µs',
        baseline: netOfIdle(plain, idle).busyUs,
        ratio: netOfIdle(bot, idle).busyUs / netOfIdle(plain, idle).busyUs,
        notes:
          `Server event-loop busy time (eventLoopUtilization) over the whole open-loop run (warm-up, window and drain), minus the idle server's, ÷ frames sent; ` +
          `baseline: per plain message. One event loop serves every click, so 1 s ÷ this is the most clicks/s the server can answer. ` +
          `Process CPU net of idle: ${Math.round(netOfIdle(bot, idle).cpuUs)} µs per click, ${Math.round(netOfIdle(plain, idle).cpuUs)} µs per plain message. ` +
          `During the bot run: server ${bot.serverCpu.toFixed(2)} core, event loop ${Math.round(bot.serverElu * 100)} % busy (plain: ${plain.serverCpu.toFixed(2)} core, ${Math.round(plain.serverElu * 100)} %; ` +
          `idle: ${idle.cpu.toFixed(3)} core, ${(idle.elu * 100).toFixed(1)} %).`,
      },
      ...sweep.map((r) => ({
        name: `bot reply latency p99, choose→reply, ${r.offeredRate} clicks/s (sweep)`,
        value: r.latency.p99,
        unit: 'ms',
        baseline: null,
        ratio: null,
        notes:
          `Diagnostic (--bot-rates): same server and conversations after the main runs, ${r.offeredRate} clicks/s offered, ${r.latency.count} samples; p50 ${ms(r.latency.p50)}, max ${ms(r.latency.max)}, ` +
          `${Math.round(r.answeredRate)} replies/s in the window, backlog at end ${r.backlogAtEnd}, lost ${r.lostReplies}, errors ${r.measuredErrors}; ${serverLine(r, idle, 'click')}.`,
      })),
    ];
  } finally {
    await stopWorker(worker);
    await stopWorker(agentWorker);
    await target.stop();
  }
}
