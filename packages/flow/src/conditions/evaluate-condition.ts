import { primarySubtag } from '../language/language-tag.js';
import {
  isConditionGroup,
  type BooleanCondition,
  type Condition,
  type ConditionGroup,
  type NumberCondition,
  type TextCondition,
} from '../schema/condition.js';
import type { ConditionFacts, FactValue } from './condition-facts.js';
import { readField } from './read-field.js';
import { compileSafeRegex } from './safe-regex/safe-regex.js';

/**
 * Whether a group holds: `all` needs every item, `any` needs one. An empty
 * `all` group holds and an empty `any` group does not.
 */
export function evaluateGroup(group: ConditionGroup, facts: ConditionFacts): boolean {
  if (group.match === 'all') {
    for (const item of group.conditions) if (!evaluateItem(item, facts)) return false;
    return true;
  }
  for (const item of group.conditions) if (evaluateItem(item, facts)) return true;
  return false;
}

function evaluateItem(item: Condition | ConditionGroup, facts: ConditionFacts): boolean {
  return isConditionGroup(item) ? evaluateGroup(item, facts) : evaluateCondition(item, facts);
}

/**
 * Whether one condition holds. Text operators ignore case; a missing value
 * reads as empty text. Number operators are false when the value is not a
 * number. `is_true` accepts true, "true", "yes" and "1".
 */
export function evaluateCondition(condition: Condition, facts: ConditionFacts): boolean {
  const value = readField(condition.field, facts);
  switch (condition.operator) {
    case 'is_true':
    case 'is_false':
      return evaluateBoolean(condition, value);
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return evaluateNumber(condition, value);
    default:
      return evaluateText(condition, value, condition.field.source === 'visitor_language');
  }
}

function evaluateBoolean(condition: BooleanCondition, value: FactValue | null): boolean {
  const truthy = value === true || value === 1 || (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim()));
  return condition.operator === 'is_true' ? truthy : !truthy;
}

function evaluateNumber(condition: NumberCondition, value: FactValue | null): boolean {
  const actual = toNumber(value);
  if (actual === null) return false;
  const expected = condition.value;
  switch (condition.operator) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
  }
}

function toNumber(value: FactValue | null): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

function evaluateText(condition: TextCondition, value: FactValue | null, isLanguage: boolean): boolean {
  const actual = value === null ? '' : String(value);
  if (condition.operator === 'regex') {
    const compiled = compileSafeRegex(condition.value);
    return compiled.ok && compiled.regex.test(actual);
  }
  const a = actual.toLowerCase();
  const b = condition.value.toLowerCase();
  switch (condition.operator) {
    case 'is':
      return isLanguage ? sameLanguage(a, b) : a === b;
    case 'is_not':
      return isLanguage ? !sameLanguage(a, b) : a !== b;
    case 'contains':
      return a.includes(b);
    case 'not_contains':
      return !a.includes(b);
    case 'starts_with':
      return a.startsWith(b);
    case 'not_starts_with':
      return !a.startsWith(b);
  }
}

/** "Visitor language is cs" holds for `cs` and `cs-CZ`; "is cs-CZ" only for `cs-CZ`. */
function sameLanguage(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  return !expected.includes('-') && expected !== '' && primarySubtag(actual) === expected;
}
