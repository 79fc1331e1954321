import { describe, expect, it } from 'vitest';
import { groupTranscript, hasGap, maxSeq, mergeMessages } from './messages';
import { msg } from './testData';

describe('mergeMessages', () => {
  it('merges out-of-order messages into seq order', () => {
    const merged = mergeMessages([msg(1), msg(3)], [msg(4), msg(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('de-duplicates by seq (a message frame racing a sync)', () => {
    const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(3), msg(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing is new', () => {
    const current = [msg(1), msg(2)];
    expect(mergeMessages(current, [msg(1)])).toBe(current);
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('maxSeq and hasGap', () => {
    expect(maxSeq([])).toBe(0);
    expect(maxSeq([msg(1), msg(7)])).toBe(7);
    expect(hasGap([msg(1), msg(2)])).toBe(false);
    expect(hasGap([msg(1), msg(3)])).toBe(true);
    expect(hasGap([msg(2)])).toBe(true);
  });
});

describe('groupTranscript', () => {
  it('groups consecutive messages of the same author', () => {
    const days = groupTranscript([
      msg(1),
      msg(2),
      msg(3, { authorType: 'agent' }),
      msg(4, { authorType: 'agent' }),
      msg(5, { authorType: 'chatbot' }),
      msg(6),
    ]);
    expect(days).toHaveLength(1);
    expect(days[0]!.groups.map((g) => [g.authorType, g.messages.map((m) => m.seq)])).toEqual([
      ['visitor', [1, 2]],
      ['agent', [3, 4]],
      ['chatbot', [5]],
      ['visitor', [6]],
    ]);
  });

  it('splits groups after a long pause, and system messages stand alone', () => {
    const days = groupTranscript([
      msg(1, { createdAt: '2024-03-14T12:00:00.000Z' }),
      msg(2, { createdAt: '2024-03-14T12:10:00.000Z' }),
      msg(3, { authorType: 'system' }),
      msg(4, { authorType: 'system' }),
    ]);
    expect(days[0]!.groups.map((g) => g.messages.length)).toEqual([1, 1, 1, 1]);
  });

  it('splits by day', () => {
    const days = groupTranscript([
      msg(1, { createdAt: new Date(2024, 2, 13, 12).toISOString() }),
      msg(2, { createdAt: new Date(2024, 2, 14, 12).toISOString() }),
    ]);
    expect(days).toHaveLength(2);
  });
});
