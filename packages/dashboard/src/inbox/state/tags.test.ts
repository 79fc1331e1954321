import { describe, expect, it } from 'vitest';
import { checkNewTag, knownTags, normalizeTag } from './tags';
import { conv } from './testData';

describe('tags', () => {
  it('normalises whitespace and keeps case', () => {
    expect(normalizeTag('  VIP   lead \n')).toBe('VIP lead');
    expect(normalizeTag('   ')).toBe('');
  });

  it('checks length, duplicates and reuses known spelling', () => {
    expect(checkNewTag('  ', [])).toEqual({ ok: false, error: 'Tag is empty' });
    expect(checkNewTag('x'.repeat(51), [])).toEqual({ ok: false, error: 'Tag is longer than 50 characters' });
    expect(checkNewTag(' ' + 'x'.repeat(50) + ' ', [])).toEqual({ ok: true, tag: 'x'.repeat(50) });
    expect(checkNewTag('vip', ['VIP'])).toEqual({ ok: false, error: 'Already tagged' });
    expect(checkNewTag('vip', ['other'], ['VIP', 'billing'])).toEqual({ ok: true, tag: 'VIP' });
    expect(checkNewTag('New one', ['other'], ['VIP'])).toEqual({ ok: true, tag: 'New one' });
  });

  it('lists tags seen in loaded conversations, sorted, with the active filter', () => {
    const all = { a: conv('a', { tags: ['vip', 'Billing'] }), b: conv('b', { tags: ['vip'] }), c: conv('c') };
    expect(knownTags(all)).toEqual(['Billing', 'vip']);
    expect(knownTags(all, 'archived')).toEqual(['archived', 'Billing', 'vip']);
    expect(knownTags({})).toEqual([]);
  });
});
