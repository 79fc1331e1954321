import type { z } from 'zod';
import { CONDITIONS_MAX } from '../schema.js';
import type { TargetingIssue } from './issue.js';

type Path = (string | number)[];

/**
 * Turns zod's issues into targeting issues with paths from the document's
 * root. `input` is the document as received (to name a wrong value).
 */
export function schemaIssues(error: z.ZodError, input: unknown): TargetingIssue[] {
  return error.issues.flatMap((issue) => mapIssue(issue, [], input));
}

function mapIssue(issue: z.core.$ZodIssue, prefix: Path, input: unknown): TargetingIssue[] {
  const path = [...prefix, ...issue.path.map(pathKey)];
  // A condition-or-group failed both options: report the option it was meant
  // to be, so the path points at the real mistake.
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && !isValuePath(path)) {
    return closestOption(issue.errors).flatMap((inner) => mapIssue(inner, path, input));
  }
  const last = path[path.length - 1];
  const inCondition = isConditionPath(path) && valueAt(input, path) !== undefined;
  if (inCondition && last === 'field' && issue.code === 'invalid_value') {
    return [{ path, code: 'unknown_field', message: `Unknown field ${shown(valueAt(input, path))}` }];
  }
  if (inCondition && last === 'operator' && issue.code === 'invalid_value') {
    return [{ path, code: 'operator_mismatch', message: `Unknown operator ${shown(valueAt(input, path))}` }];
  }
  if (last === 'conditions' && issue.code === 'too_big') {
    return [{ path, code: 'too_many', message: `A group may hold at most ${CONDITIONS_MAX} conditions` }];
  }
  if (isValuePath(path) || (inCondition && last === 'key')) {
    return [{ path, code: 'bad_value', message: valueMessage(issue, path, input) }];
  }
  return [{ path, code: 'invalid_document', message: describeIssue(issue, path, input) }];
}

/** The union option the input was most likely meant to be: one whose shape fits, with the fewest issues. */
function closestOption(options: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const score = (issues: z.core.$ZodIssue[]) => issues.length + (issues.some(isWrongShape) ? 1000 : 0);
  return options.reduce((best, option) => (score(option) < score(best) ? option : best));
}

function isWrongShape(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_union' && issue.errors.length === 0) return true;
  if (issue.path.length === 1 && issue.path[0] === 'kind' && issue.code === 'invalid_value') return true;
  return issue.path.length === 0 && (issue.code === 'unrecognized_keys' || issue.code === 'invalid_type');
}

/** `['conditions', 'conditions', 2, 'field']`: inside a condition of the tree. */
function isConditionPath(path: Path): boolean {
  return path[0] === 'conditions' && typeof path[path.length - 2] === 'number';
}

/** Under a condition's `value`. */
function isValuePath(path: Path): boolean {
  const at = path.lastIndexOf('value');
  return at > 0 && path[0] === 'conditions' && typeof path[at - 1] === 'number';
}

function valueMessage(issue: z.core.$ZodIssue, path: Path, input: unknown): string {
  if (issue.code === 'invalid_union') return 'A value must be a text, a number, a list of texts or {from, to}';
  if (issue.code === 'too_big' && issue.origin === 'string') return `This value is too long (at most ${String(issue.maximum)} characters)`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `This list is too long (at most ${String(issue.maximum)} values)`;
  return describeIssue(issue, path, input);
}

function describeIssue(issue: z.core.$ZodIssue, path: Path, input: unknown): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && isMissing(issue, input, path)) return `${quoteKey(path)} is required`;
  if (issue.code === 'unrecognized_keys') return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union' && issue.errors.length === 0 && 'options' in issue && Array.isArray(issue.options)) {
    return `Unknown kind; use ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_value') return `Invalid value; use ${issue.values.map((v) => `"${String(v)}"`).join(', ')}`;
  return issue.message;
}

function isMissing(issue: z.core.$ZodIssue, input: unknown, path: Path): boolean {
  return issue.message.endsWith('received undefined') || valueAt(input, path) === undefined;
}

function quoteKey(path: Path): string {
  const key = path[path.length - 1];
  return key === undefined ? 'A value' : `"${String(key)}"`;
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

/** The input's value at `path`, or undefined. */
export function valueAt(input: unknown, path: Path): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}
