import type { TargetingFacts } from '../schema.js';
import type { CompiledItem, CompiledTargeting } from './compile-targeting.js';
import { FactView } from './fact-view.js';

/** The first condition that kept a chatbot from starting, for the debugger. */
export interface Exclusion {
  /** Indexes into `conditions` from the root group; an `any` group none of whose members held: the group's own path. */
  path: number[];
  /** A sentence: `Page URL does not contain "/pricing" (it is "https://acme.com/demo")`. */
  message: string;
}

export type ConditionsResult = { match: true } | { match: false; exclusion: Exclusion };

/** How many members of a failed `any` group its message lists. */
const ANY_MEMBERS_SHOWN = 3;

/**
 * Whether the facts satisfy a compiled targeting's conditions (not its
 * trigger or frequency); if not, the first condition that excluded them.
 * Pure: the time is `facts.now`, in `facts.timeZone`.
 */
export function evaluateConditions(compiled: CompiledTargeting, facts: TargetingFacts): ConditionsResult {
  return evaluateWithView(compiled, new FactView(facts));
}

/** `evaluateConditions` on facts already wrapped (several chatbots, one page view). */
export function evaluateWithView(compiled: CompiledTargeting, view: FactView): ConditionsResult {
  const excluded = exclusionOf(compiled.conditions, view);
  if (excluded === null) return { match: true };
  return { match: false, exclusion: { path: [...excluded.path], message: explainFailure(excluded, view) } };
}

/**
 * What keeps `item` from holding: null when it holds; the failing condition;
 * for an `all` group, what excluded its first failing member; for an `any`
 * group none of whose members hold, the group itself.
 */
function exclusionOf(item: CompiledItem, view: FactView): CompiledItem | null {
  if (item.kind === 'condition') return item.test(view) ? null : item;
  if (item.match === 'all') {
    for (const member of item.items) {
      const excluded = exclusionOf(member, view);
      if (excluded !== null) return excluded;
    }
    return null;
  }
  for (const member of item.items) if (exclusionOf(member, view) === null) return null;
  return item;
}

/** Why an item returned by `exclusionOf` does not hold. */
function explainFailure(item: CompiledItem, view: FactView): string {
  if (item.kind === 'condition') return item.explain(view);
  if (item.items.length === 0) return 'The "any" group is empty, so it never matches';
  const reasons = item.items.slice(0, ANY_MEMBERS_SHOWN).map((member) => explainFailure(exclusionOf(member, view) ?? member, view));
  const more = item.items.length - ANY_MEMBERS_SHOWN;
  return `None of these holds: ${reasons.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
