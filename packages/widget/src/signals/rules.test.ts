import type { ArmedChatbot } from '@parley/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Arming,
  armable,
  creditedSeconds,
  debounce,
  delayFor,
  eventName,
  exitIntent,
  fires,
  firedTrigger,
  MAX_VARIABLES,
  mergeVariables,
  scrollPercent,
  throttle,
  visitorGroup,
} from './rules';

describe("mergeVariables — parley('set', {...})", () => {
  it('merges strings, finite numbers and booleans into the variables set before', () => {
    const r = mergeVariables({ plan: 'free', seats: 1 }, { plan: 'pro', cartValue: 120.5, 'user.vip': true, 'a-b_c': '' });
    expect(r).toEqual({ variables: { plan: 'pro', seats: 1, cartValue: 120.5, 'user.vip': true, 'a-b_c': '' }, changed: true, problems: [] });
  });

  it('does not touch the variables it was given', () => {
    const current = { plan: 'free' };
    mergeVariables(current, { plan: 'pro' });
    expect(current).toEqual({ plan: 'free' });
  });

  it('reports no change when every value is already set', () => {
    expect(mergeVariables({ plan: 'pro', n: 2 }, { plan: 'pro', n: 2 }).changed).toBe(false);
    expect(mergeVariables({}, {}).changed).toBe(false);
  });

  it('skips bad names and values, keeps the good ones and names each problem', () => {
    const r = mergeVariables({}, {
      ok: 1,
      'has space': 'x',
      ['x'.repeat(65)]: 'x',
      'ünïcode': 'x',
      long: 'y'.repeat(501),
      justRight: 'y'.repeat(500),
      nan: NaN,
      inf: Infinity,
      nothing: null,
      undef: undefined,
      list: [1],
      obj: { a: 1 },
      fn: () => 1,
    });
    expect(r.variables).toEqual({ ok: 1, justRight: 'y'.repeat(500) });
    expect(r.problems).toHaveLength(11);
    expect(r.problems[0]).toContain('"has space": names are 1–64 letters');
    expect(r.problems.join('\n')).toContain('"long": values are text (at most 500 characters), numbers or true/false');
    expect(r.problems.join('\n')).toContain('"nothing"');
  });

  it('refuses anything but a plain object', () => {
    for (const bad of [null, undefined, 'plan=pro', 42, ['plan'], true]) {
      const r = mergeVariables({ a: 1 }, bad);
      expect(r.variables).toEqual({ a: 1 });
      expect(r.changed).toBe(false);
      expect(r.problems).toEqual(["parley('set') takes an object of variables, e.g. {plan: 'pro'}"]);
    }
  });

  it(`keeps at most ${MAX_VARIABLES} variables, but existing ones can still change`, () => {
    const full: Record<string, number> = {};
    for (let i = 0; i < MAX_VARIABLES - 1; i++) full['v' + i] = i;
    const r = mergeVariables(full, { last: 1, oneTooMany: 2, v0: 100 });
    expect(Object.keys(r.variables)).toHaveLength(MAX_VARIABLES);
    expect(r.variables).toMatchObject({ last: 1, v0: 100 });
    expect(r.variables).not.toHaveProperty('oneTooMany');
    expect(r.problems).toEqual(['variable "oneTooMany": at most 50 variables']);
  });
});

describe('visitorGroup and eventName', () => {
  it('a group is 1–64 characters, trimmed; null, undefined and "" clear it; anything else is a bad call (undefined)', () => {
    expect(visitorGroup('  vip ')).toBe('vip');
    expect(visitorGroup('g'.repeat(64))).toBe('g'.repeat(64));
    expect(visitorGroup(null)).toBeNull();
    expect(visitorGroup(undefined)).toBeNull();
    expect(visitorGroup('  ')).toBeNull();
    expect(visitorGroup('g'.repeat(65))).toBeUndefined();
    expect(visitorGroup(3)).toBeUndefined();
    expect(visitorGroup({ name: 'vip' })).toBeUndefined();
  });

  it('an event name is 1–64 characters, trimmed', () => {
    expect(eventName(' cart_abandoned ')).toBe('cart_abandoned');
    expect(eventName('e'.repeat(64))).toBe('e'.repeat(64));
    for (const bad of ['', '   ', 'e'.repeat(65), null, undefined, 7, {}]) expect(eventName(bad)).toBeNull();
  });
});

