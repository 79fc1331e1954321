import type { TriggerKind } from '@parley/targeting';
import { zonedLocalToIso } from './zonedTime';

/**
 * The targeting debugger's form (a hypothetical visitor and moment) and the
 * request body of `POST /chatbots/targeting/debug` it becomes. Everything is
 * kept as the inputs hold it (text); `toDebugRequest` checks and converts.
 */

export type DeviceChoice = 'desktop' | 'mobile' | 'tablet' | 'unknown';
export type AgentsChoice = 'now' | 'yes' | 'no';

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface DebugForm {
  url: string;
  title: string;
  referrer: string;
  language: string;
  country: string;
  city: string;
  deviceType: DeviceChoice;
  browser: string;
  os: string;
  visitCount: string;
  visitorGroup: string;
  variables: KeyValueRow[];
  contactProperties: KeyValueRow[];
  /** A date-time input's value ("2026-03-12T14:30") in the workspace's time zone; "" = now. */
  time: string;
  agentsOnline: AgentsChoice;
  /** "" = no trigger: could the chatbot start on this page at all. */
  triggerKind: TriggerKind | '';
  eventName: string;
  scrollPercent: string;
  secondsOnPage: string;
  shownThisVisit: string[];
  shownToVisitor: string[];
  openConversation: boolean;
}

export function emptyDebugForm(): DebugForm {
  return {
    url: '',
    title: '',
    referrer: '',
    language: '',
    country: '',
    city: '',
    deviceType: 'desktop',
    browser: '',
    os: '',
    visitCount: '1',
    visitorGroup: '',
    variables: [],
    contactProperties: [],
    time: '',
    agentsOnline: 'now',
    triggerKind: '',
    eventName: '',
    scrollPercent: '',
    secondsOnPage: '',
    shownThisVisit: [],
    shownToVisitor: [],
    openConversation: false,
  };
}

export interface DebugRequest {
  url: string;
  title?: string;
  referrer?: string;
  language?: string;
  country?: string;
  city?: string;
  deviceType: DeviceChoice;
  browser?: string;
  os?: string;
  visitCount?: number;
  visitorGroup?: string;
  variables?: Record<string, string>;
  contactProperties?: Record<string, string>;
  time?: string;
  agentsOnline?: boolean;
  trigger: { kind: TriggerKind; name?: string; scrollPercent?: number; secondsOnPage?: number } | null;
  shownThisVisit: string[];
  shownToVisitor: string[];
  openConversation: boolean;
}

/** The form's fields an error can be about (`variables.2` = the third variable row). */
export type DebugFormErrors = Record<string, string>;

const VARIABLE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const EVENT_NAME = /^[A-Za-z0-9_.:-]+$/;

/** Limits of the server's debug input (chatbot-routes.ts). */
const MAX = { url: 2000, title: 500, referrer: 2000, language: 35, city: 100, browser: 50, os: 50, group: 64, value: 500 } as const;

/**
 * Checks the form and builds the request. Empty texts are left out (the
 * server then knows nothing of them, as for a visitor it knows nothing of);
 * the time is read in `timeZone`; agents online "now" is left out (the
 * server looks); rows without a key are skipped.
 */
