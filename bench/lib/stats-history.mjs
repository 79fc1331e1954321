// A deterministic, realistic history of conversations for one workspace, for
// the `stats-queries` scenario: the records statistics fold (the
// `StatisticsRecord` shapes of packages/core/src/statistics/conversation-facts.ts)
// and what the conversation row holds, generated one conversation at a time in
// creation order (no per-conversation async, nothing kept).
//
//   const history = createHistory({ conversations: 1_000_000, seed: 0x5eed });
//   for (const c of history.conversations()) { … c.records, c.createdAt, c.visible … }
//
// Mix (by construction; the exact counts come out of the aggregates):
//  • 30 % normal conversations, no chatbot (most closed by an agent);
//  • 20 % impressions: a chatbot started, the visitor ignored it (no inbox entry);
//  •  5 % normal conversations a chatbot joined because the visitor's message
//    went unanswered (role `joined`), which the visitor may use or ignore;
//  • 45 % chatbot conversations started by one of 10 chatbots (Zipf-weighted):
//    a walk through the version's flow (buttons, answers, loops back to the menu)
//    that ends at an end node (resolved), hands over (typed instead, "talk to a
//    human", a handover node: escalated) or stops at a button (the visitor left:
//    chat box closed, inactivity, a session timeout, or nothing yet — in progress).
//    Some escalated ones get a second session: a feedback chatbot asked to
//    finish the conversation (role `finished`).
// Each chatbot has 1–4 published versions (each used from its publication day),
// 1–3 languages and flows of 15–30 nodes with buttons.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const DAY_MS = 86_400_000;

/** sfc32: small, fast, deterministic. Returns floats in [0, 1). */
export function prng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

/**
 * A UUIDv7-shaped id (48 bits of milliseconds first, like the server's `newId`, so
 * ids sort by time and index the same way), deterministic: `kind` (one hex digit)
 * and `seq` make it unique.
 */
