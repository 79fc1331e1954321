import { compileSafeRegex, primarySubtag } from '@parley/flow';
import { conditionIssues } from '../check/condition-issues.js';
import { conditionLabel, enumValueLabel, quote } from '../labels.js';
import { FIELD_TYPES, type Condition, type TargetingFacts } from '../schema.js';
import { inClockRange, parseClockTime } from '../time.js';
import type { FactView } from './fact-view.js';
import { requiredLiterals } from './regex-prefilter.js';
import { zonePhrase, type LocalClock } from './local-clock.js';

/** A condition ready to run: what it tests, and why it did not hold. */
export interface CompiledCondition {
  readonly kind: 'condition';
  /** Indexes into `conditions` from the root group. */
  readonly path: readonly number[];
  readonly condition: Condition;
  test(view: FactView): boolean;
  /** Why the condition does not hold for these facts (call only when `test` is false). */
  explain(view: FactView): string;
}

type Test = (view: FactView) => boolean;

/** How many answers of the pattern engine each condition keeps, for inputs up to this length. */
const ANSWERS_MAX = 256;
const ANSWER_INPUT_MAX = 2048;
type Explain = (view: FactView) => string;

/**
 * Compiles one condition: lowercase texts, the pattern, times and dates are
 * worked out once. A condition that does not pass `checkTargeting` (a stored
 * document from before a rule changed) never holds, and says why.
 */
export function compileCondition(condition: Condition, path: readonly number[]): CompiledCondition {
  const issues = conditionIssues(condition);
  let parts: [Test, Explain];
  if (issues.length > 0) {
    const reason = `${conditionLabel(condition)}: this condition cannot be evaluated (${issues[0]!.message})`;
    parts = [() => false, () => reason];
  } else {
    parts = compileValid(condition);
  }
  const [test, explain] = parts;
  return { kind: 'condition', path, condition, test, explain };
}

function compileValid(c: Condition): [Test, Explain] {
  switch (FIELD_TYPES[c.field]) {
    case 'text':
      return compileText(c);
    case 'number':
      return compileNumber(c);
    case 'enum':
      return compileEnum(c);
    case 'boolean':
      return compileBoolean(c);
    case 'time_range':
      return compileTimeRange(c);
    case 'date_range':
      return compileDateRange(c);
  }
}

// ─── text ───────────────────────────────────────────────────────────────────

function compileText(c: Condition): [Test, Explain] {
  const read = textReader(c);
  const slot = `${c.field}\u0000${c.key ?? ''}`;
  const label = conditionLabel(c);
  const expected = c.value as string;
  const e = expected.toLowerCase();
  const actualText = (view: FactView) => {
    const raw = read(view.facts);
    return raw === null ? 'it is unknown' : `it is ${quote(raw)}`;
  };
  const because = (phrase: string): Explain => (view) => `${label} ${phrase} ${quote(expected)} (${actualText(view)})`;
  const lower = (view: FactView) => view.lower(slot, read);

  if (c.operator === 'regex') {
    const compiled = compileSafeRegex(expected);
    if (!compiled.ok) return [() => false, () => `${label}: the pattern cannot be used (${compiled.message})`];
    const regex = compiled.regex;
    const literals = requiredLiterals(expected);
    const key = `${slot}\u0001${expected}`;
    // Pages repeat: the engine's answers for the last inputs are kept with the compiled condition.
    const answers = new Map<string, boolean>();
    const run = (view: FactView): boolean => {
      const raw = read(view.facts);
      if (raw === null) return false;
      if (literals.length > 0) {
        const folded = view.folded(slot, read)!;
        for (const literal of literals) if (!folded.includes(literal)) return false;
      }
      const known = answers.get(raw);
      if (known !== undefined) return known;
      const answer = regex.test(raw);
      if (raw.length <= ANSWER_INPUT_MAX) {
        if (answers.size >= ANSWERS_MAX) answers.clear();
        answers.set(raw, answer);
      }
      return answer;
    };
    return [
      (view) => view.pattern(key, run),
      (view) => `${label} does not match the pattern ${quote(expected)} (${actualText(view)})`,
    ];
  }
  const isLanguage = c.field === 'language';
  const same = isLanguage && !e.includes('-') && e !== '' ? (a: string) => a === e || primarySubtag(a) === e : (a: string) => a === e;
  switch (c.operator) {
    case 'is':
      return [(v) => { const a = lower(v); return a !== null && same(a); }, because('is not')];
    case 'is_not':
      return [(v) => { const a = lower(v); return a === null || !same(a); }, because('is')];
    case 'contains':
      return [(v) => { const a = lower(v); return a !== null && a.includes(e); }, because('does not contain')];
    case 'not_contains':
      return [(v) => { const a = lower(v); return a === null || !a.includes(e); }, because('contains')];
    case 'starts_with':
      return [(v) => { const a = lower(v); return a !== null && a.startsWith(e); }, because('does not start with')];
    case 'not_starts_with':
      return [(v) => { const a = lower(v); return a === null || !a.startsWith(e); }, because('starts with')];
    default:
      return unreachable(c);
  }
}

