/**
 * The signals chunk's glue: the script API calls the loader queued
 * (`set`, `setGroup`, `setLanguage` after load, `event`), the session's armed
 * triggers (a timer, a scroll listener, exit intent, returning visit, custom
 * events) and the two requests they lead to. The browser is behind `env`,
 * so tests drive it without one.
 */
import type { PageView, VisitorVariables, WidgetTriggerResponse } from '@parley/core';
import type { SignalsContext, SignalsController } from '../bridge';
import { Arming, armable, creditedSeconds, debounce, delayFor, eventName, exitIntent, mergeVariables, scrollPercent, throttle, visitorGroup, type Facts } from './rules';

export interface SignalsEnv {
  /** POST base + 'api/v1/widget/' + path; resolves to the JSON answer (null for 204), rejects with the server's message. */
  post(path: 'trigger' | 'visitor', body: object): Promise<unknown>;
  /** Milliseconds since the page started loading (`performance.now()`). */
  now(): number;
  /**
   * When the session call answered, on the same clock (Resource Timing), else
   * now: the server recorded the page view before that, so it credits at
   * least the time since plus 1 s.
   */
  sessionAt(): number;
  /** The page as the session call reported it. */
  page(): PageView;
  /** Adds a listener on the window (`scroll`, passive) or the document (`mouseout`); returns its removal. */
  listen(type: 'scroll' | 'mouseout', fn: (e: MouseEvent) => void): () => void;
  /** How far down the page the viewport's top is now, in % of the scrollable height. */
  scrolled(): number;
  /** A desktop (a fine pointer that hovers): where exit intent makes sense. */
  desktop: boolean;
  /** Listens to the widget's public `close` event; returns its removal. */
  onClose(fn: () => void): () => void;
  warn(message: string): void;
}

/** /api/v1/widget/visitor gets the changes made after load at most this often. */
export const VISITOR_DEBOUNCE_MS = 500;
export const SCROLL_THROTTLE_MS = 200;