export function idAt(ms, kind, seq) {
  const h = Math.floor(ms).toString(16).padStart(12, '0');
  const s = seq.toString(16).padStart(17, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${kind}${s.slice(0, 2)}-8${s.slice(2, 5)}-${s.slice(5)}`;
}

const ID_CONVERSATION = '0';
const ID_SESSION = '1';
const ID_VISITOR = '2';
const ID_CHATBOT = '5';
const ID_VERSION = '6';

const CHATBOT_NAMES = [
  'Welcome',
  'Pricing helper',
  'Support triage',
  'Shipping and delivery',
  'Returns',
  'Onboarding',
  'Lead capture',
  'Checkout help',
  'Product finder',
  'Booking',
  'Out of hours', // joins unanswered conversations
  'Feedback', // finishes conversations agents hand to it
];
const LANGUAGES = ['en', 'de', 'fr', 'cs', 'es', 'pl', 'it'];
const LANGUAGE_WEIGHTS = [[1], [0.7, 0.3], [0.62, 0.26, 0.12]];

function pickWeighted(rng, weights, total) {
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * A flow of about `target` nodes: welcome → menu (buttons) → answers that lead to
 * more buttons, to "anything else?" (back to the menu or goodbye → end), to an
 * end node or to a handover. The stored document follows the flow schema's
 * shapes (message, buttons, end, action: handover).
 */
function makeFlow(rng, target, defaultLanguage) {
  const nodes = new Map();
  nodes.set('welcome', { kind: 'message', next: 'menu' });
  nodes.set('menu', { kind: 'buttons', choices: [], human: true });
  nodes.set('else', {
    kind: 'buttons',
    choices: [
      { id: 'more', next: 'menu' },
      { id: 'done', next: 'bye' },
    ],
    human: false,
  });
  nodes.set('bye', { kind: 'message', next: 'end' });
  nodes.set('end', { kind: 'end' });
  nodes.set('human', { kind: 'handover' });
  const queue = ['menu'];
  let buttons = 1;
  let answers = 0;
  while (queue.length > 0) {
    const node = nodes.get(queue.shift());
    const count = node === nodes.get('menu') ? 3 + Math.floor(rng() * 2) : 2 + Math.floor(rng() * 3);
    for (let i = 0; i < count; i++) {
      const answerId = `a${++answers}`;
      const r = rng();
      let next;
      if (nodes.size + queue.length * 3 < target - 4 && (r < 0.5 || queue.length === 0)) {
        next = `q${++buttons}`;
        nodes.set(next, { kind: 'buttons', choices: [], human: rng() < 0.3 });
        queue.push(next);
      } else if (r < 0.8) next = 'else';
      else if (r < 0.95) next = 'bye';
      else next = 'human';
      nodes.set(answerId, { kind: 'message', next });
      node.choices.push({ id: `c${i + 1}`, next: answerId });
    }
  }
  // Choice weights: the first buttons are chosen more often.
  for (const node of nodes.values()) {
    if (node.kind !== 'buttons') continue;
    node.weights = node.choices.map((_, i) => 1 / (i + 1));
    node.totalWeight = node.weights.reduce((s, w) => s + w, 0);
  }
  const document = {
    schemaVersion: 1,
    startNodeId: 'welcome',
    defaultLanguage,
    nodes: Object.fromEntries(
      [...nodes].map(([id, n]) => {
        if (n.kind === 'message') return [id, { kind: 'message', text: `Text of ${id}.`, next: n.next }];
        if (n.kind === 'buttons')
          return [
            id,
            {
              kind: 'buttons',
              text: `Question ${id}?`,
              choices: n.choices.map((c) => ({ id: c.id, label: `Option ${c.id}`, next: c.next })),
              humanChoice: n.human ? { id: 'human', label: 'Talk to a human' } : null,
            },
          ];
        if (n.kind === 'end') return [id, { kind: 'end' }];
        return [id, { kind: 'action', action: 'handover', next: null }];
      }),
    ),
  };
  return { nodes, size: nodes.size, document };
}

/**
 * The history's fixed parts (workspace, website, chatbots, versions, flows) and a
 * generator of its conversations in creation order.
 */
export function createHistory({ conversations, days = 365, lastDay = '2026-11-30', seed = 0x5eed, workspaceId = 'ws-stats-bench' }) {
  const rng = prng(seed);
  const endMs = Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS; // exclusive
  const startMs = endMs - days * DAY_MS;
  const firstDay = new Date(startMs).toISOString().slice(0, 10);

  const chatbots = CHATBOT_NAMES.map((name, index) => {
    const createdAt = startMs - 60 * DAY_MS + index * 3_600_000;
    const languageCount = 1 + Math.floor(rng() * 3);
    const languages = [LANGUAGES[0]];
    while (languages.length < languageCount) {
      const l = LANGUAGES[1 + Math.floor(rng() * (LANGUAGES.length - 1))];
      if (!languages.includes(l)) languages.push(l);
    }
    const versionCount = 1 + Math.floor(rng() * 4);
    const publishDays = [-30];
    for (let v = 1; v < versionCount; v++) publishDays.push(Math.floor(rng() * days));
    publishDays.sort((a, b) => a - b);
    const versions = publishDays.map((d, v) => {
      const publishedAt = startMs + d * DAY_MS + 10 * 3_600_000 + index * 60_000;
      const flow = makeFlow(rng, 15 + Math.floor(rng() * 16), 'en');
      return { id: idAt(publishedAt, ID_VERSION, index * 16 + v), number: v + 1, publishedAt, flow };
    });
    return {
      index,
      id: idAt(createdAt, ID_CHATBOT, index),
      name,
      createdAt,
      languages,
      languageWeights: LANGUAGE_WEIGHTS[languages.length - 1],
      versions,
      role: index === 10 ? 'joined' : index === 11 ? 'finished' : 'started',
    };
  });
  const starters = chatbots.filter((c) => c.role === 'started');
  // Zipf-like: the busiest chatbot starts ≈ a third of the chatbot conversations.
  const starterWeights = starters.map((_, i) => 1 / (i + 1) ** 1.1);
  const starterTotal = starterWeights.reduce((s, w) => s + w, 0);
  const joiner = chatbots[10];
  const finisher = chatbots[11];

  // Conversations per day: a growing trend, quieter weekends, some noise; exactly `conversations` in all.
  const weights = [];
  for (let d = 0; d < days; d++) {
    const weekday = new Date(startMs + d * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 0.55 : 1;
    weights.push((1 + (0.6 * d) / days) * weekend * (0.85 + 0.3 * rng()));
  }
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const perDay = weights.map((w) => Math.floor((w / weightSum) * conversations));
  let missing = conversations - perDay.reduce((s, n) => s + n, 0);
  for (let d = days - 1; missing > 0; d = (d + days - 1) % days, missing--) perDay[d]++;

  const versionAt = (chatbot, at) => {
    let version = chatbot.versions[0];
    for (const v of chatbot.versions) if (v.publishedAt <= at) version = v;
    return version;
  };
  const languageOf = (chatbot) => chatbot.languages[pickWeighted(rng, chatbot.languageWeights, 1)];
  const between = (lo, hi) => lo + Math.floor(rng() * (hi - lo));

  /**
   * One chatbot session: its records from `at` on. `mode`: 'ignore' (the visitor
   * never acts: an impression), 'engage' (the first action is a click, a typed
   * message or "talk to a human"), 'short' (a finishing chatbot: one click or none).
   */
  function session(out, conversationIndex, sessionIndex, chatbot, role, at, mode) {
    const version = versionAt(chatbot, at);
    const language = languageOf(chatbot);
    const sessionId = idAt(at, ID_SESSION, conversationIndex * 4 + sessionIndex);
    const { nodes } = version.flow;
    const records = out.records;
    let step = 1;
    let position = 0;
    const push = (event, nodeId, choiceId, reason, t) => {
      records.push({
        source: 'chatbot',
        sessionId,
        ordinal: step * 1000 + position++,
        chatbotId: chatbot.id,
        versionId: version.id,
        language,
        event,
        nodeId,
        choiceId,
        reason,
        at: t,
      });
    };
    const result = { sessionId, chatbot, versionId: version.id, language, handoverAt: null, handoverReason: null, status: 'waiting', lastAt: at, interacted: false, endedAtNode: false, waitingAt: null };
    // Runs from a node until the chatbot waits for a button or stops.
    const runFrom = (nodeId, t) => {
      for (let guard = 0; guard < 64; guard++) {
        const node = nodes.get(nodeId);
        push('node_reached', nodeId, null, null, t);
        if (node.kind === 'message') {
          nodeId = node.next;
          continue;
        }
        if (node.kind === 'buttons') return nodeId;
        if (node.kind === 'end') {
          push('ended', nodeId, null, 'end_node', t);
          result.status = 'ended';
          result.endedAtNode = true;
          return null;
        }
        push('handover', nodeId, null, 'handover_node', t);
        push('ended', nodeId, null, 'handover', t);
        result.status = 'handed_over';
        result.handoverAt = t;
        result.handoverReason = 'handover_node';
        return null;
      }
      return nodeId;
    };
    let t = at;
    push('triggered', 'welcome', null, role, t);
    let waiting = runFrom('welcome', t);
    let actions = 0;
    while (waiting !== null) {
      const node = nodes.get(waiting);
      // The visitor's next move at this button.
      let move;
      const r = rng();
      if (mode === 'ignore') move = 'leave';
      else if (mode === 'short') move = actions === 0 && r < 0.7 ? 'choose' : 'leave';
      else if (actions === 0) move = r < 0.9 ? 'choose' : r < 0.96 ? 'type' : 'human';
      else if (actions >= 12) move = 'leave';
      else move = r < 0.82 ? 'choose' : r < 0.845 ? 'type' : r < 0.865 ? 'human' : 'leave';
      if (move === 'human' && !node.human) move = 'choose';
      if (move === 'leave') break;
      actions++;
      step++;
      position = 0;
      t += between(3_000, 40_000);
      if (move === 'type') {
        push('typed_instead', waiting, null, null, t);
        push('handover', waiting, null, 'visitor_typed', t);
        push('ended', waiting, null, 'handover', t);
        out.visitorMessages++;
        result.status = 'handed_over';
        result.handoverAt = t;
        result.handoverReason = 'visitor_typed';
        waiting = null;
        break;
      }
      result.interacted = true;
      out.visitorMessages++;
      if (move === 'human') {
        push('button_chosen', waiting, 'human', null, t);
        push('handover', waiting, null, 'asked_for_human', t);
        push('ended', waiting, null, 'handover', t);
        result.status = 'handed_over';
        result.handoverAt = t;
        result.handoverReason = 'asked_for_human';
        waiting = null;
        break;
      }
      const choice = node.choices[pickWeighted(rng, node.weights, node.totalWeight)];
      push('button_chosen', waiting, choice.id, null, t);
      waiting = runFrom(choice.next, t);
    }
    result.lastAt = t;
    result.waitingAt = waiting;
    result.step = step;
    out.sessions.push(result);
    return result;
  }

  function endRecord(out, kind, sessionId, at, dedupeKey) {
    out.records.push({ source: 'conversation', kind, sessionId, at, dedupeKey });
    out.lastAt = Math.max(out.lastAt, at);
    if (kind === 'closed') out.closedAt = at;
  }

  /** The conversation number `index`, created at `createdAt`. */
  function conversation(index, createdAt) {
    const id = idAt(createdAt, ID_CONVERSATION, index);
    const out = { index, id, createdAt, visible: true, records: [], sessions: [], lastAt: createdAt, closedAt: null, visitorMessages: 0, category: '' };
    const r = rng();
    if (r < 0.3) {
      // A normal conversation: the visitor wrote, an agent answered (and usually closed it).
      out.category = 'normal';
      out.visitorMessages = 1 + Math.floor(rng() * 6);
      out.lastAt = createdAt + between(60_000, 1_800_000);
      if (rng() < 0.85) endRecord(out, 'closed', null, out.lastAt + between(60_000, 3_600_000), `closed:${id}:${index}`);
    } else if (r < 0.5) {
      // An impression: a chatbot started and the visitor ignored it.
      out.category = 'impression';
      out.visible = false;
      const chatbot = starters[pickWeighted(rng, starterWeights, starterTotal)];
      const s = session(out, index, 0, chatbot, 'started', createdAt, 'ignore');
      out.lastAt = s.lastAt;
      if (rng() < 0.35) endRecord(out, 'chatbox_closed', null, s.lastAt + between(5_000, 300_000), `chatbox_closed:${id}:1`);
    } else if (r < 0.55) {
      // The visitor's message went unanswered: a chatbot joined.
      out.category = 'joined';
      out.visitorMessages = 1;
      const s = session(out, index, 0, joiner, 'joined', createdAt + between(60_000, 300_000), rng() < 0.6 ? 'engage' : 'ignore');
      out.lastAt = s.lastAt;
      finishConversation(out, s);
    } else {
      out.category = 'chatbot';
      const chatbot = starters[pickWeighted(rng, starterWeights, starterTotal)];
      const s = session(out, index, 0, chatbot, 'started', createdAt, 'engage');
      out.lastAt = s.lastAt;
      finishConversation(out, s);
    }
    return out;
  }

  /** What happens after the (first) session: the end signals, a free message, a finishing chatbot. */
  function finishConversation(out, s) {
    const { id, index } = out;
    if (s.status === 'ended') {
      // The flow reached its end: the visitor often closes the box; some write afterwards (escalates).
      if (rng() < 0.5) endRecord(out, 'chatbox_closed', null, s.lastAt + between(5_000, 120_000), `chatbox_closed:${id}:${s.step + 1}`);
      if (rng() < 0.1) {
        const at = s.lastAt + between(10_000, 600_000);
        out.records.push({ source: 'conversation', kind: 'visitor_typed', sessionId: s.sessionId, at, dedupeKey: `typed:${s.sessionId}` });
        out.visitorMessages++;
        out.lastAt = Math.max(out.lastAt, at);
        endRecord(out, 'closed', null, at + between(300_000, 3_600_000), `closed:${id}:${index}`);
      }
    } else if (s.status === 'handed_over') {
      // An agent took over; most get closed, some handed to the feedback chatbot first.
      const agentDone = s.lastAt + between(300_000, 5_400_000);
      if (rng() < 0.15) {
        const f = session(out, index, 1, finisher, 'finished', agentDone, 'short');
        out.lastAt = Math.max(out.lastAt, f.lastAt);
        endRecord(out, 'closed', null, f.lastAt + between(30_000, 600_000), `closed:${id}:${index}`);
      } else if (rng() < 0.85) endRecord(out, 'closed', null, agentDone, `closed:${id}:${index}`);
    } else {
      // The visitor stopped at a button: the box closed, the inactivity timeout, a session timeout, or nothing yet (in progress).
      const r = rng();
      if (r < 0.45) endRecord(out, 'chatbox_closed', null, s.lastAt + between(10_000, 600_000), `chatbox_closed:${id}:${s.step + 1}`);
      else if (r < 0.85) endRecord(out, 'inactive', null, s.lastAt + 1_800_000, `inactive:${id}:${s.lastAt}`);
      else if (r < 0.93) {
        const at = s.lastAt + 1_800_000;
        out.records.push({
          source: 'chatbot',
          sessionId: s.sessionId,
          ordinal: (s.step + 1) * 1000,
          chatbotId: s.chatbot.id,
          versionId: s.versionId,
          language: s.language,
          event: 'ended',
          nodeId: s.waitingAt,
          choiceId: null,
          reason: 'timeout',
          at,
        });
        s.status = 'ended';
        out.lastAt = Math.max(out.lastAt, at);
      }
    }
  }

  /** Every conversation, in creation order (times within a day spread over a daytime-heavy curve). */
  function* all() {
    let index = 0;
    const times = [];
    for (let d = 0; d < days; d++) {
      times.length = 0;
      for (let i = 0; i < perDay[d]; i++) {
        // Busier in the day: the mean of two uniforms, centred on 13:00 UTC.
        const u = (rng() + rng()) / 2;
        times.push(startMs + d * DAY_MS + Math.floor(((u + 13 / 24 - 0.5 + 1) % 1) * DAY_MS));
      }
      times.sort((a, b) => a - b);
      for (const t of times) yield conversation(index++, t);
    }
  }

  // Visitors: a conversation still open has a visitor of its own (one open conversation per visitor);
  // closed ones share a pool of returning visitors.
  const poolSize = Math.max(1000, Math.floor(conversations / 20));
  const poolVisitorId = (n) => idAt(startMs - DAY_MS, ID_VISITOR, 2 ** 40 + n);
  const visitorOf = (c) => (c.closedAt === null ? { id: idAt(c.createdAt, ID_VISITOR, c.index), own: true } : { id: poolVisitorId(c.index % poolSize), own: false });

  return {
    workspaceId,
    timezone: 'UTC',
    poolSize,
    poolVisitorId,
    visitorOf,
    firstDay,
    lastDay,
    startMs,
    endMs,
    days,
    conversations: conversations,
    chatbots,
    perDay,
    all,
  };
}

/** The conversation row's statistics-related columns, from the generated conversation and its folded facts. */
export function rowFields(c, firstInteractionAt) {
  const last = c.sessions[c.sessions.length - 1];
  const open = c.closedAt === null;
  return {
    status: open ? 'open' : 'closed',
    closed_at: c.closedAt,
    activity_at: c.lastAt,
    updated_at: c.lastAt,
    inbox_visible: c.visible ? 1 : 0,
    chatbot_id: last ? last.chatbot.id : null,
    chatbot_status: last ? last.status : null,
    handover_at: last ? last.handoverAt : null,
    handover_reason: last ? last.handoverReason : null,
    first_interaction_at: firstInteractionAt,
    visitor_message_count: c.visitorMessages,
    read_visitor_message_count: c.visitorMessages,
    last_seq: c.visitorMessages * 2 + c.records.length,
  };
}

/** `dayIn(zone)` memoised per quarter hour (every time zone's offset is a multiple of 15 minutes). */
export function memoDay(dayOf) {
  const memo = new Map();
  return (at) => {
    const bucket = Math.floor(at / 900_000);
    let day = memo.get(bucket);
    if (day === undefined) {
      day = dayOf(bucket * 900_000);
      memo.set(bucket, day);
    }
    return day;
  };
}

/** The conversation-row columns a batch carries (one array each), besides id, visitor and created_at. */
const ROW_FIELDS = [
  'status',
  'closed_at',
  'activity_at',
  'updated_at',
  'inbox_visible',
  'chatbot_id',
  'chatbot_status',
  'handover_at',
  'handover_reason',
  'first_interaction_at',
  'visitor_message_count',
  'read_visitor_message_count',
  'last_seq',
];

/**
 * Generates the history in a worker thread (its own core, and a larger young
 * generation: the fold allocates a lot of short-lived objects) and hands the
 * conversation rows to `onBatch` in creation order, batch by batch, with at most
 * `ahead` batches waiting. Each conversation's records are folded with
 * `foldConversation`, classified, and its `contributionOf` summed into one
 * Contribution — what the projector would have written — returned at the end.
 */
export function streamHistory({ conversations, seed = 0x5eed, batchSize = 10_000, ahead = 3 }, onBatch) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { statsHistoryWorker: true, conversations, seed, batchSize, ahead },
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    let chain = Promise.resolve();
    let failed = false;
    const fail = (error) => {
      if (failed) return;
      failed = true;
      void worker.terminate();
      reject(error);
    };
    worker.on('message', (message) => {
      if (message.type === 'batch') {
        chain = chain
          .then(() => onBatch(message))
          .then(() => worker.postMessage('ack'))
          .catch(fail);
      } else if (message.type === 'done') {
        chain.then(() => {
          void worker.terminate();
          resolve(message);
        }, fail);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0 && !failed) chain.then(() => fail(new Error(`stats history worker exited with ${code}`)));
    });
  });
}

async function runWorker({ conversations, seed, batchSize, ahead }) {
  const core = await import(new URL('../../packages/core/dist/index.js', import.meta.url).href);
  const { dayIn } = await import(new URL('../../packages/server/dist/statistics/conversation-records.js', import.meta.url).href);
  const { foldConversation, classifyConversation, contributionOf, sumContributions } = core;
  const history = createHistory({ conversations, seed });
  const dayOf = memoDay(dayIn(history.timezone));
  const total = {};
  const mix = {};
  let records = 0;
  let sessions = 0;
  let pending = 0;
  let wake = null;
  parentPort.on('message', () => {
    pending--;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  });
  const newBatch = () => {
    const b = { type: 'batch', n: 0, id: [], visitor_id: [], own_visitor: [], created_at: [] };
    for (const f of ROW_FIELDS) b[f] = [];
    return b;
  };
  let batch = newBatch();
  let busyMs = 0;
  let t = performance.now();
  for (const c of history.all()) {
    const facts = foldConversation({ conversationId: c.id, createdAt: c.createdAt, visible: c.visible }, c.records);
    const classification = classifyConversation(facts);
    sumContributions(total, contributionOf(facts, dayOf));
    records += c.records.length;
    sessions += c.sessions.length;
    const mixKey = `${c.category}/${classification.outcome}`;
    mix[mixKey] = (mix[mixKey] ?? 0) + 1;
    const visitor = history.visitorOf(c);
    const fields = rowFields(c, classification.firstInteractionAt);
    batch.id.push(c.id);
    batch.visitor_id.push(visitor.id);
    batch.own_visitor.push(visitor.own);
    batch.created_at.push(c.createdAt);
    for (const f of ROW_FIELDS) batch[f].push(fields[f]);
    if (++batch.n === batchSize) {
      parentPort.postMessage(batch);
      batch = newBatch();
      if (++pending >= ahead) {
        busyMs += performance.now() - t;
        await new Promise((r) => (wake = r));
        t = performance.now();
      }
    }
  }
  if (batch.n > 0) parentPort.postMessage(batch);
  busyMs += performance.now() - t;
  parentPort.postMessage({ type: 'done', total, mix, records, sessions, busyMs, chatbots: history.chatbots.map(serializableChatbot) });
}

/** A chatbot without its flow's Map (for postMessage). */
export function serializableChatbot(c) {
  return { ...c, versions: c.versions.map((v) => ({ id: v.id, number: v.number, publishedAt: v.publishedAt, nodes: v.flow.size, document: v.flow.document })) };
}

if (!isMainThread && workerData?.statsHistoryWorker) {
  runWorker(workerData).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
