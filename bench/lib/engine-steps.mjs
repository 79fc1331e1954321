// Child-process entry: the chatbot engine alone (`step` from packages/flow/dist,
// built by `npm run build:ts`), `button_chosen` events in a tight loop on this
// process's single JS thread, so "steps per second on one core". No I/O, no server.
//
// The flow loops forever: buttons → condition (a regex on a contact property,
// or the visitor's language) → action (add a tag, or set a contact property) →
// message → back to the buttons. Each event therefore runs four nodes and emits
// 8 effects; the session's path fills up to its 500-entry cap within the warm-up.
// Started by bench/scenarios/bot-step.mjs over IPC, or directly (see the end).
import { performance } from 'node:perf_hooks';

const flowModule = new URL('../../packages/flow/dist/index.js', import.meta.url).href;
const { createFlowState, parseFlowDocument, step, PATH_MAX_ENTRIES } = await import(flowModule);

const ENGINE_FLOW = {
  schemaVersion: 1,
  startNodeId: 'menu',
  defaultLanguage: 'en',
  nodes: {
    menu: {
      kind: 'buttons',
      text: 'What would you like to know?',
      choices: [
        { id: 'plans', label: 'Plans and pricing', next: 'route' },
        { id: 'shipping', label: 'Shipping', next: 'route' },
      ],
      humanChoice: { id: 'human', label: 'Talk to a human' },
    },
    route: {
      kind: 'condition',
      branches: [
        {
          id: 'pro',
          when: {
            match: 'any',
            conditions: [
              { field: { source: 'contact_property', key: 'plan' }, operator: 'regex', value: '^(pro|team)(-[a-z]+)?$' },
              { field: { source: 'visitor_language' }, operator: 'is', value: 'cs' },
            ],
          },
          next: 'tag_pro',
        },
      ],
      else: 'note_basic',
    },
    tag_pro: { kind: 'action', action: 'add_tag', tag: 'pro', next: 'reply' },
    note_basic: { kind: 'action', action: 'set_contact_property', key: 'last_topic', value: 'basic', next: 'reply' },
    reply: { kind: 'message', text: 'Here is what we know about that.', next: 'menu' },
  },
};

const CHOICES = ['plans', 'shipping'];

function context(plan, now) {
  return { agentsOnline: true, officeHoursOpen: true, language: 'en', contact: { name: null, email: null, phone: null, properties: { plan } }, now };
}

/** Runs the loop for warmupMs (not counted), then durationMs; returns steps/s and checks every result. */
function run({ warmupMs = 500, durationMs = 3000 } = {}) {
  const parsed = parseFlowDocument(ENGINE_FLOW);
  if (!parsed.ok) throw new Error(`engine flow does not parse: ${JSON.stringify(parsed.problems)}`);
  const flow = parsed.flow;
  // Two contexts so both branches of the condition run (regex matches / does not match).
  const contexts = [context('team-annual', 1_700_000_000_000), context('basic', 1_700_000_000_000)];
  let state = step(flow, createFlowState(), { type: 'start' }, contexts[0]).state;
  let steps = 0;
  let effects = 0;
  let refused = 0;
  const loop = (until) => {
    let n = 0;
    for (;;) {
      // Check the clock every 256 events only, so the loop is the engine, not performance.now().
      for (let i = 0; i < 256; i++, n++) {
        const result = step(flow, state, { type: 'button_chosen', choiceId: CHOICES[n & 1] }, contexts[(n >> 1) & 1]);
        if (!result.ok) {
          refused++;
          continue;
        }
        effects += result.effects.length;
        state = result.state;
      }
      if (performance.now() >= until) return n;
    }
  };
  loop(performance.now() + warmupMs);
  effects = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  steps = loop(t0 + durationMs);
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (state.nodeId !== 'menu' || state.status !== 'waiting') throw new Error(`engine loop ended at ${state.nodeId} (${state.status})`);
  return {
    steps,
    elapsedMs,
    stepsPerSecond: (steps * 1000) / elapsedMs,
    usPerStep: (elapsedMs * 1000) / steps,
    nodesPerStep: 4,
    effectsPerStep: effects / steps,
    refused,
    pathLength: state.path.length,
    pathMax: PATH_MAX_ENTRIES,
    cpuCores: (cpu.user + cpu.system) / 1000 / elapsedMs,
    node: process.version,
  };
}

// Run directly (`node [--cpu-prof] bench/lib/engine-steps.mjs [durationMs]`), it prints its result.
if (!process.send) {
  console.log(run({ durationMs: Number(process.argv[2] ?? 3000) }));
  process.exit(0);
}

process.on('message', (msg) => {
  try {
    if (msg.cmd === 'run') process.send({ id: msg.id, ok: true, result: run(msg) });
    else if (msg.cmd === 'stop') {
      process.send({ id: msg.id, ok: true, result: true });
      setImmediate(() => process.exit(0));
    } else throw new Error(`unknown command ${msg.cmd}`);
  } catch (error) {
    process.send({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, pid: process.pid });
