import type { ArmedChatbot } from '@parley/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../api';
import type { Call, ChatController, SignalsContext } from '../bridge';
import { mountSignals, SCROLL_THROTTLE_MS, VISITOR_DEBOUNCE_MS, type SignalsEnv } from './signals';

const PAGE = { url: 'https://shop.example/pricing', title: 'Pricing', referrer: '' };

function session(triggers: ArmedChatbot[] | undefined, over: Partial<Session> = {}): Session {
  return {
    visitorId: 'v1',
    token: 'tok',
    expiresAt: '',
    conversation: null,
    welcome: null,
    website: { name: 'Shop', color: '#4f46e5', position: 'right', greeting: '' },
    agentsOnline: 1,
    triggers: triggers as ArmedChatbot[],
    ...over,
  };
}

type Answer = { started: boolean; conversationId: string | null; welcome: string | null; reason: string | null } | Error;

/**
 * The chunk between a fake loader (its queue, state, teaser, chat bundle)
 * and a fake browser. Time is vitest's fake clock; `now()` is ms since the
 * page started loading: `loadedAt` at the test's first step; the session
 * call answered at `sessionAt` (default 200 ms before).
 */
function setup(opts: { desktop?: boolean; loadedAt?: number; sessionAt?: number; answers?: Answer[] } = {}) {
  const loadedAt = opts.loadedAt ?? 1000;
  const start = Date.now() - loadedAt;
  const requests: { path: string; body: Record<string, unknown> }[] = [];
  const answers = [...(opts.answers ?? [])];
  const listeners: Record<string, ((e: MouseEvent) => void)[]> = {};
  const closeListeners: (() => void)[] = [];
  const warnings: string[] = [];
  const log: string[] = [];
  let scrolled = 0;
  const calls: Call[] = [];
  const state = { session: null as Session | null, open: false, chat: null as ChatController | null };
  const env: SignalsEnv = {
    post(path, body) {
      requests.push({ path, body: body as Record<string, unknown> });
      if (path === 'visitor') return Promise.resolve(null);
      const a = answers.shift() ?? { started: false, conversationId: null, welcome: null, reason: 'No chatbot applies' };
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
    now: () => Date.now() - start,
    sessionAt: () => opts.sessionAt ?? Math.max(0, loadedAt - 200),
    page: () => PAGE,
    listen(type, fn) {
      (listeners[type] = listeners[type] || []).push(fn);
      return () => (listeners[type] = (listeners[type] || []).filter((f) => f !== fn));
    },
    scrolled: () => scrolled,
    desktop: opts.desktop ?? true,
    onClose(fn) {
      closeListeners.push(fn);
      return () => closeListeners.splice(closeListeners.indexOf(fn), 1);
    },
    warn: (m) => warnings.push(m),
  };
  const ctx: SignalsContext = {
    base: 'https://chat.example/',
    calls,
    state: () => state,
    teaser: { start: (text) => log.push('teaser:' + text) },
    redraw: () => log.push('redraw'),
    prefetch: () => log.push('prefetch'),
  };
  const signals = mountSignals(ctx, env);
  /** A call through the loader: queued, then the chunk runs. */
  const call = (...args: unknown[]) => {
    calls.push(args);
    signals.run();
  };
  return {
    signals,
    state,
    requests,
    triggers: () => requests.filter((r) => r.path === 'trigger').map((r) => r.body),
    updates: () => requests.filter((r) => r.path === 'visitor').map((r) => r.body),
    warnings,
    log,
    calls,
    call,
    /** The session answered; the loader runs the chunk. */
    answer(s: Session) {
      state.session = s;
      signals.run();
    },
    scrollTo(percent: number) {
      scrolled = percent;
      for (const fn of listeners.scroll || []) fn({} as MouseEvent);
    },
    mouseout: (clientY: number, relatedTarget: unknown = null) => {
      for (const fn of listeners.mouseout || []) fn({ clientY, relatedTarget } as unknown as MouseEvent);
    },
    listening: (type: string) => (listeners[type] || []).length,
    close() {
      state.open = false;
      for (const fn of closeListeners.slice()) fn();
    },
    closeListeners,
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('signals — the script API', () => {
  it('calls made before the session go with it, validated; bad input warns once and never throws', async () => {
    const t = setup();
    t.calls.push(['set', { plan: 'pro', 'bad name': 1 }], ['set', { cartValue: 120 }], ['setGroup', ' vip '], ['set', 'oops'], ['set', 'oops']);
    t.signals.run(); // the chunk loaded before the session call
    expect(t.signals.body()).toEqual({ variables: { plan: 'pro', cartValue: 120 }, group: 'vip' });
    expect(t.warnings).toEqual([
      'variable "bad name": names are 1–64 letters, digits, "_", "-" or "."',
      "parley('set') takes an object of variables, e.g. {plan: 'pro'}",
    ]);
    // What went with the session is not sent again.
    t.answer(session([]));
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS * 2);
    expect(t.requests).toEqual([]);
  });

  it('a session call without script API calls carries nothing extra; setGroup(null) clears', () => {
    const t = setup();
    expect(t.signals.body()).toEqual({});
    t.calls.push(['setGroup', null]);
    expect(t.signals.body()).toEqual({ group: null });
  });

  it('after load, changes go to /visitor once the calls stop (debounced), with only what changed', async () => {
    const t = setup();
    t.answer(session([]));
    t.call('set', { plan: 'pro' });
    await vi.advanceTimersByTimeAsync(100);
    t.call('set', { seats: 3 });
    t.call('setLanguage', 'cs');
    expect(t.requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.updates()).toEqual([{ token: 'tok', variables: { plan: 'pro', seats: 3 }, language: 'cs' }]);
    t.call('setGroup', 'vip');
    t.call('set', { plan: 'pro' }); // unchanged
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.updates()[1]).toEqual({ token: 'tok', group: 'vip' });
    t.call('setLanguage', '');
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.updates()[2]).toEqual({ token: 'tok', language: null });
    t.call('setGroup', 42);
    t.call('set', { plan: 'pro' });
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.updates()).toHaveLength(3);
    expect(t.warnings).toEqual(["parley('setGroup') takes a group name of at most 64 characters, or null"]);
  });

  it('changes made while the session call is on its way are sent once it answered', async () => {
    const t = setup();
    t.signals.body(); // the session call went
    t.call('set', { plan: 'pro' });
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.requests).toEqual([]);
    t.answer(session([]));
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(t.updates()).toEqual([{ token: 'tok', variables: { plan: 'pro' } }]);
  });

  it('a refused update logs one warning', async () => {
    const t = setup();
    t.answer(session([]));
    const post = vi.fn().mockRejectedValue(new Error('Variable names are 1–64 letters (body.variables.x)'));
    // Reach into the env through a fresh mount with a failing post.
    const calls: Call[] = [['set', { a: 1 }]];
    const warnings: string[] = [];
    const s = mountSignals(
      { base: '', calls, state: () => ({ session: session([]), open: false, chat: null }), teaser: { start() {} }, redraw() {}, prefetch() {} },
      { post, now: () => 0, sessionAt: () => 0, page: () => PAGE, listen: () => () => {}, scrolled: () => 0, desktop: true, onClose: () => () => {}, warn: (m) => warnings.push(m) },
    );
    s.run();
    await vi.advanceTimersByTimeAsync(VISITOR_DEBOUNCE_MS);
    expect(post).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual(['could not update the visitor: Variable names are 1–64 letters (body.variables.x)']);
  });
});