export function mountSignals(ctx: SignalsContext, env: SignalsEnv): SignalsController {
  let variables: VisitorVariables = {};
  let group: string | null | undefined;
  let language: string | null = null;
  /** What changed since the session call or the last update: [variables, group, language]. */
  let dirty = [false, false, false];
  let arming: Arming | null = null;
  /** When the server recorded the page view, at the latest (see `env.sessionAt`). */
  let viewAt = 0;
  let depth = 0;
  /** Events sent before the triggers were known. */
  const early: string[] = [];
  const stops: (() => void)[] = [];
  const warned: Record<string, 1> = {};
  /** Each problem is logged once per page. */
  const warn = (m: string) => {
    if (warned[m]) return;
    warned[m] = 1;
    env.warn(m);
  };

  function take(): void {
    for (const call of ctx.calls.splice(0)) {
      const name = call[0];
      const a = call[1];
      if (name === 'set') {
        const r = mergeVariables(variables, a);
        for (const p of r.problems) warn(p);
        variables = r.variables;
        if (r.changed) dirty[0] = true;
      } else if (name === 'setGroup') {
        const g = visitorGroup(a);
        if (g === undefined) warn("parley('setGroup') takes a group name of at most 64 characters, or null");
        else if (g !== group) {
          group = g;
          dirty[1] = true;
        }
      } else if (name === 'setLanguage') {
        // The loader stored and applied it; this is only the server's copy.
        language = (typeof a == 'string' && a.trim().slice(0, 35)) || null;
        dirty[2] = true;
      } else {
        const n = eventName(a);
        if (!n) warn("parley('event') takes an event name of 1–64 characters");
        else if (arming) offer({ event: n });
        else early.push(n);
      }
    }
  }

  const sendUpdate = debounce(() => {
    const s = ctx.state().session;
    if (!s || !dirty.some(Boolean)) return;
    const body = {
      token: s.token,
      ...(dirty[0] ? { variables } : {}),
      ...(dirty[1] ? { group } : {}),
      ...(dirty[2] ? { language } : {}),
    };
    dirty = [false, false, false];
    env.post('visitor', body).catch((e: Error) => warn('could not update the visitor: ' + e.message));
  }, VISITOR_DEBOUNCE_MS);

  function blocked(): boolean {
    const st = ctx.state();
    const c = st.session && st.session.conversation;
    return st.open || (st.chat ? st.chat.busy() : !!c && c.status == 'open');
  }

  /** Something happened: the chatbot it fires (highest priority first) is asked to start. */
  function offer(f: Facts): void {
    const s = ctx.state().session;
    const picked = s && arming && arming.pick(f, blocked());
    if (!picked || !s) return;
    const a = arming as Arming;
    env.post('trigger', { token: s.token, ...picked, page: env.page() }).then(
      (r) => {
        const res = (r || {}) as Partial<WidgetTriggerResponse>;
        const started = !!res.started && typeof res.conversationId == 'string';
        a.answered(started);
        if (started) {
          disarm();
          follow(res.conversationId as string, typeof res.welcome == 'string' ? res.welcome.trim() : '');
        } else again();
      },
      (e: Error) => {
        a.answered(false);
        warn('could not start a chatbot: ' + e.message);
        again();
      },
    );
  }

  /**
   * A chatbot started: the session records its conversation (for the chat
   * bundle, loaded now at idle time, or told at once when already there) and
   * its welcome becomes the teaser above the launcher.
   */
  function follow(id: string, welcome: string): void {
    const st = ctx.state();
    if (st.session) st.session.conversation = { id, status: 'open', lastSeq: 0, chatbot: null };
    if (welcome) ctx.teaser.start(welcome);
    ctx.redraw();
    if (st.chat) st.chat.follow(id);
    else ctx.prefetch();
  }

  /** What holds now (after a refusal, or when the box closes): another armed chatbot may fire. */
  function again(): void {
    offer({ seconds: creditedSeconds(env.now(), viewAt), percent: depth, returning: true });
  }

  function disarm(): void {
    for (const stop of stops.splice(0)) stop();
  }

  function arm(list: unknown): void {
    const a = (arming = new Arming(armable(list)));
    if (a.done || !a.list.length) return;
    viewAt = env.sessionAt();
    const timers: Record<number, ReturnType<typeof setTimeout>> = {};
    for (const c of a.list) {
      const t = c.trigger;
      if (t.kind == 'time_on_page' && !timers[t.seconds]) {
        // Counted from the page load, not from this chunk's (+50 ms: timers and clocks round).
        timers[t.seconds] = setTimeout(() => offer({ seconds: creditedSeconds(env.now(), viewAt) }), delayFor(t.seconds, env.now(), viewAt) + 50);
      }
    }
    stops.push(() => {
      for (const k in timers) clearTimeout(timers[k]);
    });
    if (a.wants('scroll')) {
      const measure = () => {
        depth = Math.max(depth, env.scrolled());
        if (a.wants('scroll')) offer({ percent: depth });
      };
      stops.push(env.listen('scroll', throttle(measure, SCROLL_THROTTLE_MS)));
      measure(); // a restored scroll position counts
    }
    if (a.wants('exit_intent') && env.desktop) {
      stops.push(
        env.listen('mouseout', (e) => {
          if (exitIntent(e, true)) offer({ exit: true });
        }),
      );
    }
    stops.push(env.onClose(again));
    if (a.wants('returning_visit')) offer({ returning: true });
    for (const n of early.splice(0)) offer({ event: n });
  }

  return {
    run() {
      take();
      const s = ctx.state().session;
      if (!s) return;
      if (!arming) arm(s.triggers);
      if (dirty.some(Boolean)) sendUpdate();
    },
    body() {
      take();
      dirty = [false, false, false];
      return {
        ...(Object.keys(variables).length ? { variables } : {}),
        ...(group !== undefined ? { group } : {}),
      };
    },
  };
}
