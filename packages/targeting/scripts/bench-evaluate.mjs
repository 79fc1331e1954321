// Micro-benchmark (not a test): one page view against 50 chatbots, each with
// 10 conditions of mixed fields including 2 patterns. Prints µs per page view.
//   npx tsc -b packages/targeting && node packages/targeting/scripts/bench-evaluate.mjs
import { armableChatbots, chooseChatbot, compileTargeting, evaluateConditions } from '../dist/index.js';
import { baseFacts, candidatesFor, CHATBOTS, targetingFor } from './targeting-fixtures.mjs';

function measure(label, run, rounds = 20000, unit = 'page view') {
  for (let i = 0; i < Math.min(2000, rounds); i++) run(i); // warm up
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    run(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`${label}: mean ${mean.toFixed(1)} µs, p50 ${at(0.5)} µs, p99 ${at(0.99)} µs per ${unit}`);
}

let matched = 0;
// A new moment (and so new facts) every page view. "cold": a URL and a
// referrer never seen before every page view, so no pattern answer is reused.
let cold = false;
const factsAt = (i) => {
  const facts = { ...baseFacts, now: baseFacts.now + (i % 600) * 61_000 };
  if (cold) {
    facts.page = { ...baseFacts.page, url: `${baseFacts.page.url}&n=${i}` };
    facts.referrer = `${baseFacts.referrer}&n=${i}`;
  }
  return facts;
};
for (const [scenario, isCold] of [['typical', false], ['typical', true], ['worst', false], ['worst', true]]) {
  cold = isCold;
  if (cold) console.log('  (cold: every page view has a new URL and referrer)');
  const candidates = candidatesFor(scenario);
  const check = chooseChatbot(candidates, { facts: baseFacts, trigger: { kind: 'time_on_page', secondsOnPage: 6 }, openConversation: false });
  const passing = check.verdicts.filter((v) => v.outcome !== 'excluded').length;
  console.log(`— ${scenario}: ${passing} of ${CHATBOTS} chatbots pass their conditions`);
  if (!cold) {
    const documents = Array.from({ length: CHATBOTS }, (_, b) => targetingFor(b, scenario));
    measure(`compileTargeting × ${CHATBOTS} (when chatbots change, not per page view)`, () => {
      for (const document of documents) compileTargeting(document);
    }, 2000, `${CHATBOTS} compilations`);
  }
  measure(`chooseChatbot (${CHATBOTS} candidates, with verdicts)`, (i) => {
    chooseChatbot(candidates, { facts: factsAt(i), trigger: { kind: 'time_on_page', secondsOnPage: 6 }, openConversation: false });
  });
  measure(`armableChatbots (${CHATBOTS} candidates)`, (i) => {
    armableChatbots(candidates, { facts: factsAt(i), openConversation: false });
  });
  measure(`evaluateConditions × ${CHATBOTS} (separate calls, nothing shared)`, (i) => {
    const facts = factsAt(i);
    for (const c of candidates) if (evaluateConditions(c.targeting, facts).match) matched++;
  });
}
console.log(`(${matched} matches counted, to keep the work observable)`);
