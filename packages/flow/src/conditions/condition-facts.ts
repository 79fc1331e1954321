/** A value a condition can read: variables hold strings, numbers or booleans. */
export type FactValue = string | number | boolean;

/** Everything a condition may look at, gathered by the caller (the engine or the builder's preview). */
export interface ConditionFacts {
  variables: Readonly<Record<string, FactValue>>;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    properties: Readonly<Record<string, string>>;
  };
  agentsOnline: boolean;
  officeHoursOpen: boolean;
  /** The visitor's language tag, e.g. `cs-CZ`; null when unknown. */
  language: string | null;
}
