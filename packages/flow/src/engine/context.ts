/**
 * Facts the engine may read but never fetches; the server gathers them for
 * each event. `contact` has the shape of `Contact` in `@parley/core`.
 */
export interface FlowContext {
  agentsOnline: boolean;
  officeHoursOpen: boolean;
  /** The visitor's language (see `chooseLanguage`), for "visitor language" conditions. */
  language: string | null;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    properties: Readonly<Record<string, string>>;
  };
  /** Epoch milliseconds. */
  now: number;
}
