import { compileSafeRegex, primarySubtag } from '@parley/flow';
import { conditionIssues } from '../check/condition-issues.js';
import { conditionLabel, enumValueLabel, operatorLabel, quote } from '../labels.js';
import { ENUM_VALUES, FIELD_TYPES, type Condition, type ConditionGroup, type Targeting } from '../schema.js';
import { MINUTES_PER_DAY, inClockRange, parseCalendarDate, parseClockTime } from '../time.js';
import { regexShape } from './regex-cost.js';

export type LintCode = 'never_matches' | 'empty_any_group' | 'empty_time_range' | 'inverted_date_range' | 'bad_regex' | 'slow_regex';

/** Something in a saved targeting that is almost certainly a mistake. */
export interface LintWarning {
  /** Indexes into `conditions` from the root group. */
  path: number[];
  code: LintCode;
  message: string;
}

/** Patterns longer than this are hard to read and slow to run on every page view. */
export const SLOW_REGEX_LENGTH = 100;
/** Compiled programs larger than this cost (program size × text length) steps on every page view. */
export const SLOW_REGEX_PROGRAM = 100;

interface Placed {
  c: Condition;
  path: number[];
}

/**
 * Warnings for a targeting document (the dashboard shows them; saving is
 * still allowed): conditions that can never match (contradictions under an
 * `all` group, impossible values), empty `any` groups, empty time ranges,
 * date ranges that end before they start, patterns that cannot be used or
 * are slow. In document order.
 */
export function lintTargeting(targeting: Targeting): LintWarning[] {
  const warnings: LintWarning[] = [];
  const add = (path: number[], code: LintCode, message: string) => warnings.push({ path, code, message });
  const impossible = new Set<Condition>();

  const walk = (group: ConditionGroup, path: number[]) => {
    if (group.match === 'any' && group.conditions.length === 0) {
      add(path, 'empty_any_group', 'This "any" group is empty, so it never matches; add a condition or remove the group');
    }
    group.conditions.forEach((item, i) => {
      const itemPath = [...path, i];
      if (item.kind === 'group') walk(item, itemPath);
      else if (lintCondition(item, itemPath, add)) impossible.add(item);
    });
  };
  walk(targeting.conditions, []);

  for (const scope of allScopes(targeting.conditions)) {
    const subjects = new Map<string, Placed[]>();
    for (const placed of scope) {
      if (impossible.has(placed.c)) continue; // already said
      const subject = `${placed.c.field}\u0000${placed.c.key ?? ''}`;
      const list = subjects.get(subject);
      if (list) list.push(placed);
      else subjects.set(subject, [placed]);
    }
    for (const list of subjects.values()) {
      const conflict = findConflict(list);
      if (conflict !== null) add(conflict.at.path, 'never_matches', conflictMessage(conflict.involved));
    }
  }
  return sortWarnings(warnings);
}

// ─── one condition on its own ───────────────────────────────────────────────

/** Warns about one condition; true when it can never hold. */
function lintCondition(c: Condition, path: number[], add: (path: number[], code: LintCode, message: string) => void): boolean {
  const label = conditionLabel(c);
  const issues = conditionIssues(c);
  if (issues.length > 0) {
    const regexIssue = issues.find((issue) => issue.code === 'bad_regex');
    if (regexIssue) add(path, 'bad_regex', `${regexIssue.message}; the condition never matches`);
    else add(path, 'never_matches', `${label}: this condition is invalid (${issues[0]!.message}), so it never matches`);
    return true;
  }
  if (c.operator === 'regex') {
    const pattern = c.value as string;
    const compiled = compileSafeRegex(pattern);
    if (!compiled.ok) {
      add(path, 'bad_regex', `The pattern for ${label} cannot be used (${compiled.message}); the condition never matches`);
      return true;
    }
    const shape = regexShape(pattern);
    if (pattern.length > SLOW_REGEX_LENGTH) {
      add(path, 'slow_regex', `The pattern for ${label} is ${pattern.length} characters long; it is tested on every page view — prefer a shorter pattern or "contains"/"starts with"`);
    } else if (shape.size > SLOW_REGEX_PROGRAM) {
      add(path, 'slow_regex', `The pattern for ${label} is large once expanded (big repeat counts like {50}); it is tested on every page view — simplify it`);
    } else if (shape.nestedRepeat) {
      add(path, 'slow_regex', `The pattern for ${label} repeats a repeat (like "(a+)+"); that is slow or unsafe in most regex engines and rarely what was meant — simplify it`);
    }
    return false;
  }
  const type = FIELD_TYPES[c.field];
  if (type === 'time_range') {
    const { from, to } = c.value as { from: string; to: string };
    if (from === to) {
      add(
        path,
        'empty_time_range',
        c.operator === 'between'
          ? `${label} between ${from} and ${to} is an empty range, so it never matches (ranges end before "to"; for the whole day remove the condition)`
          : `${label} not between ${from} and ${to} is an empty range, so the condition always matches`,
      );
      return c.operator === 'between';
    }
  }
  if (type === 'date_range' && (c.operator === 'between' || c.operator === 'not_between')) {
    const { from, to } = c.value as { from: string; to: string };
    if (from > to) {
      add(
        path,
        'inverted_date_range',
        `${label} ${operatorLabel(c.operator)} ${from} and ${to}: the range ends before it starts, so the condition ${c.operator === 'between' ? 'never' : 'always'} matches; swap the dates`,
      );
      return c.operator === 'between';
    }
  }
  if (type === 'number') {
    const range = numberRange([c]);
    if (range === null) {
      add(path, 'never_matches', c.field === 'hour_of_day' ? `${label} is always a whole number from 0 to 23, so "${phrase(c)}" never matches` : `${label} is never ${phrase(c)}, so the condition never matches`);
      return true;
    }
  }
  if (type === 'enum' && c.operator === 'not_in') {
    const all: readonly string[] = ENUM_VALUES[c.field as keyof typeof ENUM_VALUES];
    const excluded = new Set(c.value as string[]);
    if (all.every((v) => excluded.has(v))) {
      add(path, 'never_matches', `${label} is none of every possible value, so the condition never matches`);
      return true;
    }
  }
  return false;
}

