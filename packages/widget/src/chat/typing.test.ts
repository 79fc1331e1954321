import { describe, expect, it } from 'vitest';
import { TypingSignal } from './typing';

describe('TypingSignal', () => {
  function setup(connected = true) {
    let now = 0;
    const sent: boolean[] = [];
    const sig = new TypingSignal(
      (t) => {
        if (!connected) return false;
        sent.push(t);
        return true;
      },
      () => now,
    );
    return { sig, sent, tick: (ms: number) => (now += ms), setConnected: (c: boolean) => (connected = c) };
  }

  it('sends typing:true at most every 2 s while the composer changes', () => {
    const t = setup();
    for (let i = 0; i < 10; i++) {
      t.sig.input(false);
      t.tick(500);
    }
    expect(t.sent).toEqual([true, true, true]); // at 0, 2000, 4000 ms
  });

  it('sends typing:false once when cleared or sent, and only after a true', () => {
    const t = setup();
    t.sig.stop();
    t.sig.input(true);
    expect(t.sent).toEqual([]);
    t.sig.input(false);
    t.sig.input(true);
    t.sig.stop();
    expect(t.sent).toEqual([true, false]);
    t.sig.input(false); // typing again right away is signalled at once
    expect(t.sent).toEqual([true, false, true]);
  });

  it('retries when the socket was not connected and forgets state on reset', () => {
    const t = setup(false);
    t.sig.input(false);
    expect(t.sent).toEqual([]);
    t.setConnected(true);
    t.sig.input(false);
    expect(t.sent).toEqual([true]);
    t.sig.reset();
    t.sig.stop();
    t.sig.input(false);
    expect(t.sent).toEqual([true, true]);
  });
});
