import { describe, expect, it } from 'vitest';
import { describeCondition, makeCondition, operatorsFor, withField } from './conditions';

describe('condition form helpers', () => {
  it('offers only boolean operators for boolean fields', () => {
    expect(operatorsFor('agents_online')).toEqual(['is_true', 'is_false']);
    expect(operatorsFor('visitor_language')).toContain('starts_with');
  });

  it('converts values when the operator kind changes', () => {
    const field = { source: 'variable', name: 'age' } as const;
    expect(makeCondition(field, 'gt', '18')).toEqual({ field, operator: 'gt', value: 18 });
    expect(makeCondition(field, 'gt', 'x')).toEqual({ field, operator: 'gt', value: 0 });
    expect(makeCondition(field, 'is', 18)).toEqual({ field, operator: 'is', value: '18' });
    expect(makeCondition(field, 'is_true', 'x')).toEqual({ field, operator: 'is_true' });
  });

  it('changes the field and keeps a fitting operator', () => {
    const c = makeCondition({ source: 'visitor_language' }, 'is', 'cs');
    expect(withField(c, 'agents_online')).toEqual({ field: { source: 'agents_online' }, operator: 'is_true' });
    expect(withField(c, 'contact')).toEqual({ field: { source: 'contact', key: 'email' }, operator: 'is', value: 'cs' });
    expect(describeCondition(c)).toBe('visitor language is "cs"');
  });
});
