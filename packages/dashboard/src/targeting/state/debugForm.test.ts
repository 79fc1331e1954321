import { describe, expect, it } from 'vitest';
import { emptyDebugForm, loadDebugForm, reasonLink, saveDebugForm, toDebugRequest, toggleId, type DebugForm } from './debugForm';
import { formatOffset, isoToZonedLocal, offsetMinutes, utcOffsetLabel, zonedLocalToIso } from './zonedTime';

function form(patch: Partial<DebugForm>): DebugForm {
  return { ...emptyDebugForm(), url: 'https://acme.test/pricing', ...patch };
}

describe('the debugger form → request body', () => {
  it('sends the URL and the defaults, leaving out what is empty', () => {
    expect(toDebugRequest(form({}), 'UTC')).toEqual({
      ok: true,
      body: {
        url: 'https://acme.test/pricing',
        deviceType: 'desktop',
        visitCount: 1,
        trigger: null,
        shownThisVisit: [],
        shownToVisitor: [],
        openConversation: false,
      },
    });
  });

  it('sends every field, trimmed and converted', () => {
    const result = toDebugRequest(
      form({
        title: ' Pricing ',
        referrer: 'https://google.com/',
        language: 'cs-CZ',
        country: 'cz',
        city: 'Brno',
        deviceType: 'mobile',
        browser: 'Firefox',
        os: 'Android',
        visitCount: '3',
        visitorGroup: 'vip',
        variables: [
          { key: 'plan', value: 'pro' },
          { key: '', value: '' },
        ],
        contactProperties: [{ key: 'company', value: 'Acme' }],
        time: '2026-01-15T09:30',
        agentsOnline: 'no',
        triggerKind: 'scroll',
        scrollPercent: '60',
        shownThisVisit: ['b1', 'b1'],
        shownToVisitor: ['b2'],
        openConversation: true,
      }),
      'Europe/Prague',
    );
    expect(result).toEqual({
      ok: true,
      body: {
        url: 'https://acme.test/pricing',
        title: 'Pricing',
        referrer: 'https://google.com/',
        language: 'cs-CZ',
        country: 'CZ',
        city: 'Brno',
        deviceType: 'mobile',
        browser: 'Firefox',
        os: 'Android',
        visitCount: 3,
        visitorGroup: 'vip',
        variables: { plan: 'pro' },
        contactProperties: { company: 'Acme' },
        time: '2026-01-15T09:30:00+01:00',
        agentsOnline: false,
        trigger: { kind: 'scroll', scrollPercent: 60 },
        shownThisVisit: ['b1'],
        shownToVisitor: ['b2'],
        openConversation: true,
      },
    });
  });

  it('sends each trigger with its own parameter only', () => {
    const body = (patch: Partial<DebugForm>) => {
      const r = toDebugRequest(form({ eventName: 'x', scrollPercent: '10', secondsOnPage: '30', ...patch }), 'UTC');
      return r.ok ? r.body.trigger : r.errors;
    };
    expect(body({ triggerKind: 'time_on_page' })).toEqual({ kind: 'time_on_page', secondsOnPage: 30 });
    expect(body({ triggerKind: 'time_on_page', secondsOnPage: '' })).toEqual({ kind: 'time_on_page' });
    expect(body({ triggerKind: 'custom_event', eventName: 'cart_abandoned' })).toEqual({ kind: 'custom_event', name: 'cart_abandoned' });
    expect(body({ triggerKind: 'exit_intent' })).toEqual({ kind: 'exit_intent' });
    expect(body({ triggerKind: 'custom_event', eventName: '' })).toEqual({ eventName: 'Enter the event name' });
    expect(body({ triggerKind: 'custom_event', eventName: 'a b' })).toHaveProperty('eventName');
    expect(body({ triggerKind: 'scroll', scrollPercent: '120' })).toHaveProperty('scrollPercent');
  });

  it('sends agents online only when chosen', () => {
    const r = (agentsOnline: DebugForm['agentsOnline']) => {
      const built = toDebugRequest(form({ agentsOnline }), 'UTC');
      return built.ok ? built.body.agentsOnline : 'error';
    };
    expect(r('now')).toBeUndefined();
    expect(r('yes')).toBe(true);
    expect(r('no')).toBe(false);
  });

  it('names the fields that are wrong', () => {
    const result = toDebugRequest(
      form({
        url: '  ',
        country: 'Czechia',
        visitCount: '0',
        variables: [
          { key: 'plan', value: 'a' },
          { key: 'plan', value: 'b' },
          { key: 'bad name', value: 'c' },
          { key: '', value: 'orphan' },
        ],
        time: '2026-02-30T10:00',
      }),
      'UTC',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['country', 'time', 'url', 'variables.1', 'variables.2', 'variables.3', 'visitCount']);
  });
});

