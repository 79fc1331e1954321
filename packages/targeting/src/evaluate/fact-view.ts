import type { TargetingFacts } from '../schema.js';
import { localClock, type LocalClock } from './local-clock.js';
import { isOpenAt } from './office-hours.js';
import { foldForLiterals } from './regex-prefilter.js';

/**
 * The facts of one evaluation, with what several conditions share worked out
 * once: the wall clock in the workspace's time zone, office hours, lowercase texts.
 */
export class FactView {
  #clock: LocalClock | null | undefined;
  #open: boolean | null | undefined;
  #lower: Map<string, string | null> | undefined;
  #folded: Map<string, string | null> | undefined;
  #patterns: Map<string, boolean> | undefined;

  constructor(readonly facts: TargetingFacts) {}

  /** Null when `facts.now` is not a time. */
  clock(): LocalClock | null {
    if (this.#clock === undefined) this.#clock = localClock(this.facts.now, this.facts.timeZone);
    return this.#clock;
  }

  /** Whether the team is open now; null when the time is unknown. */
  officeOpen(): boolean | null {
    if (this.#open === undefined) {
      const clock = this.clock();
      this.#open = clock === null ? null : isOpenAt(this.facts.officeHours ?? null, clock);
    }
    return this.#open;
  }

  /** A text fact in lowercase (computed once per evaluation and slot); null when missing. */
  lower(slot: string, read: (facts: TargetingFacts) => string | null): string | null {
    const cache = (this.#lower ??= new Map());
    let value = cache.get(slot);
    if (value === undefined) {
      const raw = read(this.facts);
      value = raw === null ? null : raw.toLowerCase();
      cache.set(slot, value);
    }
    return value;
  }

  /** A text fact folded for the pattern prefilter (`foldForLiterals`), once per evaluation and slot. */
  folded(slot: string, read: (facts: TargetingFacts) => string | null): string | null {
    const cache = (this.#folded ??= new Map());
    let value = cache.get(slot);
    if (value === undefined) {
      const raw = read(this.facts);
      value = raw === null ? null : foldForLiterals(raw);
      cache.set(slot, value);
    }
    return value;
  }

  /** A pattern's answer on a slot, worked out once per evaluation (chatbots often share patterns). */
  pattern(key: string, run: (view: FactView) => boolean): boolean {
    const cache = (this.#patterns ??= new Map());
    let value = cache.get(key);
    if (value === undefined) {
      value = run(this);
      cache.set(key, value);
    }
    return value;
  }
}