describe('signals — armed triggers', () => {
  it('time on page fires N seconds after the page load, not after the chunk loaded', async () => {
    // Armed 1.5 s after the page started loading; the session answered at 0.9 s.
    const t = setup({ loadedAt: 1500, sessionAt: 900 });
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'time_on_page', seconds: 5 } }]));
    await vi.advanceTimersByTimeAsync(3400);
    expect(t.triggers()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.triggers()).toEqual([{ token: 'tok', chatbotId: 'b1', trigger: { kind: 'time_on_page', secondsOnPage: 5 }, page: PAGE }]);
  });

  it('a late widget waits until the server can credit the time (its page view + 1 s)', async () => {
    // The session answered 7.8 s after the page started loading: the server credits from ~7.8 s + 1 s.
    const t = setup({ loadedAt: 8000, sessionAt: 7800 });
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'time_on_page', seconds: 5 } }]));
    await vi.advanceTimersByTimeAsync(3750);
    expect(t.triggers()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.triggers()).toMatchObject([{ trigger: { kind: 'time_on_page', secondsOnPage: 5 } }]);
  });

  it('scroll depth is measured throttled and fires the chatbot once the depth is reached', async () => {
    const t = setup();
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'scroll', percent: 50 } }]));
    expect(t.listening('scroll')).toBe(1);
    t.scrollTo(20);
    t.scrollTo(40);
    t.scrollTo(60);
    await flush();
    expect(t.triggers()).toEqual([{ token: 'tok', chatbotId: 'b1', trigger: { kind: 'scroll', scrollPercent: 60 }, page: PAGE }]);
    expect(t.listening('scroll')).toBe(1);
    await vi.advanceTimersByTimeAsync(SCROLL_THROTTLE_MS);
    t.scrollTo(90);
    await vi.advanceTimersByTimeAsync(SCROLL_THROTTLE_MS);
    expect(t.triggers()).toHaveLength(1); // asked once
  });

  it('a page already scrolled when armed counts (restored position)', async () => {
    const t = setup();
    t.scrollTo(70);
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'scroll', percent: 50 } }]));
    await flush();
    expect(t.triggers()).toMatchObject([{ trigger: { kind: 'scroll', scrollPercent: 70 } }]);
  });

  it('exit intent: through the top, desktop only', async () => {
    const t = setup();
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'exit_intent' } }]));
    t.mouseout(200);
    t.mouseout(0, {}); // onto another element
    expect(t.triggers()).toEqual([]);
    t.mouseout(0);
    await flush();
    expect(t.triggers()).toEqual([{ token: 'tok', chatbotId: 'b1', trigger: { kind: 'exit_intent' }, page: PAGE }]);
    t.mouseout(-2);
    await flush();
    expect(t.triggers()).toHaveLength(1);

    const touch = setup({ desktop: false });
    touch.answer(session([{ chatbotId: 'b1', trigger: { kind: 'exit_intent' } }]));
    expect(touch.listening('mouseout')).toBe(0);
  });

  it('returning visit fires right after load', async () => {
    const t = setup();
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'returning_visit' } }]));
    await flush();
    expect(t.triggers()).toEqual([{ token: 'tok', chatbotId: 'b1', trigger: { kind: 'returning_visit' }, page: PAGE }]);
  });

  it('custom events fire the armed chatbot with that name; unknown names are ignored; early events count', async () => {
    const t = setup();
    t.calls.push(['event', 'cart_abandoned']); // before the session answered
    t.signals.run();
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'custom_event', name: 'checkout_started' } }]));
    await flush();
    expect(t.triggers()).toEqual([]);
    t.call('event', 'newsletter');
    t.call('event', '');
    await flush();
    expect(t.triggers()).toEqual([]);
    expect(t.warnings).toEqual(["parley('event') takes an event name of 1–64 characters"]);
    t.call('event', 'checkout_started');
    await flush();
    expect(t.triggers()).toEqual([{ token: 'tok', chatbotId: 'b1', trigger: { kind: 'custom_event', name: 'checkout_started' }, page: PAGE }]);

    const early = setup();
    early.calls.push(['event', 'cart_abandoned']);
    early.answer(session([{ chatbotId: 'b2', trigger: { kind: 'custom_event', name: 'cart_abandoned' } }]));
    await flush();
    expect(early.triggers()).toMatchObject([{ chatbotId: 'b2' }]);
  });

  it('the highest priority goes first; after a refusal the next that holds is asked', async () => {
    const t = setup({ loadedAt: 10_000 });
    t.answer(
      session([
        { chatbotId: 'high', trigger: { kind: 'returning_visit' } },
        { chatbotId: 'low', trigger: { kind: 'time_on_page', seconds: 1 } },
      ]),
    );
    await vi.advanceTimersByTimeAsync(100);
    // The timer fired while 'high' was on its way; the refusal lets 'low' go.
    expect(t.triggers().map((r) => r.chatbotId)).toEqual(['high', 'low']);
  });

  it('once a chatbot started: its welcome is the teaser, the chat bundle follows, the others are disarmed', async () => {
    const t = setup({ answers: [{ started: true, conversationId: 'conv-9', welcome: ' Hi! Need a hand? ', reason: null }] });
    const s = session([
      { chatbotId: 'b1', trigger: { kind: 'returning_visit' } },
      { chatbotId: 'b2', trigger: { kind: 'scroll', percent: 10 } },
      { chatbotId: 'b3', trigger: { kind: 'exit_intent' } },
      { chatbotId: 'b4', trigger: { kind: 'time_on_page', seconds: 30 } },
    ]);
    t.answer(s);
    await flush();
    expect(t.triggers().map((r) => r.chatbotId)).toEqual(['b1']);
    expect(s.conversation).toEqual({ id: 'conv-9', status: 'open', lastSeq: 0, chatbot: null });
    expect(t.log).toEqual(['teaser:Hi! Need a hand?', 'redraw', 'prefetch']);
    expect(t.listening('scroll') + t.listening('mouseout') + t.closeListeners.length).toBe(0);
    t.scrollTo(100);
    t.mouseout(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.triggers()).toHaveLength(1);
  });

  it('with the chat bundle loaded, the conversation is handed to it instead', async () => {
    const t = setup({ answers: [{ started: true, conversationId: 'conv-9', welcome: null, reason: null }] });
    const follow = vi.fn();
    t.state.chat = { setOpen() {}, busy: () => false, follow };
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'returning_visit' } }]));
    await flush();
    expect(follow).toHaveBeenCalledWith('conv-9');
    expect(t.log).toEqual(['redraw']); // no welcome: no teaser
  });

  it('nothing fires while the box is open; closing it lets what holds fire', async () => {
    const t = setup({ loadedAt: 0 });
    t.state.open = true;
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'time_on_page', seconds: 2 } }]));
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.triggers()).toEqual([]);
    t.close();
    await flush();
    // Reported as the time on the page now (5 s), not when the timer ran.
    expect(t.triggers()).toMatchObject([{ chatbotId: 'b1', trigger: { kind: 'time_on_page', secondsOnPage: 5 } }]);
  });

  it('nothing fires while the visitor has an open conversation (session, or the chat bundle when loaded)', async () => {
    const t = setup();
    t.answer(session([{ chatbotId: 'b1', trigger: { kind: 'exit_intent' } }], { conversation: { id: 'c1', status: 'open', lastSeq: 2, chatbot: null } }));
    t.mouseout(0);
    await flush();
    expect(t.triggers()).toEqual([]);
    // The chat bundle knows better: the agent closed it since.
    t.state.chat = { setOpen() {}, busy: () => false, follow() {} };
    t.mouseout(0);
    await flush();
    expect(t.triggers()).toHaveLength(1);

    const closed = setup();
    closed.answer(session([{ chatbotId: 'b1', trigger: { kind: 'returning_visit' } }], { conversation: { id: 'c1', status: 'closed', lastSeq: 2, chatbot: null } }));
    await flush();
    expect(closed.triggers()).toHaveLength(1);
  });

  it('a refused trigger (400) logs one warning and never throws', async () => {
    const t = setup({ answers: [new Error('Invalid input (body.trigger.name)'), new Error('Invalid input (body.trigger.name)')] });
    t.answer(
      session([
        { chatbotId: 'b1', trigger: { kind: 'custom_event', name: 'a' } },
        { chatbotId: 'b2', trigger: { kind: 'custom_event', name: 'a' } },
      ]),
    );
    t.call('event', 'a');
    await flush();
    expect(t.triggers().map((r) => r.chatbotId)).toEqual(['b1']);
    expect(t.warnings).toEqual(['could not start a chatbot: Invalid input (body.trigger.name)']);
  });

  it('no triggers, or none this widget knows: nothing is armed, nothing is listened to', async () => {
    for (const triggers of [[], undefined, [{ chatbotId: 'x', trigger: { kind: 'future_kind' } }] as unknown as ArmedChatbot[]]) {
      const t = setup();
      t.answer(session(triggers));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(t.requests).toEqual([]);
      expect(t.listening('scroll') + t.listening('mouseout') + t.closeListeners.length).toBe(0);
    }
  });
});