function textReader(c: Condition): (facts: TargetingFacts) => string | null {
  const key = c.key ?? '';
  switch (c.field) {
    case 'page_url':
      return (f) => text(f.page?.url);
    case 'page_title':
      return (f) => text(f.page?.title);
    case 'language':
      return (f) => text(f.language);
    case 'country':
      return (f) => text(f.country);
    case 'city':
      return (f) => text(f.city);
    case 'browser':
      return (f) => text(f.browser);
    case 'os':
      return (f) => text(f.os);
    case 'referrer':
      return (f) => text(f.referrer);
    case 'visitor_group':
      return (f) => text(f.visitorGroup);
    case 'utm':
      return (f) => text(own(f.utm, key));
    case 'variable':
      return (f) => text(own(f.variables, key));
    case 'contact_property':
      return (f) => text(own(f.contactProperties, key));
    default:
      return () => null;
  }
}

/** A fact as text; null when missing. Numbers and booleans read as their String(). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return null;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** An own property only: a variable named "constructor" is not Object's constructor. */
function own(record: object | null | undefined, key: string): unknown {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

// ─── number ─────────────────────────────────────────────────────────────────

function compileNumber(c: Condition): [Test, Explain] {
  const expected = c.value as number;
  const label = conditionLabel(c);
  const read: (view: FactView) => number | null =
    c.field === 'hour_of_day'
      ? (view) => view.clock()?.hour ?? null
      : (view) => (typeof view.facts.visitCount === 'number' && Number.isFinite(view.facts.visitCount) ? view.facts.visitCount : null);
  const actualText = (view: FactView) => {
    const actual = read(view);
    if (actual === null) return 'it is unknown';
    const clock = view.clock();
    return c.field === 'hour_of_day' && clock !== null ? `it is ${actual} ${zonePhrase(clock)}` : `it is ${actual}`;
  };
  const because = (phrase: string): Explain => (view) => `${label} ${phrase} ${expected} (${actualText(view)})`;
  switch (c.operator) {
    case 'eq':
      return [(v) => { const a = read(v); return a !== null && a === expected; }, because('is not')];
    case 'neq':
      return [(v) => { const a = read(v); return a === null || a !== expected; }, because('is')];
    case 'gt':
      return [(v) => { const a = read(v); return a !== null && a > expected; }, because('is not greater than')];
    case 'gte':
      return [(v) => { const a = read(v); return a !== null && a >= expected; }, because('is less than')];
    case 'lt':
      return [(v) => { const a = read(v); return a !== null && a < expected; }, because('is not less than')];
    case 'lte':
      return [(v) => { const a = read(v); return a !== null && a <= expected; }, because('is greater than')];
    default:
      return unreachable(c);
  }
}

// ─── enum ───────────────────────────────────────────────────────────────────

function compileEnum(c: Condition): [Test, Explain] {
  const label = conditionLabel(c);
  const values = (typeof c.value === 'string' ? [c.value] : (c.value as string[])).map((v) => v.toLowerCase());
  const set = new Set(values);
  const listed = values.map(enumValueLabel).join(', ');
  const read: (view: FactView) => string | null =
    c.field === 'device_type'
      ? (view) => (view.facts.deviceType === 'unknown' || typeof view.facts.deviceType !== 'string' ? null : view.facts.deviceType)
      : c.field === 'visitor_type'
        ? (view) => {
            const count = view.facts.visitCount;
            return typeof count !== 'number' || !Number.isFinite(count) ? null : count >= 2 ? 'returning' : 'new';
          }
        : (view) => view.clock()?.day ?? null;
  const actualText = (view: FactView) => {
    const actual = read(view);
    if (actual === null) return 'it is unknown';
    if (c.field === 'visitor_type') return `it is ${actual}: visit ${view.facts.visitCount}`;
    const clock = view.clock();
    if (c.field === 'day_of_week' && clock !== null) return `it is ${enumValueLabel(actual)} ${zonePhrase(clock)}`;
    return `it is ${enumValueLabel(actual)}`;
  };
  const positive = c.operator === 'is' || c.operator === 'in';
  const test: Test = positive
    ? (view) => { const a = read(view); return a !== null && set.has(a); }
    : (view) => { const a = read(view); return a === null || !set.has(a); };
  const explain: Explain =
    c.operator === 'is'
      ? (view) => `${label} is not ${listed} (${actualText(view)})`
      : c.operator === 'in'
        ? (view) => `${label} is not one of ${listed} (${actualText(view)})`
        : c.operator === 'is_not'
          ? (view) => `${label} is ${listed} (${actualText(view)})`
          : (view) => `${label} is one of the excluded ${listed} (${actualText(view)})`;
  return [test, explain];
}

// ─── boolean ────────────────────────────────────────────────────────────────

function compileBoolean(c: Condition): [Test, Explain] {
  const wanted = c.operator === 'is_true';
  if (c.field === 'agents_online') {
    return [
      (view) => (view.facts.agentsOnline === true) === wanted,
      () => (wanted ? 'No agent is online' : 'An agent is online'),
    ];
  }
  // office_hours
  return [
    (view) => {
      const open = view.officeOpen();
      return open !== null && open === wanted;
    },
    (view) => {
      const clock = view.clock();
      if (clock === null) return 'The current time is unknown, so office hours cannot be told';
      return `It is ${clock.time} on ${enumValueLabel(clock.day)} ${zonePhrase(clock)}, ${wanted ? 'outside' : 'within'} office hours`;
    },
  ];
}

// ─── time of day ────────────────────────────────────────────────────────────

function compileTimeRange(c: Condition): [Test, Explain] {
  const range = c.value as { from: string; to: string };
  const from = parseClockTime(range.from)!;
  const to = parseClockTime(range.to)!;
  const shown = `${range.from}–${range.to}`;
  const inside = c.operator === 'between';
  return [
    (view) => {
      const clock = view.clock();
      if (clock === null) return !inside;
      return inClockRange(clock.minuteOfDay, from, to) === inside;
    },
    (view) => {
      const clock = view.clock();
      if (clock === null) return `${conditionLabel(c)} is unknown`;
      if (from === to && inside) return `The time range ${shown} is empty, so it never matches`;
      return `It is ${clock.time} ${zonePhrase(clock)}, ${inside ? 'outside' : 'within'} ${shown}`;
    },
  ];
}

// ─── date ───────────────────────────────────────────────────────────────────

function compileDateRange(c: Condition): [Test, Explain] {
  const now = (clock: LocalClock) => `It is ${clock.date} ${zonePhrase(clock)}`;
  const unknown = () => `${conditionLabel(c)} is unknown`;
  if (c.operator === 'before' || c.operator === 'after') {
    const day = c.value as string;
    const before = c.operator === 'before';
    return [
      (view) => {
        const clock = view.clock();
        return clock !== null && (before ? clock.date < day : clock.date > day);
      },
      (view) => {
        const clock = view.clock();
        return clock === null ? unknown() : `${now(clock)}, not ${c.operator} ${day}`;
      },
    ];
  }
  const { from, to } = c.value as { from: string; to: string };
  const inside = c.operator === 'between';
  const shown = from === to ? from : `${from} – ${to}`;
  return [
    (view) => {
      const clock = view.clock();
      if (clock === null) return !inside;
      return (clock.date >= from && clock.date <= to) === inside;
    },
    (view) => {
      const clock = view.clock();
      if (clock === null) return unknown();
      if (from > to && inside) return `The date range ${shown} ends before it starts, so it never matches`;
      return `${now(clock)}, ${inside ? 'outside' : 'within'} ${shown}`;
    },
  ];
}

function unreachable(c: Condition): never {
  throw new Error(`Operator ${c.operator} does not apply to ${c.field}`);
}
