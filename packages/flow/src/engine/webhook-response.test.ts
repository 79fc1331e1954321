import { describe, expect, it } from 'vitest';
import { VALUE_MAX_LENGTH } from '../limits.js';
import { responseValue } from './webhook-response.js';

describe('responseValue', () => {
  const data = { order: { status: 'shipped', count: 2, paid: false, items: [{ name: 'Mug' }], note: null }, long: 'x'.repeat(VALUE_MAX_LENGTH + 5) };

  it('reads strings, numbers and booleans along a dotted path (array indexes included)', () => {
    expect(responseValue(data, 'order.status')).toBe('shipped');
    expect(responseValue(data, 'order.count')).toBe(2);
    expect(responseValue(data, 'order.paid')).toBe(false);
    expect(responseValue(data, 'order.items.0.name')).toBe('Mug');
  });

  it('gives null for objects, arrays, null, missing values and inherited properties', () => {
    for (const path of ['order', 'order.items', 'order.note', 'order.nope', 'nope.deeper', 'order.constructor', 'order.status.length']) {
      expect(responseValue(data, path), path).toBeNull();
    }
    expect(responseValue(undefined, 'a')).toBeNull();
    expect(responseValue('text', 'length')).toBeNull();
  });

  it(`cuts strings to ${VALUE_MAX_LENGTH} characters`, () => {
    expect(responseValue(data, 'long')).toHaveLength(VALUE_MAX_LENGTH);
  });
});