export function toDebugRequest(form: DebugForm, timeZone: string): { ok: true; body: DebugRequest } | { ok: false; errors: DebugFormErrors } {
  const errors: DebugFormErrors = {};
  const text = (name: string, value: string, max: number): string | undefined => {
    const trimmed = value.trim();
    if (trimmed.length > max) errors[name] = `At most ${max} characters`;
    return trimmed === '' ? undefined : trimmed;
  };

  const url = text('url', form.url, MAX.url);
  if (url === undefined) errors.url = 'Enter the page URL';
  const body: DebugRequest = {
    url: url ?? '',
    deviceType: form.deviceType,
    trigger: null,
    shownThisVisit: [...new Set(form.shownThisVisit)],
    shownToVisitor: [...new Set(form.shownToVisitor)],
    openConversation: form.openConversation,
  };
  const optional: [keyof DebugRequest & string, string, number][] = [
    ['title', form.title, MAX.title],
    ['referrer', form.referrer, MAX.referrer],
    ['language', form.language, MAX.language],
    ['city', form.city, MAX.city],
    ['browser', form.browser, MAX.browser],
    ['os', form.os, MAX.os],
    ['visitorGroup', form.visitorGroup, MAX.group],
  ];
  for (const [name, value, max] of optional) {
    const v = text(name, value, max);
    if (v !== undefined) (body as unknown as Record<string, unknown>)[name] = v;
  }

  const country = form.country.trim();
  if (country !== '') {
    if (!/^[A-Za-z]{2}$/.test(country)) errors.country = 'A two-letter country code, like CZ';
    else body.country = country.toUpperCase();
  }

  const visits = form.visitCount.trim();
  if (visits !== '') {
    const n = Number(visits);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) errors.visitCount = 'A whole number, 1 or more';
    else body.visitCount = n;
  }

  const variables = rows(form.variables, 'variables', errors, (key) => (VARIABLE_NAME.test(key) ? null : 'Names are 1–64 letters, digits, "_", "-" or "."'));
  if (Object.keys(variables).length > 50) errors.variables = 'At most 50 variables';
  if (Object.keys(variables).length > 0) body.variables = variables;
  const properties = rows(form.contactProperties, 'contactProperties', errors, (key) => (key.length > 64 ? 'At most 64 characters' : null));
  if (Object.keys(properties).length > 0) body.contactProperties = properties;

  if (form.time.trim() !== '') {
    const iso = zonedLocalToIso(form.time.trim(), timeZone);
    if (iso === null) errors.time = 'Pick a date and a time';
    else body.time = iso;
  }

  if (form.agentsOnline !== 'now') body.agentsOnline = form.agentsOnline === 'yes';

  if (form.triggerKind !== '') {
    const trigger: NonNullable<DebugRequest['trigger']> = { kind: form.triggerKind };
    if (form.triggerKind === 'custom_event') {
      const name = form.eventName.trim();
      if (name === '') errors.eventName = 'Enter the event name';
      else if (name.length > 64 || !EVENT_NAME.test(name)) errors.eventName = 'Letters, digits, "_", ".", ":" and "-" (at most 64)';
      else trigger.name = name;
    }
    if (form.triggerKind === 'scroll') {
      const n = numberIn(form.scrollPercent, 0, 100);
      if (n === 'bad') errors.scrollPercent = 'A number from 0 to 100';
      else if (n !== undefined) trigger.scrollPercent = n;
    }
    if (form.triggerKind === 'time_on_page') {
      const n = numberIn(form.secondsOnPage, 0, 86_400);
      if (n === 'bad') errors.secondsOnPage = 'A number of seconds, 0 or more';
      else if (n !== undefined) trigger.secondsOnPage = n;
    }
    body.trigger = trigger;
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

function numberIn(text: string, min: number, max: number): number | undefined | 'bad' {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= min && n <= max ? n : 'bad';
}

/** Key/value rows → a record; rows without a key are skipped, a repeated key is an error. */
function rows(list: readonly KeyValueRow[], name: string, errors: DebugFormErrors, checkKey: (key: string) => string | null): Record<string, string> {
  const out: Record<string, string> = {};
  list.forEach((row, i) => {
    const key = row.key.trim();
    if (key === '') {
      if (row.value.trim() !== '') errors[`${name}.${i}`] = 'Give the value a name';
      return;
    }
    const bad = checkKey(key);
    if (bad !== null) errors[`${name}.${i}`] = bad;
    else if (Object.hasOwn(out, key)) errors[`${name}.${i}`] = `"${key}" is already set above`;
    else if (row.value.length > MAX.value) errors[`${name}.${i}`] = `Values are at most ${MAX.value} characters`;
    else out[key] = row.value;
  });
  return out;
}

/** Adds a chatbot to / removes it from a "shown" list. */
export function toggleId(list: readonly string[], id: string, on: boolean): string[] {
  return on ? (list.includes(id) ? [...list] : [...list, id]) : list.filter((x) => x !== id);
}

/** Where a verdict's reason leads: the chatbot's settings with the condition highlighted. */
export function reasonLink(chatbotId: string, path: readonly number[] | undefined): string {
  const base = `/chatbots/${encodeURIComponent(chatbotId)}/settings`;
  return path === undefined ? base : `${base}?path=${encodeURIComponent(path.join('.'))}`;
}

const STORAGE_KEY = 'parley.debugger.form';

/** The form is kept for the tab's session, so following a reason and coming back keeps it. */
export function loadDebugForm(storage: Pick<Storage, 'getItem'> | null): DebugForm {
  const empty = emptyDebugForm();
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return empty;
    const saved = JSON.parse(raw) as Partial<DebugForm>;
    const merged = { ...empty };
    for (const key of Object.keys(empty) as (keyof DebugForm)[]) {
      const value = saved[key];
      if (value !== undefined && typeof value === typeof empty[key] && Array.isArray(value) === Array.isArray(empty[key])) {
        (merged as Record<string, unknown>)[key] = value;
      }
    }
    return merged;
  } catch {
    return empty;
  }
}

export function saveDebugForm(storage: Pick<Storage, 'setItem'> | null, form: DebugForm): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(form));
  } catch {
    // private mode or full: the form just is not kept
  }
}
