import type { FactValue } from '../conditions/condition-facts.js';
import { VALUE_MAX_LENGTH } from '../limits.js';

/**
 * The value at `path` (`order.status`, `items.0.name`) in a webhook's JSON
 * response, when it is a string, number or boolean; strings are cut to
 * `VALUE_MAX_LENGTH`. Objects, arrays, null and missing values give null.
 */
export function responseValue(data: unknown, path: string): FactValue | null {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string') return current.slice(0, VALUE_MAX_LENGTH);
  if (typeof current === 'number') return Number.isFinite(current) ? current : null;
  if (typeof current === 'boolean') return current;
  return null;
}
