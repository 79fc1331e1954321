import { describe, expect, it } from 'vitest';
import { REGEX_INPUT_MAX_LENGTH, REGEX_MAX_LENGTH } from '../../limits.js';
import { compileSafeRegex } from './safe-regex.js';

function test(pattern: string, input: string): boolean {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  return compiled.regex.test(input);
}

describe('compileSafeRegex', () => {
  // Each pattern is checked against JavaScript's own RegExp with the `i` flag on every input.
  const patterns = [
    'abc', '^abc$', 'a.c', 'a*', '^a+$', 'colou?r', '^\\d{3}-\\d{4}$', '^\\d{2,4}$', 'x{2,}', '^(yes|yeah|yep)$',
    '(?:ab)+c', '(?<word>ab)c', '[a-c]+', '[^a-c]', '^[\\w.+-]+@[\\w-]+\\.[a-z]{2,}$', '\\bcat\\b', '\\Bcat',
    '\\s+', '\\S+$', '\\D', '\\W', 'a|b|', '^$', '\\.', '[.]', 'a{', '}', ']', '[]]?', '[a-]', '[-a]', '^.*$',
    '(a|ab)(c|bcd)(d*)', '(a*)*b', '(x+x+)+y', 'order-\\d+', '\\x41', '\\u00e9', '[\\d_]+', 'é', 'ÉCOLE', '(a?){3}a{3}',
    'a{0}b', 'a{1,1}', '[a-z]{1,3}?z', 'a+?b', '^(?:(a)|b)+$',
  ];
  const inputs = [
    '', 'abc', 'ABC', 'xabcx', 'ac', 'a\nc', 'aaa', 'color', 'COLOUR', '555-1234', '55-1234', '12', '12345', 'xxx',
    'yes', 'Yeah', 'yep!', 'ababc', 'bbc', 'd', 'jan.novak+1@acme.cz', 'the cat sat', 'concat', 'scat', ' \t', '42',
    'a', 'b', '.', 'a{', '}', ']', '-', 'abcd', 'aaaab', 'xxxxy', 'ORDER-7', 'A', 'é', 'École', 'aaa', 'z', 'abz',
    'aab', 'ab',
  ];
  for (const pattern of patterns) {
    it(`matches like RegExp for /${pattern}/i`, () => {
      const native = new RegExp(pattern, 'i');
      for (const input of inputs) expect([input, test(pattern, input)]).toEqual([input, native.test(input)]);
    });
  }

  it('refuses back-references and look-arounds, which cannot run in linear time', () => {
    for (const pattern of ['(a)\\1', '(?<x>a)\\k<x>', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b']) {
      expect(compileSafeRegex(pattern)).toMatchObject({ ok: false, code: 'invalid_regex' });
    }
  });

  it('refuses malformed patterns with a reason', () => {
    for (const pattern of ['(', 'a)', '[a', '*a', 'a**', '+', '\\', '[z-a]', 'a{3,1}', '^*', '\\p{L}']) {
      const result = compileSafeRegex(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it(`refuses patterns longer than ${REGEX_MAX_LENGTH} characters and oversized repeats`, () => {
    expect(compileSafeRegex('a'.repeat(REGEX_MAX_LENGTH + 1))).toMatchObject({ ok: false, code: 'regex_too_long' });
    expect(compileSafeRegex('a'.repeat(REGEX_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(compileSafeRegex('a{1000}')).toMatchObject({ ok: false, code: 'regex_too_long' });
    expect(compileSafeRegex('((a{1,100}){1,100}){1,100}')).toMatchObject({ ok: false, code: 'regex_too_long' });
  });

  it('runs patterns that make a backtracking engine explode in a few milliseconds', () => {
    const started = performance.now();
    const long = REGEX_INPUT_MAX_LENGTH - 1;
    expect(test('\\d*\\d*\\d*x', '1'.repeat(long))).toBe(false);
    expect(test('(a+)+$', `${'a'.repeat(long)}!`)).toBe(false);
    expect(test('^(a|a)*b', 'a'.repeat(long))).toBe(false);
    expect(test('^.*a.*a.*a.*a$', `${'a'.repeat(long)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it(`looks only at the first ${REGEX_INPUT_MAX_LENGTH} characters`, () => {
    expect(test('needle', `${'x'.repeat(REGEX_INPUT_MAX_LENGTH)}needle`)).toBe(false);
    expect(test('needle', `${'x'.repeat(REGEX_INPUT_MAX_LENGTH - 6)}needle`)).toBe(true);
  });
});
