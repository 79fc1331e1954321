/**
 * The pure side of the signals chunk (widget/signals.js): the script API's
 * validation (the same limits as the server's schemas in @parley/core, so a
 * bad call never makes a request fail), which armed chatbot a signal starts,
 * what the trigger request says, scroll depth and the exit-intent rule.
 */
import type { ArmedChatbot, ArmedTrigger, VisitorVariables, WidgetTriggerRequest } from '@parley/core';

export const MAX_VARIABLES = 50;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * `parley('set', {name: value, …})` merged into the page's variables.
 * Bad entries are skipped (each named in `problems`), the others are kept:
 * names of 1–64 letters, digits, "_", "-", "."; values strings (≤ 500
 * characters), finite numbers or booleans; at most 50 variables in all.
 */
export function mergeVariables(
  current: VisitorVariables,
  input: unknown,
): { variables: VisitorVariables; changed: boolean; problems: string[] } {
  const variables: VisitorVariables = { ...current };
  const problems: string[] = [];
  let changed = false;
  if (!input || typeof input != 'object' || Array.isArray(input)) {
    return { variables, changed, problems: ["parley('set') takes an object of variables, e.g. {plan: 'pro'}"] };
  }
  for (const name of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[name];
    const type = typeof value;
    if (!NAME.test(name)) problems.push('variable "' + name.slice(0, 70) + '": names are 1–64 letters, digits, "_", "-" or "."');
    else if (!(type == 'boolean' || (type == 'number' && isFinite(value as number)) || (type == 'string' && (value as string).length <= 500)))
      problems.push('variable "' + name + '": values are text (at most 500 characters), numbers or true/false');
    else if (!(name in variables) && Object.keys(variables).length >= MAX_VARIABLES) problems.push('variable "' + name + '": at most ' + MAX_VARIABLES + ' variables');
    else if (variables[name] !== value) {
      variables[name] = value as string | number | boolean;
      changed = true;
    }
  }
  return { variables, changed, problems };
}

/**
 * `parley('setGroup', group)`: a name of 1–64 characters (trimmed); null,
 * undefined or "" clear it. `undefined` in the answer means a bad call.
 */
export function visitorGroup(input: unknown): string | null | undefined {
  if (input == null) return null;
  if (typeof input != 'string') return undefined;
  const g = input.trim();
  return g.length > 64 ? undefined : g || null;
}

/** `parley('event', name)`: 1–64 characters (trimmed), else null. */
export function eventName(input: unknown): string | null {
  const n = typeof input == 'string' ? input.trim() : '';
  return n && n.length <= 64 ? n : null;
}

/** What the page has shown so far; a signal is the part of it that just changed. */
export interface Facts {
  /** Seconds on the page the server will credit (see `creditedSeconds`). */
  seconds?: number;
  /** The deepest scroll reached, 0–100. */
  percent?: number;
  exit?: boolean;
  returning?: boolean;
  event?: string;
}

/** The triggers this widget knows how to arm, in the server's order (a newer server's unknown kinds, bad values: dropped). */
export function armable(list: unknown): ArmedChatbot[] {
  const out: ArmedChatbot[] = [];
  for (const c of Array.isArray(list) ? (list as ArmedChatbot[]) : []) {
    const t = c && c.trigger;
    if (!t || typeof c.chatbotId != 'string') continue;
    if (
      (t.kind == 'time_on_page' && t.seconds >= 0) ||
      (t.kind == 'scroll' && t.percent >= 0 && t.percent <= 100) ||
      t.kind == 'exit_intent' ||
      t.kind == 'returning_visit' ||
      (t.kind == 'custom_event' && typeof t.name == 'string')
    )
      out.push(c);
  }
  return out;
}

/** Whether these facts fire this trigger. */
export function fires(t: ArmedTrigger, f: Facts): boolean {
  switch (t.kind) {
    case 'time_on_page':
      return f.seconds != null && f.seconds >= t.seconds;
    case 'scroll':
      return f.percent != null && f.percent >= t.percent;
    case 'exit_intent':
      return !!f.exit;
    case 'returning_visit':
      return !!f.returning;
    case 'custom_event':
      return f.event === t.name;
  }
  return false;
}

/** The `trigger` of the request: only what the server needs to check this kind. */
export function firedTrigger(t: ArmedTrigger, f: Facts): WidgetTriggerRequest['trigger'] {
  switch (t.kind) {
    case 'time_on_page':
      return { kind: t.kind, secondsOnPage: Math.min(86400, Math.floor((f.seconds || 0) * 10) / 10) };
    case 'scroll':
      return { kind: t.kind, scrollPercent: f.percent || 0 };
    case 'custom_event':
      return { kind: t.kind, name: t.name };
    default:
      return { kind: t.kind };
  }
}

/**
 * The armed chatbots of one page. Each is asked at most once (whatever the
 * answer), one request at a time, the highest priority first; once one
 * started, the page is done.
 */
export class Arming {
  private readonly asked: boolean[] = [];
  private waiting = false;
  done = false;

  constructor(readonly list: ArmedChatbot[]) {}

  /**
   * The request to send for these facts, or null: nothing fires, a request
   * is on its way, a chatbot started, or `blocked` (the box is open or the
   * visitor has an open conversation).
   */
  pick(f: Facts, blocked: boolean): Pick<WidgetTriggerRequest, 'chatbotId' | 'trigger'> | null {
    if (this.done || this.waiting || blocked) return null;
    for (let i = 0; i < this.list.length; i++) {
      const c = this.list[i] as ArmedChatbot;
      if (!this.asked[i] && fires(c.trigger, f)) {
        this.asked[i] = this.waiting = true;
        return { chatbotId: c.chatbotId, trigger: firedTrigger(c.trigger, f) };
      }
    }
    return null;
  }

  /** The answer to the request on its way (a failure counts as not started). */
  answered(started: boolean): void {
    this.waiting = false;
    if (started) this.done = true;
  }

  /** A chatbot not asked yet waits for this kind of trigger. */
  wants(kind: ArmedTrigger['kind']): boolean {
    return !this.done && this.list.some((c, i) => !this.asked[i] && c.trigger.kind == kind);
  }
}

/**
 * The deepest point of the page reached, in % of its scrollable height
 * (0 at the top, 100 at the bottom; 0 when the page does not scroll).
 */
export function scrollPercent(scrollY: number, viewport: number, height: number): number {
  const scrollable = height - viewport;
  return scrollable > 0 ? Math.max(0, Math.min(100, Math.round((scrollY / scrollable) * 100))) : 0;
}

/** Exit intent: on a desktop, the pointer leaves the document through its top edge. */
export function exitIntent(e: { clientY: number; relatedTarget: unknown }, desktop: boolean): boolean {
  return desktop && !e.relatedTarget && e.clientY <= 0;
}

/**
 * Seconds on the page to report, `now` and `viewAt` in ms since the page
 * started loading (`performance.now()`): the time since then, but never more
 * than the server credits — the time since it recorded the page view (at the
 * latest `viewAt`, when the session call answered) plus 1 s.
 */
export function creditedSeconds(now: number, viewAt: number): number {
  return Math.max(0, Math.min(now, now - viewAt + 1000)) / 1000;
}

/** Milliseconds until `creditedSeconds` reaches `seconds`. */
export function delayFor(seconds: number, now: number, viewAt: number): number {
  return Math.max(0, seconds * 1000 - now, (seconds - 1) * 1000 + viewAt - now);
}

/** Runs `fn` at most every `ms` milliseconds, the last call of a burst included (for scrolling). */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}

/** Runs `fn` once calls have stopped for `ms` milliseconds. */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
