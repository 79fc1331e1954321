/**
 * Who sees which chatbot, when and where (PRODUCT.md §5): the targeting
 * document of a chatbot, as zod schemas shared by the server (the authority),
 * the dashboard (settings page, linter, debugger) and — types only — the widget.
 * docs/targeting.md describes it.
 */
import { z } from 'zod';

// ─── When: the trigger ──────────────────────────────────────────────────────

export const CUSTOM_EVENT_NAME_MAX = 64;
export const TriggerSchema = z.discriminatedUnion('kind', [
  /** After N seconds on the page. */
  z.strictObject({ kind: z.literal('time_on_page'), seconds: z.number().int().min(0).max(3600).default(5) }),
  /** After the visitor scrolled N % of the page. */
  z.strictObject({ kind: z.literal('scroll'), percent: z.number().int().min(1).max(100).default(50) }),
  /** The pointer leaves the page towards the browser's tabs (desktop). */
  z.strictObject({ kind: z.literal('exit_intent') }),
  /** On a page of a visit that is not the visitor's first. */
  z.strictObject({ kind: z.literal('returning_visit') }),
  /** When the visitor opens the chat box. */
  z.strictObject({ kind: z.literal('chat_opened') }),
  /** When the website's script sends this event: `parley('event', 'cart_abandoned')`. */
  z.strictObject({
    kind: z.literal('custom_event'),
    name: z
      .string()
      .min(1, 'Event name is required')
      .max(CUSTOM_EVENT_NAME_MAX)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'Event names may only contain letters, digits, "_", ".", ":" and "-"'),
  }),
]);
export type Trigger = z.infer<typeof TriggerSchema>;
export type TriggerKind = Trigger['kind'];

// ─── Where / Audience / Scheduling: conditions ──────────────────────────────

/**
 * Every field a condition can test, with its value type. `key` is required for
 * `utm`, `variable` and `contact_property` (the parameter, variable or property name).
 */
export const FIELD_TYPES = {
  // Where
  page_url: 'text',
  page_title: 'text',
  // Audience
  language: 'text',
  country: 'text',
  city: 'text',
  device_type: 'enum',
  browser: 'text',
  os: 'text',
  referrer: 'text',
  utm: 'text',
  visit_count: 'number',
  visitor_type: 'enum',
  visitor_group: 'text',
  variable: 'text',
  contact_property: 'text',
  // Scheduling (in the workspace's time zone)
  hour_of_day: 'number',
  day_of_week: 'enum',
  time_of_day: 'time_range',
  date: 'date_range',
  office_hours: 'boolean',
  agents_online: 'boolean',
} as const;
export type ConditionField = keyof typeof FIELD_TYPES;
export type FieldType = (typeof FIELD_TYPES)[ConditionField];
export const ConditionFieldSchema = z.enum(Object.keys(FIELD_TYPES) as [ConditionField, ...ConditionField[]]);

/** The values of enum fields. */
export const ENUM_VALUES = {
  device_type: ['desktop', 'mobile', 'tablet'],
  visitor_type: ['new', 'returning'],
  day_of_week: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
} as const;

export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** Operators by field type. */
export const OPERATORS = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'],
  text: ['is', 'is_not', 'contains', 'not_contains', 'starts_with', 'not_starts_with', 'regex'],
  boolean: ['is_true', 'is_false'],
  enum: ['is', 'is_not', 'in', 'not_in'],
  time_range: ['between', 'not_between'],
  date_range: ['between', 'not_between', 'before', 'after'],
} as const;
export type Operator = (typeof OPERATORS)[FieldType][number];
const ALL_OPERATORS = [...new Set(Object.values(OPERATORS).flat())] as [Operator, ...Operator[]];
export const OperatorSchema = z.enum(ALL_OPERATORS);

export const TEXT_VALUE_MAX = 500;
/** "HH:MM", 00:00–23:59. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Times look like "09:30"');
/** "YYYY-MM-DD". */
export const CalendarDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Dates look like "2026-12-24"');

