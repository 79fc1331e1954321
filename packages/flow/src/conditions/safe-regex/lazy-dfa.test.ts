import { describe, expect, it } from 'vitest';
import { caseInsensitive, caseInsensitiveLiteral } from './char-classes.js';
import { compilePattern } from './compile-pattern.js';
import { LazyDfa, MAX_STATES } from './lazy-dfa.js';
import { parsePattern } from './parse-pattern.js';
import { PatternError } from './pattern-ast.js';
import { runProgram } from './run-program.js';

/** A small seeded generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

const ASCII_LITERALS = ['a', 'b', 'c', 'A', 'B', 'x', 'Z', '-', '/', '\\.', '1', '2', ' ', '_', '=', '\\/', '\\x41', '\\u0062'];
const WIDE_LITERALS = ['é', 'É', 'ſ', 'S', 's', 'k', 'K', '\\u212a', 'ı', 'I', 'i', 'İ', 'ß', 'σ', 'Σ', 'ς', 'Ω', 'ω', 'ǅ'];
const CLASSES = [
  '.', '\\d', '\\w', '\\s', '\\D', '\\W', '\\S', '[a-c]', '[^b]', '[ab1]', '[A-Z]', '[\\d_]', '[^\\w]', '[Z-a]', '[^a-z0-9]',
  '[.-]', '[\\s/]', '[^\\S]', '[b-]',
];
const WIDE_CLASSES = ['[é-ž]', '[^é]', '[α-ω]', '[\\u00c0-\\u00ff]', '[^\\u0100-\\uffff]'];
const ASSERTIONS = ['^', '$', '\\b', '\\B'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{0,2}', '{1,3}', '{2}', '{2,}', '*?', '+?', '??', '{1,2}?'];

/** A random pattern of the grammar both engines read alike. */
function randomPattern(next: () => number, wide: boolean, depth = 0): string {
  const options = next() < 0.2 ? 1 + Math.floor(next() * 3) : 1;
  const sequences: string[] = [];
  for (let o = 0; o < options; o++) {
    let sequence = '';
    const items = 1 + Math.floor(next() * 4);
    for (let i = 0; i < items; i++) {
      const roll = next();
      if (roll < 0.1) {
        sequence += pick(next, ASSERTIONS);
        continue;
      }
      let atom: string;
      if (roll < 0.5) atom = pick(next, wide && next() < 0.5 ? WIDE_LITERALS : ASCII_LITERALS);
      else if (roll < 0.8) atom = pick(next, wide && next() < 0.3 ? WIDE_CLASSES : CLASSES);
      else if (depth < 2) atom = `(${next() < 0.5 ? '?:' : ''}${randomPattern(next, wide, depth + 1)})`;
      else atom = pick(next, ASCII_LITERALS);
      sequence += atom + pick(next, QUANTIFIERS);
    }
    sequences.push(sequence);
  }
  return sequences.join('|');
}

const ASCII_INPUT = 'abcABxZ-/.12 _=\n\t[`';
const WIDE_INPUT = `${ASCII_INPUT}éÉſSskK\u212aıIiİßσΣςΩωǅǄǆ\u00a0\u2028\ufeffž😀`;

function randomInput(next: () => number, alphabet: string, maxLength: number): string {
  const length = Math.floor(next() * (maxLength + 1));
  let input = '';
  for (let i = 0; i < length; i++) input += alphabet[Math.floor(next() * alphabet.length)];
  return input;
}

function compileBoth(pattern: string): { dfa: LazyDfa; check: (input: string, end?: number) => boolean } | null {
  let program;
  try {
    program = compilePattern(parsePattern(pattern));
  } catch (error) {
    if (error instanceof PatternError) return null;
    throw error;
  }
  const dfa = new LazyDfa(program);
  return {
    dfa,
    check: (input, end = input.length) => {
      const expected = runProgram(program, input.slice(0, end));
      const answer = dfa.test(input, end);
      if (answer !== expected) expect({ pattern, input, end, answer }).toEqual({ pattern, input, end, answer: expected });
      return expected;
    },
  };
}

