// Fixtures for the targeting benchmarks: 50 chatbots × 10 conditions (mixed
// fields, 2 patterns each) and one page view's facts. Used by
// scripts/bench-evaluate.mjs and by `npm run bench` (bench/scenarios/targeting-eval.mjs).
import { compileTargeting, TargetingSchema } from '../dist/index.js';

export const CHATBOTS = 50;
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
export function targetingFor(i, scenario) {
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

export const officeHours = {
  days: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }]])),
};
export const baseFacts = {
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
export function candidatesFor(scenario) {
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