/**
 * One condition. `value` by field type and operator:
 * - number: a number;
 * - text: a string (a pattern for `regex`, run by a linear-time engine);
 * - boolean: none;
 * - enum: one value for `is` / `is_not`, a list for `in` / `not_in`;
 * - time_range: `{from, to}` clock times (`to` before `from` wraps past midnight);
 * - date_range: `{from, to}` dates for `between` / `not_between` (inclusive),
 *   a date for `before` / `after`.
 * The shape is checked per field by `checkTargeting` (400 with the condition's path).
 */
export const ConditionSchema = z.strictObject({
  kind: z.literal('condition'),
  field: ConditionFieldSchema,
  key: z.string().min(1).max(100).optional(),
  operator: OperatorSchema,
  value: z
    .union([
      z.string().max(TEXT_VALUE_MAX),
      z.number(),
      z.array(z.string().max(100)).max(50),
      z.strictObject({ from: z.string().max(10), to: z.string().max(10) }),
    ])
    .optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export interface ConditionGroup {
  kind: 'group';
  /** all = AND, any = OR. */
  match: 'all' | 'any';
  conditions: (Condition | ConditionGroup)[];
}

export const GROUP_DEPTH_MAX = 5;
export const CONDITIONS_MAX = 100;

export const ConditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.strictObject({
    kind: z.literal('group'),
    match: z.enum(['all', 'any']),
    conditions: z.array(z.union([ConditionSchema, ConditionGroupSchema])).max(CONDITIONS_MAX),
  }),
);

// ─── Behavior ───────────────────────────────────────────────────────────────

export const FrequencySchema = z.enum(['once_per_visit', 'once_per_visitor', 'every_page_view']);
export type Frequency = z.infer<typeof FrequencySchema>;

/**
 * A chatbot's targeting. Always: never while a conversation with an agent is
 * ongoing (or any open conversation), never when inactive; among the chatbots
 * that match, the highest `priority` alone starts.
 */
export const TargetingSchema = z.strictObject({
  trigger: TriggerSchema.default({ kind: 'chat_opened' }),
  conditions: ConditionGroupSchema.default({ kind: 'group', match: 'all', conditions: [] }),
  frequency: FrequencySchema.default('once_per_visit'),
});
export type Targeting = z.infer<typeof TargetingSchema>;
export type TargetingInput = z.input<typeof TargetingSchema>;

/** What a chatbot that never set targeting has: starts when the box opens, everywhere, once per visit. */
export function defaultTargeting(): Targeting {
  return { trigger: { kind: 'chat_opened' }, conditions: { kind: 'group', match: 'all', conditions: [] }, frequency: 'once_per_visit' };
}

// ─── Office hours (workspace setting) ───────────────────────────────────────

export const OfficeHoursSchema = z.strictObject({
  /** Weekday → opening intervals, in the workspace's time zone. A missing day is closed. */
  days: z.partialRecord(z.enum(ENUM_VALUES.day_of_week), z.array(z.strictObject({ from: ClockTimeSchema, to: ClockTimeSchema })).max(6)),
});
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;

// ─── Facts: what evaluation reads ───────────────────────────────────────────

/** Everything a targeting evaluation reads, gathered by the server for one visitor and page. */
export interface TargetingFacts {
  page: { url: string; title: string };
  referrer: string;
  /** UTM parameters of the page URL (source, medium, campaign, term, content). */
  utm: Partial<Record<(typeof UTM_KEYS)[number], string>>;
  language: string | null;
  country: string | null;
  city: string | null;
  deviceType: 'desktop' | 'mobile' | 'tablet' | 'unknown';
  browser: string | null;
  os: string | null;
  visitCount: number;
  visitorGroup: string | null;
  /** Set by the website's script: `parley('set', {plan: 'pro'})`. */
  variables: Readonly<Record<string, string | number | boolean>>;
  contactProperties: Readonly<Record<string, string>>;
  /** Epoch ms. */
  now: number;
  /** IANA time zone of the workspace, e.g. "Europe/Prague". */
  timeZone: string;
  officeHours: OfficeHours | null;
  agentsOnline: boolean;
}

/** Where a condition sits in the tree: indexes into `conditions` from the root group. */
export type ConditionPath = number[];
