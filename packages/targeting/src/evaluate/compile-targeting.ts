import type { ConditionGroup, Frequency, Targeting, Trigger } from '../schema.js';
import { compileCondition, type CompiledCondition } from './compile-condition.js';

export interface CompiledGroup {
  readonly kind: 'group';
  readonly path: readonly number[];
  readonly match: 'all' | 'any';
  readonly items: readonly CompiledItem[];
}
export type CompiledItem = CompiledCondition | CompiledGroup;

/**
 * A chatbot's targeting ready to evaluate many times: compile it when the
 * chatbot is loaded or saved, evaluate it on every page view.
 */
export interface CompiledTargeting {
  readonly targeting: Targeting;
  readonly trigger: Trigger;
  readonly frequency: Frequency;
  readonly conditions: CompiledGroup;
}

/**
 * Compiles a targeting document (as `checkTargeting` returns it): lowercase
 * texts, patterns, times and dates are worked out once. Never throws: a
 * condition that does not pass the checks never holds (and says why).
 */
export function compileTargeting(targeting: Targeting): CompiledTargeting {
  return {
    targeting,
    trigger: targeting.trigger,
    frequency: targeting.frequency,
    conditions: compileGroup(targeting.conditions, []),
  };
}

function compileGroup(group: ConditionGroup, path: readonly number[]): CompiledGroup {
  return {
    kind: 'group',
    path,
    match: group.match,
    items: group.conditions.map((item, i) => {
      const itemPath = [...path, i];
      return item.kind === 'group' ? compileGroup(item, itemPath) : compileCondition(item, itemPath);
    }),
  };
}
