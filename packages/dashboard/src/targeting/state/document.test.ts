import { defaultTargeting } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import { isDirty, parsePriority, stableJson } from './document';

describe('dirty and priority', () => {
  it('compares documents whatever their key order', () => {
    expect(stableJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"x":2,"y":1}]},"b":1}');
    const saved = { targeting: defaultTargeting(), priority: 0 };
    const reordered = { frequency: 'once_per_visit', conditions: { conditions: [], match: 'all', kind: 'group' }, trigger: { kind: 'chat_opened' } } as const;
    expect(isDirty({ targeting: reordered as never, priority: 0 }, saved)).toBe(false);
    expect(isDirty({ targeting: defaultTargeting(), priority: 1 }, saved)).toBe(true);
    expect(isDirty({ targeting: defaultTargeting(), priority: null }, saved)).toBe(true);
    expect(isDirty({ targeting: { ...defaultTargeting(), frequency: 'every_page_view' }, priority: 0 }, saved)).toBe(true);
  });

  it('reads the priority as a whole number from -1000 to 1000', () => {
    expect(parsePriority(' 10 ')).toEqual({ ok: true, value: 10 });
    expect(parsePriority('-1000')).toEqual({ ok: true, value: -1000 });
    expect(parsePriority('')).toMatchObject({ ok: false });
    expect(parsePriority('1.5')).toMatchObject({ ok: false });
    expect(parsePriority('1001')).toMatchObject({ ok: false });
  });
});
