import type { ConditionGroup, Targeting } from '@parley/targeting';

/** JSON with object keys sorted: two documents that say the same compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Whether the editor's targeting and priority differ from the saved ones. */
export function isDirty(
  current: { targeting: Targeting; priority: number | null },
  saved: { targeting: Targeting; priority: number },
): boolean {
  return current.priority !== saved.priority || stableJson(current.targeting) !== stableJson(saved.targeting);
}

/** The priority input's text → a whole number from -1000 to 1000, or an error message. */
export function parsePriority(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter a priority (0 when unsure)' };
  const n = Number(t);
  if (!Number.isInteger(n) || n < -1000 || n > 1000) return { ok: false, message: 'A whole number from -1000 to 1000' };
  return { ok: true, value: n };
}

export function withConditions(targeting: Targeting, conditions: ConditionGroup): Targeting {
  return conditions === targeting.conditions ? targeting : { ...targeting, conditions };
}