// ─── contradictions under `all` ─────────────────────────────────────────────

/** Sets of conditions that must all hold together: an `all` group with its nested `all` groups. */
function allScopes(root: ConditionGroup): Placed[][] {
  const scopes: Placed[][] = [];
  const collect = (group: ConditionGroup, path: number[]) => {
    if (group.match === 'all') {
      const scope: Placed[] = [];
      gather(group, path, scope);
      scopes.push(scope);
    } else {
      group.conditions.forEach((item, i) => {
        if (item.kind === 'group') collect(item, [...path, i]);
      });
    }
  };
  const gather = (group: ConditionGroup, path: number[], scope: Placed[]) => {
    group.conditions.forEach((item, i) => {
      const itemPath = [...path, i];
      if (item.kind === 'condition') scope.push({ c: item, path: itemPath });
      else if (item.match === 'all') gather(item, itemPath, scope);
      else collect(item, itemPath);
    });
  };
  collect(root, []);
  return scopes;
}

interface Conflict {
  /** The condition that makes the set impossible (the later one). */
  at: Placed;
  involved: Placed[];
}

/** The first point where conditions on one subject, in document order, can no longer all hold. */
function findConflict(list: Placed[]): Conflict | null {
  const type = FIELD_TYPES[list[0]!.c.field];
  for (let n = 2; n <= list.length; n++) {
    const prefix = list.slice(0, n);
    const cs = prefix.map((p) => p.c);
    let impossible: Placed[] | null = null;
    switch (type) {
      case 'number':
        impossible = numberRange(cs) === null ? prefix : null;
        break;
      case 'enum':
        impossible = enumSet(cs).size === 0 ? prefix : null;
        break;
      case 'boolean':
        impossible = new Set(cs.map((c) => c.operator)).size > 1 ? prefix : null;
        break;
      case 'time_range':
        impossible = minutes(cs) === 0 ? prefix : null;
        break;
      case 'date_range':
        impossible = dateRangeEmpty(cs) ? prefix : null;
        break;
      case 'text': {
        const last = prefix[n - 1]!;
        const earlier = prefix.slice(0, -1).find((p) => textConflict(p.c, last.c));
        impossible = earlier ? [earlier, last] : null;
        break;
      }
    }
    if (impossible !== null) return { at: prefix[n - 1]!, involved: impossible };
  }
  return null;
}

function conflictMessage(involved: Placed[]): string {
  const label = conditionLabel(involved[0]!.c);
  return `These conditions on ${label} cannot all hold, so the group never matches: ${involved.map((p) => phrase(p.c)).join('; ')}`;
}

/** "greater than 5", "is \"CZ\"", "is one of Monday, Friday", "between 09:00 and 17:00". */
function phrase(c: Condition): string {
  const op = operatorLabel(c.operator);
  const v = c.value;
  if (v === undefined) return op;
  if (typeof v === 'number') return `${op} ${v}`;
  if (Array.isArray(v)) return `${op} ${v.map(enumValueLabel).join(', ')}`;
  if (typeof v === 'object') return `${op} ${v.from} and ${v.to}`;
  return FIELD_TYPES[c.field] === 'enum' ? `${op} ${enumValueLabel(v)}` : FIELD_TYPES[c.field] === 'date_range' ? `${op} ${v}` : `${op} ${quote(v)}`;
}

/** The whole numbers all conditions allow, as [lo, hi]; null when none. */
function numberRange(cs: Condition[]): [number, number] | null {
  const field = cs[0]!.field;
  let lo = 0;
  let hi = field === 'hour_of_day' ? 23 : Infinity;
  const excluded: number[] = [];
  for (const c of cs) {
    const v = c.value as number;
    switch (c.operator) {
      case 'eq':
        if (!Number.isInteger(v)) return null;
        lo = Math.max(lo, v);
        hi = Math.min(hi, v);
        break;
      case 'neq':
        excluded.push(v);
        break;
      case 'gt':
        lo = Math.max(lo, Math.floor(v) + 1);
        break;
      case 'gte':
        lo = Math.max(lo, Math.ceil(v));
        break;
      case 'lt':
        hi = Math.min(hi, Math.ceil(v) - 1);
        break;
      case 'lte':
        hi = Math.min(hi, Math.floor(v));
        break;
    }
  }
  if (lo > hi) return null;
  if (hi - lo < 1000) {
    // a short range may be used up by "does not equal"
    let left = hi - lo + 1;
    for (const v of new Set(excluded)) if (Number.isInteger(v) && v >= lo && v <= hi) left--;
    if (left <= 0) return null;
  }
  return [lo, hi];
}

