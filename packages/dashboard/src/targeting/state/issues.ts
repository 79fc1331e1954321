import type { LintWarning, TargetingIssue } from '@parley/targeting';
import type { ConditionGroup } from '@parley/targeting';
import { closestExisting, pathKey } from './tree';

/**
 * Where an error or a warning belongs on the settings page. Errors come from
 * the server's 400 (`issues[].path` = `"body.targeting.conditions.conditions.1.value"`)
 * or from `checkTargeting` while editing (`['conditions', 'conditions', 1, 'value']`);
 * both are turned into a place: a condition or group of the tree (with the
 * part of a condition: field, key, operator, value), the trigger, the
 * frequency, the priority, or the document as a whole.
 */
export type Place =
  | { kind: 'item'; path: number[]; part: ConditionPart | null }
  | { kind: 'trigger'; part: string | null }
  | { kind: 'frequency' }
  | { kind: 'priority' }
  | { kind: 'document' };

export type ConditionPart = 'field' | 'key' | 'operator' | 'value' | 'kind' | 'match';

const PARTS = new Set<string>(['field', 'key', 'operator', 'value', 'kind', 'match']);

export interface ShownError {
  place: Place;
  message: string;
  /** The checker's code (live errors); the server's 400 gives none. */
  code: string | null;
  source: 'server' | 'live';
}

/**
 * The place of a path from the targeting document's root:
 * `['conditions']` is the root group, `['conditions', 'conditions', 1]` its
 * second item, `['conditions', 'conditions', 1, 'conditions', 0, 'value', 'from']`
 * the value of the first item of that group.
 */
export function placeOfTargetingPath(path: readonly (string | number)[]): Place {
  const [head, ...rest] = path;
  if (head === 'trigger') return { kind: 'trigger', part: rest.length > 0 ? String(rest[0]) : null };
  if (head === 'frequency') return { kind: 'frequency' };
  if (head !== 'conditions') return { kind: 'document' };
  const indexes: number[] = [];
  let i = 0;
  while (i + 1 < rest.length && rest[i] === 'conditions' && isIndex(rest[i + 1])) {
    indexes.push(Number(rest[i + 1]));
    i += 2;
  }
  const next = rest[i];
  const part = next !== undefined && PARTS.has(String(next)) ? (String(next) as ConditionPart) : null;
  return { kind: 'item', path: indexes, part };
}

function isIndex(value: string | number | undefined): boolean {
  return typeof value === 'number' ? Number.isInteger(value) && value >= 0 : value !== undefined && /^\d+$/.test(value);
}

/** `"body.targeting.conditions.conditions.1.value"` → the segments after `body` (`["targeting", "conditions", "conditions", 1, "value"]`). */
export function splitServerPath(path: string): (string | number)[] {
  const segments = path.split('.').filter((s) => s !== '');
  if (segments[0] === 'body') segments.shift();
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The place of a server issue path (`body.targeting…`, `body.priority`). */
export function placeOfServerPath(path: string): Place {
  const [head, ...rest] = splitServerPath(path);
  if (head === 'targeting') return rest.length === 0 ? { kind: 'document' } : placeOfTargetingPath(rest);
  if (head === 'priority') return { kind: 'priority' };
  return { kind: 'document' };
}

/** A refused save (`400 {error: {message, issues}}`) as errors on the page; no issues → the message on the document. */
export function serverErrors(issues: readonly { path: string; message: string }[], message: string): ShownError[] {
  if (issues.length === 0) return [{ place: { kind: 'document' }, message, code: null, source: 'server' }];
  return issues.map((issue) => ({ place: placeOfServerPath(issue.path), message: issue.message, code: null, source: 'server' }));
}

/** `checkTargeting`'s issues as errors on the page. */
export function liveErrors(issues: readonly TargetingIssue[]): ShownError[] {
  return issues.map((issue) => ({ place: placeOfTargetingPath(issue.path), message: issue.message, code: issue.code, source: 'live' }));
}

export function placeKey(place: Place): string {
  switch (place.kind) {
    case 'item':
      return `item:${pathKey(place.path)}`;
    case 'trigger':
      return 'trigger';
    default:
      return place.kind;
  }
}

/** Server errors first, then the live ones that do not say the same thing at the same place. */
export function mergeErrors(server: readonly ShownError[], live: readonly ShownError[]): ShownError[] {
  const seen = new Set(server.map((e) => `${placeKey(e.place)}|${e.message}`));
  return [...server, ...live.filter((e) => !seen.has(`${placeKey(e.place)}|${e.message}`))];
}

/** Errors by item path key (`"0.1"`, root `""`), plus those about the rest of the page. */
export interface ErrorIndex {
  items: Map<string, ShownError[]>;
  trigger: ShownError[];
  frequency: ShownError[];
  priority: ShownError[];
  document: ShownError[];
}

/**
 * Sorts errors by where they show. An error at a path the tree no longer has
 * (the server answered about an older document) goes to the closest item
 * that still exists.
 */
export function indexErrors(errors: readonly ShownError[], root: ConditionGroup): ErrorIndex {
  const index: ErrorIndex = { items: new Map(), trigger: [], frequency: [], priority: [], document: [] };
  for (const error of errors) {
    const { place } = error;
    if (place.kind === 'item') {
      const key = pathKey(closestExisting(root, place.path));
      const list = index.items.get(key);
      if (list) list.push(error);
      else index.items.set(key, [error]);
    } else {
      index[place.kind].push(error);
    }
  }
  return index;
}

/** Warnings by item path key, each on the closest item that exists. */
export function indexWarnings(warnings: readonly LintWarning[], root: ConditionGroup): Map<string, LintWarning[]> {
  const map = new Map<string, LintWarning[]>();
  for (const warning of warnings) {
    const key = pathKey(closestExisting(root, warning.path));
    const list = map.get(key);
    if (list) list.push(warning);
    else map.set(key, [warning]);
  }
  return map;
}

/**
 * The warnings to show beside the errors: a condition the checker already
 * refuses gets its error, not also the linter's "this condition is invalid"
 * (or its unusable pattern) a second time.
 */
export function warningsBesideErrors(warnings: readonly LintWarning[], errors: readonly ShownError[]): LintWarning[] {
  const refused = new Set(errors.filter((e) => e.place.kind === 'item' && e.place.part !== null).map((e) => pathKey((e.place as { path: number[] }).path)));
  return warnings.filter((w) => !refused.has(pathKey(w.path)) || (w.code !== 'never_matches' && w.code !== 'bad_regex'));
}