const bot = (chatbotId: string, trigger: ArmedChatbot['trigger']): ArmedChatbot => ({ chatbotId, trigger });

describe('armable, fires and firedTrigger', () => {
  it('keeps the triggers this widget can arm, in the server order, and drops unknown kinds and bad values', () => {
    const list = [
      bot('a', { kind: 'scroll', percent: 50 }),
      { chatbotId: 'new', trigger: { kind: 'page_idle', seconds: 3 } },
      bot('b', { kind: 'time_on_page', seconds: 5 }),
      bot('c', { kind: 'scroll', percent: 150 }),
      { chatbotId: 'd' },
      { trigger: { kind: 'exit_intent' } },
      null,
      bot('e', { kind: 'exit_intent' }),
      bot('f', { kind: 'returning_visit' }),
      bot('g', { kind: 'custom_event', name: 'cart_abandoned' }),
    ];
    expect(armable(list).map((c) => c.chatbotId)).toEqual(['a', 'b', 'e', 'f', 'g']);
    expect(armable(undefined)).toEqual([]);
    expect(armable({ not: 'a list' })).toEqual([]);
  });

  it('a trigger fires on the fact of its own kind only', () => {
    expect(fires({ kind: 'time_on_page', seconds: 5 }, { seconds: 5 })).toBe(true);
    expect(fires({ kind: 'time_on_page', seconds: 5 }, { seconds: 4.9 })).toBe(false);
    expect(fires({ kind: 'time_on_page', seconds: 5 }, { percent: 100, exit: true, returning: true })).toBe(false);
    expect(fires({ kind: 'scroll', percent: 50 }, { percent: 50 })).toBe(true);
    expect(fires({ kind: 'scroll', percent: 50 }, { percent: 49 })).toBe(false);
    expect(fires({ kind: 'scroll', percent: 0 }, { seconds: 100 })).toBe(false);
    expect(fires({ kind: 'exit_intent' }, { exit: true })).toBe(true);
    expect(fires({ kind: 'exit_intent' }, { returning: true })).toBe(false);
    expect(fires({ kind: 'returning_visit' }, { returning: true })).toBe(true);
    expect(fires({ kind: 'custom_event', name: 'cart_abandoned' }, { event: 'cart_abandoned' })).toBe(true);
    expect(fires({ kind: 'custom_event', name: 'cart_abandoned' }, { event: 'Cart_Abandoned' })).toBe(false);
    expect(fires({ kind: 'custom_event', name: 'cart_abandoned' }, {})).toBe(false);
  });

  it('the request says only what the server checks for that kind', () => {
    const facts = { seconds: 7.06, percent: 64, exit: true, returning: true, event: 'x' };
    expect(firedTrigger({ kind: 'time_on_page', seconds: 5 }, facts)).toEqual({ kind: 'time_on_page', secondsOnPage: 7 });
    expect(firedTrigger({ kind: 'scroll', percent: 50 }, facts)).toEqual({ kind: 'scroll', scrollPercent: 64 });
    expect(firedTrigger({ kind: 'exit_intent' }, facts)).toEqual({ kind: 'exit_intent' });
    expect(firedTrigger({ kind: 'returning_visit' }, facts)).toEqual({ kind: 'returning_visit' });
    expect(firedTrigger({ kind: 'custom_event', name: 'cart_abandoned' }, { event: 'cart_abandoned' })).toEqual({ kind: 'custom_event', name: 'cart_abandoned' });
    expect(firedTrigger({ kind: 'time_on_page', seconds: 5 }, { seconds: 1e9 })).toEqual({ kind: 'time_on_page', secondsOnPage: 86400 });
  });
});

