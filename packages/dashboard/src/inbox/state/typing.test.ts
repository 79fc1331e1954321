import { describe, expect, it } from 'vitest';
import {
  agentsTyping,
  applyTyping,
  clearTypingOf,
  expireTyping,
  IDLE_TYPING,
  isVisitorTyping,
  nextTypingExpiry,
  onComposerChange,
  onStop,
} from './typing';

describe('outgoing typing', () => {
  it('sends true at most every 2 s while typing', () => {
    let s = IDLE_TYPING;
    const sent: (boolean | null)[] = [];
    for (const [text, at] of [['h', 0], ['he', 500], ['hel', 1999], ['hell', 2000], ['hello', 3000], ['hello!', 4100]] as const) {
      const r = onComposerChange(s, text, at);
      sent.push(r.send);
      s = r.state;
    }
    expect(sent).toEqual([true, null, null, true, null, true]);
  });

  it('sends false once when the text is cleared', () => {
    const typing = onComposerChange(IDLE_TYPING, 'x', 0).state;
    const cleared = onComposerChange(typing, '', 100);
    expect(cleared.send).toBe(false);
    expect(onComposerChange(cleared.state, '', 200).send).toBe(null);
  });

  it('stops on send only if we were typing', () => {
    expect(onStop(IDLE_TYPING).send).toBe(null);
    expect(onStop(onComposerChange(IDLE_TYPING, 'x', 0).state)).toEqual({ send: false, state: IDLE_TYPING });
  });
});

describe('incoming typing', () => {
  const visitor = { type: 'visitor' as const, id: 'v1', name: null };
  const ada = { type: 'agent' as const, id: 'ada', name: 'Ada' };
  const me = { type: 'agent' as const, id: 'me', name: 'Me' };

  it('shows the visitor typing for 6 s after the last frame', () => {
    let m = applyTyping({}, 'c1', visitor, true, 1000);
    expect(isVisitorTyping(m, 'c1', 6999)).toBe(true);
    m = applyTyping(m, 'c1', visitor, true, 5000); // renewal
    expect(isVisitorTyping(m, 'c1', 10_999)).toBe(true);
    expect(isVisitorTyping(m, 'c1', 11_000)).toBe(false);
    expect(nextTypingExpiry(m)).toBe(11_000);
    expect(expireTyping(m, 11_000)).toEqual({});
    expect(isVisitorTyping(m, 'c2', 6000)).toBe(false);
  });

  it('hides at once on typing:false or when the visitor sends', () => {
    const m = applyTyping({}, 'c1', visitor, true, 0);
    expect(applyTyping(m, 'c1', visitor, false, 10)).toEqual({});
    expect(clearTypingOf(m, 'c1', visitor)).toEqual({});
    const none = {};
    expect(clearTypingOf(none, 'c1', visitor)).toBe(none);
  });

  it('lists other agents typing, not me', () => {
    let m = applyTyping({}, 'c1', ada, true, 0);
    m = applyTyping(m, 'c1', me, true, 0);
    expect(agentsTyping(m, 'c1', 'me', 100)).toEqual([ada]);
    expect(expireTyping(m, 100)).toBe(m);
  });
});
