import { z } from 'zod';
import { VALUE_MAX_LENGTH } from '../limits.js';
import { PropertyKeySchema, VariableNameSchema } from './identifiers.js';

/**
 * What a condition looks at. Stable machine identifiers; the builder shows
 * translated labels.
 */
export const ConditionFieldSchema = z.discriminatedUnion('source', [
  /** A flow variable (a question's answer, a webhook's response). */
  z.strictObject({ source: z.literal('variable'), name: VariableNameSchema }),
  /** The contact's name, email or phone. */
  z.strictObject({ source: z.literal('contact'), key: z.enum(['name', 'email', 'phone']) }),
  /** A custom contact property. */
  z.strictObject({ source: z.literal('contact_property'), key: PropertyKeySchema }),
  /** Whether at least one agent is online (boolean). */
  z.strictObject({ source: z.literal('agents_online') }),
  /** Whether the workspace's office hours are open now (boolean). */
  z.strictObject({ source: z.literal('office_hours_open') }),
  /** The visitor's language tag, e.g. `cs-CZ`. */
  z.strictObject({ source: z.literal('visitor_language') }),
]);
export type ConditionField = z.infer<typeof ConditionFieldSchema>;
export type ConditionFieldSource = ConditionField['source'];

/** Fields that are true or false and accept only boolean operators. */
export const BOOLEAN_FIELD_SOURCES: readonly ConditionFieldSource[] = ['agents_online', 'office_hours_open'];

export const TextOperatorSchema = z.enum([
  'is',
  'is_not',
  'contains',
  'not_contains',
  'starts_with',
  'not_starts_with',
  'regex',
]);
export type TextOperator = z.infer<typeof TextOperatorSchema>;

/** =, ≠, >, ≥, <, ≤ */
export const NumberOperatorSchema = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
export type NumberOperator = z.infer<typeof NumberOperatorSchema>;

export const BooleanOperatorSchema = z.enum(['is_true', 'is_false']);
export type BooleanOperator = z.infer<typeof BooleanOperatorSchema>;

export type ConditionOperator = TextOperator | NumberOperator | BooleanOperator;

export const TextConditionSchema = z.strictObject({
  field: ConditionFieldSchema,
  operator: TextOperatorSchema,
  value: z.string().max(VALUE_MAX_LENGTH, `Value must be at most ${VALUE_MAX_LENGTH} characters`),
});
export type TextCondition = z.infer<typeof TextConditionSchema>;

export const NumberConditionSchema = z.strictObject({
  field: ConditionFieldSchema,
  operator: NumberOperatorSchema,
  value: z.number().finite(),
});
export type NumberCondition = z.infer<typeof NumberConditionSchema>;

export const BooleanConditionSchema = z.strictObject({
  field: ConditionFieldSchema,
  operator: BooleanOperatorSchema,
});
export type BooleanCondition = z.infer<typeof BooleanConditionSchema>;

/** One comparison: `{ field, operator, value }`. Data, never code. */
export const ConditionSchema = z
  .discriminatedUnion('operator', [TextConditionSchema, NumberConditionSchema, BooleanConditionSchema])
  .superRefine((condition, ctx) => {
    const booleanField = BOOLEAN_FIELD_SOURCES.includes(condition.field.source);
    const booleanOperator = condition.operator === 'is_true' || condition.operator === 'is_false';
    if (booleanField && !booleanOperator) {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'This field is either true or false: use "is true" or "is false"' });
    }
  });
export type Condition = z.infer<typeof ConditionSchema>;

export const MatchModeSchema = z.enum(['all', 'any']);
export type MatchMode = z.infer<typeof MatchModeSchema>;

/**
 * Conditions combined with **all** (AND) or **any** (OR); groups nest.
 * An empty `all` group is true and an empty `any` group is false; the
 * validator refuses empty groups before publishing.
 */
export interface ConditionGroup {
  match: MatchMode;
  conditions: (Condition | ConditionGroup)[];
}

export const ConditionGroupSchema: z.ZodType<ConditionGroup> = z.strictObject({
  match: MatchModeSchema,
  get conditions() {
    return z.array(z.union([ConditionSchema, ConditionGroupSchema]));
  },
});

/** Tells a nested group from a single condition. */
export function isConditionGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return 'match' in item;
}