/** The enum values all conditions allow. */
function enumSet(cs: Condition[]): Set<string> {
  const allowed = new Set<string>(ENUM_VALUES[cs[0]!.field as keyof typeof ENUM_VALUES]);
  for (const c of cs) {
    const values = typeof c.value === 'string' ? [c.value] : (c.value as string[]);
    if (c.operator === 'is' || c.operator === 'in') {
      for (const v of [...allowed]) if (!values.includes(v)) allowed.delete(v);
    } else {
      for (const v of values) allowed.delete(v);
    }
  }
  return allowed;
}

/** How many minutes of the day all time ranges allow. */
function minutes(cs: Condition[]): number {
  let count = 0;
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const ok = cs.every((c) => {
      const { from, to } = c.value as { from: string; to: string };
      return inClockRange(m, parseClockTime(from)!, parseClockTime(to)!) === (c.operator === 'between');
    });
    if (ok) count++;
  }
  return count;
}

/** Whether no day satisfies all date conditions. */
function dateRangeEmpty(cs: Condition[]): boolean {
  let lo = -Infinity;
  let hi = Infinity;
  const holes: [number, number][] = [];
  for (const c of cs) {
    if (c.operator === 'before') hi = Math.min(hi, parseCalendarDate(c.value)! - 1);
    else if (c.operator === 'after') lo = Math.max(lo, parseCalendarDate(c.value)! + 1);
    else {
      const { from, to } = c.value as { from: string; to: string };
      const range: [number, number] = [parseCalendarDate(from)!, parseCalendarDate(to)!];
      if (c.operator === 'between') {
        lo = Math.max(lo, range[0]);
        hi = Math.min(hi, range[1]);
      } else {
        holes.push(range);
      }
    }
  }
  if (lo > hi) return true;
  // "not between" ranges that cover what is left (bounded ranges only)
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo > 3660) return false;
  for (let day = lo; day <= hi; day++) if (!holes.some(([a, b]) => day >= a && day <= b)) return false;
  return true;
}

/** Whether two text conditions on the same subject can never both hold. */
function textConflict(a: Condition, b: Condition): boolean {
  if (a.operator === 'is' && b.operator === 'is') return !isIsCompatible(a, b.value as string);
  if (a.operator === 'is') return !holdsFor(b, a);
  if (b.operator === 'is') return !holdsFor(a, b);
  if (a.operator === 'starts_with' && b.operator === 'starts_with') {
    const x = (a.value as string).toLowerCase();
    const y = (b.value as string).toLowerCase();
    return !x.startsWith(y) && !y.startsWith(x);
  }
  return false;
}

/** Whether `is a` and `is b` can both hold (languages: "cs" also matches "cs-CZ"). */
function isIsCompatible(a: Condition, bValue: string): boolean {
  const x = (a.value as string).toLowerCase();
  const y = bValue.toLowerCase();
  if (x === y) return true;
  if (a.field !== 'language') return false;
  if (!x.includes('-') && y.includes('-')) return primarySubtag(y) === x;
  if (x.includes('-') && !y.includes('-')) return primarySubtag(x) === y;
  return false;
}

/**
 * Whether `c` can hold when the subject `is` the value of `is` (for a
 * language `is cs` allows any "cs-…", so only `is_not` is decided).
 */
function holdsFor(c: Condition, is: Condition): boolean {
  const value = (is.value as string).toLowerCase();
  const e = typeof c.value === 'string' ? c.value.toLowerCase() : '';
  if (c.field === 'language') {
    if (c.operator !== 'is_not') return true;
    // "is cs-CZ" and "is not cs" (or "is not cs-CZ"): nothing is left; "is cs" leaves cs-… unless "is not cs"
    const conflict = value.includes('-') ? value === e || (!e.includes('-') && primarySubtag(value) === e) : value === e;
    return !conflict;
  }
  switch (c.operator) {
    case 'is_not':
      return value !== e;
    case 'contains':
      return value.includes(e);
    case 'not_contains':
      return !value.includes(e);
    case 'starts_with':
      return value.startsWith(e);
    case 'not_starts_with':
      return !value.startsWith(e);
    case 'regex': {
      const compiled = compileSafeRegex(c.value as string);
      return !compiled.ok || compiled.regex.test(is.value as string);
    }
    default:
      return true;
  }
}

function sortWarnings(warnings: LintWarning[]): LintWarning[] {
  return warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => comparePaths(a.w.path, b.w.path) || a.i - b.i)
    .map(({ w }) => w);
}

function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
