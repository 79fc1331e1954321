// Micro-benchmark (not a test): one page view against 50 chatbots, each with
// 10 conditions of mixed fields including 2 patterns. Prints µs per page view.
//   npx tsc -b packages/targeting && node packages/targeting/scripts/bench-evaluate.mjs
import { armableChatbots, chooseChatbot, compileTargeting, evaluateConditions, TargetingSchema } from '../dist/index.js';

const CHATBOTS = 50;
const PATTERNS = [
  '^https://(www\\.)?acme\\.com/(pricing|plans)(/|$)',
  '/blog/\\d+',
  'utm_source=(google|bing)',
  '\\.(cz|sk)/',
  '^https?://[^/]+/products/[a-z-]+',
  'checkout|cart',
  '(^|/)docs?/',
  'ref=home\\b',
];
const REFERRER_PATTERNS = ['google\\.', '^https://(www\\.)?google\\.[a-z]+/', 'bing\\.com|duckduckgo', 'facebook|twitter|linkedin'];

/**
 * typical: 8 URL and 4 referrer patterns shared by the chatbots, many ruled
 * out by the prefilter (the page lacks a text the pattern needs), a few
 * chatbots match.
 * worst: every chatbot matches (all 10 conditions run) and has its own 2
 * patterns that the prefilter cannot rule out (top-level alternation), so
 * the linear-time engine runs 100 times per page view.
 */
function targetingFor(i, scenario) {
  const worst = scenario === 'worst';
  const p1 = worst ? `^https://(www\\.)?acme\\.com/products/[a-z-]+|x${i}` : PATTERNS[i % PATTERNS.length];
  const p2 = worst ? `google\\.com/search|y${i}` : REFERRER_PATTERNS[i % REFERRER_PATTERNS.length];
  return TargetingSchema.parse({
    trigger: { kind: 'time_on_page', seconds: 5 },
    conditions: {
      kind: 'group',
      match: 'all',
      conditions: [
        { kind: 'condition', field: 'page_url', operator: 'regex', value: p1 },
        { kind: 'condition', field: 'country', operator: 'is_not', value: i % 2 ? 'DE' : 'AT' },
        { kind: 'condition', field: 'device_type', operator: 'in', value: ['desktop', 'tablet'] },
        { kind: 'condition', field: 'visit_count', operator: 'gte', value: 1 },
        { kind: 'condition', field: 'language', operator: 'starts_with', value: 'cs' },
        {
          kind: 'group',
          match: 'any',
          conditions: [
            { kind: 'condition', field: 'utm', key: 'source', operator: 'contains', value: `news${i}` },
            { kind: 'condition', field: 'page_title', operator: 'not_contains', value: 'admin' },
          ],
        },
        { kind: 'condition', field: 'office_hours', operator: 'is_true' },
        { kind: 'condition', field: 'time_of_day', operator: 'between', value: { from: '06:00', to: '23:30' } },
        { kind: 'condition', field: 'variable', key: 'plan', operator: 'is_not', value: 'enterprise' },
        { kind: 'condition', field: 'referrer', operator: 'regex', value: p2 },
      ],
    },
    frequency: 'once_per_visit',
  });
}

const officeHours = {
  days: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }]])),
};
const baseFacts = {
  page: { url: 'https://www.acme.com/products/widgets-pro?ref=home&utm_source=newsletter', title: 'Widgets Pro — Acme' },
  referrer: 'https://www.google.com/search?q=acme+widgets',
  utm: { source: 'newsletter', medium: 'email' },
  language: 'cs-CZ',
  country: 'CZ',
  city: 'Praha',
  deviceType: 'desktop',
  browser: 'Firefox',
  os: 'Linux',
  visitCount: 3,
  visitorGroup: null,
  variables: { plan: 'pro', cartValue: 120 },
  contactProperties: {},
  now: Date.UTC(2026, 10, 24, 9, 30),
  timeZone: 'Europe/Prague',
  officeHours,
  agentsOnline: true,
};
function candidatesFor(scenario) {
  return Array.from({ length: CHATBOTS }, (_, i) => ({
    chatbotId: `bot-${i}`,
    name: `Bot ${i}`,
    priority: i % 7,
    createdAt: i,
    active: true,
    published: true,
    targeting: compileTargeting(targetingFor(i, scenario)),
    shownThisVisit: false,
    shownToVisitor: false,
  }));
}

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