describe('Arming — which armed chatbot a signal starts', () => {
  const list = [
    bot('high', { kind: 'scroll', percent: 80 }),
    bot('mid', { kind: 'scroll', percent: 30 }),
    bot('timer', { kind: 'time_on_page', seconds: 5 }),
    bot('exit', { kind: 'exit_intent' }),
    bot('cart', { kind: 'custom_event', name: 'cart_abandoned' }),
  ];

  it('picks the highest-priority chatbot the facts fire', () => {
    const a = new Arming(list);
    expect(a.pick({ percent: 10 }, false)).toBeNull();
    expect(a.pick({ percent: 90 }, false)).toEqual({ chatbotId: 'high', trigger: { kind: 'scroll', scrollPercent: 90 } });
  });

  it('sends one request at a time, asks each chatbot once, and moves on after a refusal', () => {
    const a = new Arming(list);
    expect(a.pick({ percent: 90 }, false)?.chatbotId).toBe('high');
    expect(a.pick({ percent: 95 }, false)).toBeNull(); // the first is on its way
    expect(a.pick({ exit: true }, false)).toBeNull();
    a.answered(false);
    expect(a.pick({ percent: 95 }, false)?.chatbotId).toBe('mid'); // 'high' was asked already
    a.answered(false);
    expect(a.pick({ percent: 100 }, false)).toBeNull();
    expect(a.wants('scroll')).toBe(false);
    expect(a.wants('exit_intent')).toBe(true);
  });

  it('once a chatbot started, nothing else fires on this page', () => {
    const a = new Arming(list);
    expect(a.pick({ event: 'cart_abandoned' }, false)?.chatbotId).toBe('cart');
    a.answered(true);
    expect(a.done).toBe(true);
    expect(a.pick({ percent: 100, exit: true, seconds: 60 }, false)).toBeNull();
    expect(a.wants('exit_intent')).toBe(false);
  });

  it('fires nothing while blocked (box open, open conversation), and the chatbot stays armed', () => {
    const a = new Arming(list);
    expect(a.pick({ exit: true }, true)).toBeNull();
    expect(a.wants('exit_intent')).toBe(true);
    expect(a.pick({ exit: true }, false)).toEqual({ chatbotId: 'exit', trigger: { kind: 'exit_intent' } });
  });

  it('unknown event names fire nothing', () => {
    const a = new Arming(list);
    expect(a.pick({ event: 'checkout' }, false)).toBeNull();
    expect(a.wants('custom_event')).toBe(true);
  });
});

describe('scroll depth, exit intent, time on page', () => {
  it('scroll depth is the share of the scrollable height scrolled, 0–100', () => {
    // A 3000 px page in a 1000 px viewport scrolls 2000 px.
    expect(scrollPercent(0, 1000, 3000)).toBe(0);
    expect(scrollPercent(1000, 1000, 3000)).toBe(50);
    expect(scrollPercent(1990, 1000, 3000)).toBe(100);
    expect(scrollPercent(2000, 1000, 3000)).toBe(100);
    expect(scrollPercent(2500, 1000, 3000)).toBe(100); // rubber-band overscroll
    expect(scrollPercent(-40, 1000, 3000)).toBe(0);
    expect(scrollPercent(0, 1000, 800)).toBe(0); // nothing to scroll
    expect(scrollPercent(0, 1000, 1000)).toBe(0);
  });

  it('exit intent: on a desktop, the pointer leaves the document through the top', () => {
    expect(exitIntent({ clientY: 0, relatedTarget: null }, true)).toBe(true);
    expect(exitIntent({ clientY: -3, relatedTarget: null }, true)).toBe(true);
    expect(exitIntent({ clientY: 0, relatedTarget: null }, false)).toBe(false); // touch devices
    expect(exitIntent({ clientY: 1, relatedTarget: null }, true)).toBe(false); // left through a side or the bottom
    expect(exitIntent({ clientY: 0, relatedTarget: {} }, true)).toBe(false); // moved onto another element
  });

  it('time on page counts from the page load, but never more than the server credits (its page view + 1 s)', () => {
    // Armed 0.8 s after the page started loading: the page load decides.
    expect(creditedSeconds(5000, 800)).toBe(5);
    expect(delayFor(5, 800, 800)).toBe(4200);
    // The widget came late (armed at 8 s): the server saw the page view at most 8 s ago.
    expect(creditedSeconds(9000, 8000)).toBe(2);
    expect(delayFor(5, 8000, 8000)).toBe(4000);
    expect(creditedSeconds(12000, 8000)).toBe(5);
    // Already past it: at once.
    expect(delayFor(5, 20000, 800)).toBe(0);
    expect(delayFor(0, 100, 100)).toBe(0);
  });
});

describe('throttle and debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('throttle runs at once, then at most every interval with the last call of a burst', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 200);
    t();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      t();
      vi.advanceTimersByTime(30);
    }
    // 300 ms of calls: one more run at 200 ms, one pending for the tail of the burst.
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('debounce runs once the calls have stopped for the interval', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d();
    vi.advanceTimersByTime(400);
    d();
    vi.advanceTimersByTime(400);
    d();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