describe('LazyDfa', () => {
  it('answers as native RegExp (i flag) on random ASCII patterns and inputs', () => {
    const next = random(1);
    let compared = 0;
    for (let p = 0; p < 1500; p++) {
      const pattern = randomPattern(next, false);
      const both = compileBoth(pattern);
      let native: RegExp;
      try {
        native = new RegExp(pattern, 'i');
      } catch {
        continue;
      }
      if (!both) continue; // e.g. a repeated group that holds only an assertion
      // each input twice: the second time runs on the states the first one cached. Short
      // inputs: native RegExp backtracks, and nested repeats take it exponential time.
      const inputs = Array.from({ length: 25 }, () => randomInput(next, ASCII_INPUT, 10));
      for (const input of [...inputs, ...inputs]) {
        const answer = both.dfa.test(input, input.length);
        const expected = native.test(input);
        if (answer !== expected) expect({ pattern, input, answer }).toEqual({ pattern, input, answer: expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('answers as the reference VM on random patterns and inputs with non-ASCII code units', () => {
    const next = random(2);
    for (let p = 0; p < 1500; p++) {
      const both = compileBoth(randomPattern(next, true));
      if (!both) continue;
      for (let i = 0; i < 25; i++) {
        const input = randomInput(next, WIDE_INPUT, next() < 0.2 ? 60 : 12);
        both.check(input);
        both.check(input);
        // only a prefix is read (`REGEX_INPUT_MAX_LENGTH`): `$` and `\b` see the cut as the end
        both.check(input, Math.floor(next() * (input.length + 1)));
      }
    }
  });

  it('keeps answering when the state cache is full (steps are then taken uncached)', () => {
    const next = random(3);
    // remembering the last 11 characters needs 2^11 states
    const cases: [string, string][] = [
      ['[ab]*a[ab]{10}$', `${'ab'.repeat(100)}a${'b'.repeat(10)}`],
      ['(?:a|b)*a(?:a|b){10}\\b', `${'ab'.repeat(100)}a${'b'.repeat(10)} `],
      ['a[ab]{10}c|^b+$', `${'ab'.repeat(100)}a${'b'.repeat(10)}c`],
    ];
    for (const [pattern, matching] of cases) {
      const both = compileBoth(pattern)!;
      for (let i = 0; i < 60; i++) both.check(randomInput(next, 'abAB', 400));
      expect(both.dfa.cachedStates).toBe(MAX_STATES);
      for (let i = 0; i < 20; i++) both.check(randomInput(next, 'abAB c', 400));
      expect(both.check(matching)).toBe(true);
      expect(both.check(`${'b'.repeat(399)}c`)).toBe(false);
    }
  });

  it('reads non-ASCII code units in classes of their own, and past the extra columns uncached', () => {
    // 12 literals that no other test accepts: more classes than the table keeps columns for
    const letters = 'αβγδεζηθικλμ';
    const both = compileBoth(`(?:${[...letters].join('|')}){2}x`)!;
    const next = random(4);
    for (let i = 0; i < 300; i++) both.check(randomInput(next, `${letters}${letters.toUpperCase()}xX-`, 30));
    expect(both.check('-ΑΒx')).toBe(true);
    expect(both.check('αβ')).toBe(false);
  });

  it('gives up at once on an anchored pattern once the start is passed', () => {
    const both = compileBoth('^https://shop\\.example/(cart|checkout)')!;
    expect(both.check('https://shop.example/cart')).toBe(true);
    expect(both.check('HTTPS://SHOP.EXAMPLE/CHECKOUT?x=1')).toBe(true);
    expect(both.check(`http://shop.example/${'x'.repeat(900)}`)).toBe(false);
    expect(both.check(`x https://shop.example/cart`)).toBe(false);
  });

  it('follows the word boundary and the end across cached states', () => {
    const both = compileBoth('\\bcart\\b|end$')!;
    for (const input of ['cart', 'a cart.', 'carts', 'scart', 'cart_', 'CART!', 'the end', 'endless', 'the END', 'end ']) {
      both.check(input);
      both.check(input);
    }
    expect(both.dfa.test('my cart', 7)).toBe(true);
    expect(both.dfa.test('my carts', 7)).toBe(true); // read up to "cart": the cut is the end
    expect(both.dfa.test('the endless', 7)).toBe(true);
  });
});

describe('caseInsensitive', () => {
  /** The rule as it reads: the code unit, or its lower or upper case when that is one other code unit. */
  function byStrings(accepts: (code: number) => boolean, code: number): boolean {
    if (accepts(code)) return true;
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    return (
      (lower.length === 1 && lower !== char && accepts(lower.charCodeAt(0))) ||
      (upper.length === 1 && upper !== char && accepts(upper.charCodeAt(0)))
    );
  }

  it('answers every code unit as the string case mappings do (ASCII takes a shortcut)', () => {
    const sets: ((code: number) => boolean)[] = [
      (c) => c === 0x61,
      (c) => c === 0x4b,
      (c) => c === 0x53,
      (c) => c >= 0x41 && c <= 0x5a,
      (c) => c >= 0x5a && c <= 0x61,
      (c) => c === 0x212a || c === 0x17f,
      (c) => c === 0xe9,
    ];
    for (const accepts of sets) {
      const test = caseInsensitive(accepts);
      const wrong: number[] = [];
      for (let code = 0; code <= 0xffff; code++) if (test(code) !== byStrings(accepts, code)) wrong.push(code);
      expect(wrong).toEqual([]);
    }
  });

  it('gives one test per literal code unit', () => {
    expect(caseInsensitiveLiteral(0x61)).toBe(caseInsensitiveLiteral(0x61));
    expect(caseInsensitiveLiteral(0x61)(0x41)).toBe(true);
    expect(caseInsensitiveLiteral(0x6b)(0x212a)).toBe(true); // the Kelvin sign lowers to "k"
  });
});