describe('times in the workspace time zone', () => {
  it('reads a wall clock in the zone, daylight saving included', () => {
    expect(zonedLocalToIso('2026-01-15T09:30', 'Europe/Prague')).toBe('2026-01-15T09:30:00+01:00');
    expect(zonedLocalToIso('2026-07-15T09:30', 'Europe/Prague')).toBe('2026-07-15T09:30:00+02:00');
    expect(zonedLocalToIso('2026-07-15T09:30', 'America/New_York')).toBe('2026-07-15T09:30:00-04:00');
    expect(zonedLocalToIso('2026-07-15T09:30', 'Asia/Kolkata')).toBe('2026-07-15T09:30:00+05:30');
    expect(zonedLocalToIso('2026-07-15T09:30', 'UTC')).toBe('2026-07-15T09:30:00+00:00');
  });

  it('handles the hours a daylight-saving change skips or repeats', () => {
    // Prague springs forward on 2026-03-29 02:00 → 03:00: 02:30 does not exist
    const skipped = zonedLocalToIso('2026-03-29T02:30', 'Europe/Prague')!;
    expect(skipped).toBe('2026-03-29T02:30:00+01:00');
    expect(new Date(skipped).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 summer time
    // and falls back on 2026-10-25 03:00 → 02:00: 02:30 happens twice, the first is summer time
    expect(zonedLocalToIso('2026-10-25T02:30', 'Europe/Prague')).toBe('2026-10-25T02:30:00+02:00');
  });

  it('refuses what is not a time or a zone', () => {
    expect(zonedLocalToIso('2026-01-15', 'UTC')).toBeNull();
    expect(zonedLocalToIso('2026-01-15T09:30', 'Mars/Base')).toBeNull();
  });

  it('shows the offset and goes back to a wall clock', () => {
    expect(formatOffset(60)).toBe('+01:00');
    expect(formatOffset(-330)).toBe('-05:30');
    expect(offsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Prague')).toBe(120);
    expect(utcOffsetLabel('Europe/Prague', Date.parse('2026-01-01T00:00:00Z'))).toBe('UTC+01:00');
    expect(utcOffsetLabel('Nowhere/Else', 0)).toBe('');
    expect(isoToZonedLocal(Date.parse('2026-01-15T08:30:00Z'), 'Europe/Prague')).toBe('2026-01-15T09:30');
  });
});

describe('small pieces', () => {
  it('links a reason to the condition in the chatbot settings', () => {
    expect(reasonLink('b1', [1, 0])).toBe('/chatbots/b1/settings?path=1.0');
    expect(reasonLink('b1', [])).toBe('/chatbots/b1/settings?path=');
    expect(reasonLink('b1', undefined)).toBe('/chatbots/b1/settings');
  });

  it('toggles chatbots in the "already shown" lists', () => {
    expect(toggleId(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleId(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleId(['a'], 'a', true)).toEqual(['a']);
  });

  it('keeps the form for the session and survives a broken copy', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveDebugForm(storage, form({ city: 'Brno', variables: [{ key: 'a', value: 'b' }] }));
    expect(loadDebugForm(storage)).toMatchObject({ city: 'Brno', variables: [{ key: 'a', value: 'b' }] });
    store.set('parley.debugger.form', '{"city": 5, "variables": "x", "url": "https://x.test"}');
    expect(loadDebugForm(storage)).toEqual({ ...emptyDebugForm(), url: 'https://x.test' });
    store.set('parley.debugger.form', 'not json');
    expect(loadDebugForm(storage)).toEqual(emptyDebugForm());
    expect(loadDebugForm(null)).toEqual(emptyDebugForm());
  });
});
