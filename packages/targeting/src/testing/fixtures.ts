/** Facts, conditions and targetings shared by the tests (not part of the package build). */
import {
  TargetingSchema,
  type Condition,
  type ConditionField,
  type ConditionGroup,
  type Operator,
  type OfficeHours,
  type Targeting,
  type TargetingFacts,
  type TargetingInput,
} from '../schema.js';

/** 2026-11-24 (a Tuesday) 10:30 in Prague (09:30 UTC). */
export const TUESDAY_MORNING = Date.UTC(2026, 10, 24, 9, 30);

export function factsOf(overrides: Partial<TargetingFacts> = {}): TargetingFacts {
  return {
    page: { url: 'https://acme.com/pricing?plan=pro', title: 'Pricing — Acme' },
    referrer: 'https://www.google.com/search?q=acme',
    utm: { source: 'newsletter', medium: 'email' },
    language: 'cs-CZ',
    country: 'CZ',
    city: 'Praha',
    deviceType: 'desktop',
    browser: 'Firefox',
    os: 'Linux',
    visitCount: 3,
    visitorGroup: 'vip',
    variables: { plan: 'Pro', cartValue: 120, trial: true },
    contactProperties: { company: 'Acme s.r.o.' },
    now: TUESDAY_MORNING,
    timeZone: 'Europe/Prague',
    officeHours: null,
    agentsOnline: true,
    ...overrides,
  };
}

type Value = Condition['value'];

export function cond(field: ConditionField, operator: Operator, value?: Value, key?: string): Condition {
  const c: Condition = { kind: 'condition', field, operator };
  if (key !== undefined) c.key = key;
  if (value !== undefined) c.value = value;
  return c;
}

export function all(...conditions: (Condition | ConditionGroup)[]): ConditionGroup {
  return { kind: 'group', match: 'all', conditions };
}

export function any(...conditions: (Condition | ConditionGroup)[]): ConditionGroup {
  return { kind: 'group', match: 'any', conditions };
}

export function targetingOf(conditions: ConditionGroup, extra: Partial<Omit<TargetingInput, 'conditions'>> = {}): Targeting {
  return TargetingSchema.parse({ ...extra, conditions });
}

/** Monday–Friday 09:00–12:00 and 13:00–17:00; Saturday and Sunday closed. */
export const WEEKDAY_HOURS: OfficeHours = {
  days: Object.fromEntries(
    (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((day) => [
      day,
      [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
    ]),
  ),
};
