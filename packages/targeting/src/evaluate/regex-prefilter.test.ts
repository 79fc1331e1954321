import { compileSafeRegex } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { all, cond, factsOf, targetingOf } from '../testing/fixtures.js';
import { compileTargeting } from './compile-targeting.js';
import { evaluateConditions } from './evaluate-conditions.js';
import { foldForLiterals, requiredLiterals } from './regex-prefilter.js';

describe('requiredLiterals', () => {
  it.each([
    ['/pricing', ['/pricing']],
    ['^https://(www\\.)?acme\\.com/(pricing|plans)(/|$)', ['acme.com/', 'https://']],
    ['/blog/\\d+', ['/blog/']],
    ['utm_source=(google|bing)', ['utm_source=']],
    ['ab+c', ['ab', 'bc']],
    ['AB\\.C', ['ab.c']],
    ['x\\x41\\u0042', ['xab']],
    ['caf\\u00e9s', ['caf', 's']], // a non-ASCII letter breaks the literal
    ['a\\bb', ['ab']],
    ['(?<year>\\d{4})-12-24', ['-12-24']],
    ['a{2}b', ['ab']],
    ['x{0,2}y', ['y']],
    ['literal {braces}', ['literal {braces}']],
    ['checkout|cart', []],
    ['(a|b)', []],
    ['[abc]+', []],
    ['.*', []],
    ['a?', []],
  ])('%s → %j', (pattern, literals) => {
    expect(compileSafeRegex(pattern).ok).toBe(true);
    expect(requiredLiterals(pattern)).toEqual(literals);
  });
});

describe('foldForLiterals', () => {
  it('lowercases ASCII and folds the non-ASCII characters the engine takes for ASCII letters', () => {
    expect(foldForLiterals('HTTPS://Acme.COM')).toBe('https://acme.com');
    expect(foldForLiterals('\u212Aelvin ſun dıd Über')).toBe('kelvin sun did Über');
    expect(foldForLiterals('İ').length).toBe(1); // one code unit in, one out
  });

  it('is sound: a character the engine accepts for an ASCII letter or digit folds to it', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    for (const letter of letters) {
      const regex = compileSafeRegex(letter);
      if (!regex.ok) throw new Error(letter);
      // every other code unit, 1000 at a time (the engine reads 1000 characters)
      let chunk = '';
      const flush = () => {
        if (chunk !== '') expect(regex.regex.test(chunk), `${letter} in ${JSON.stringify(chunk.slice(0, 20))}…`).toBe(false);
        chunk = '';
      };
      for (let code = 128; code < 0x10000; code++) {
        const char = String.fromCharCode(code);
        if (foldForLiterals(char) === letter.toLowerCase()) continue;
        chunk += char;
        if (chunk.length === 1000) flush();
      }
      flush();
    }
  });
});

/** A small deterministic random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = ['a', 'b', 'A', 'B', 'k', 's', '/', '\\.', '.', '\\d', '[ab]', '[^a]', '\\w', '\\x41', '^', '$', '\\b', '{', 'é'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,2}', '{0,1}', '+?'];
const INPUT_CHARS = ['a', 'b', 'A', 'B', 'k', 's', 'S', '/', '.', '1', ' ', 'ſ', '\u212A', 'ı', 'é', 'É', '{'];

function randomPattern(next: () => number, depth = 0): string {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  let out = '';
  const length = 1 + Math.floor(next() * 5);
  for (let i = 0; i < length; i++) {
    const roll = next();
    const atom = roll < 0.15 && depth < 2 ? `(${randomPattern(next, depth + 1)})` : roll < 0.2 && depth < 2 ? `(?:${randomPattern(next, depth + 1)}|${randomPattern(next, depth + 1)})` : pick(ATOMS);
    out += atom + (atom === '^' || atom === '$' || atom === '\\b' ? '' : pick(QUANTIFIERS));
  }
  return next() < 0.1 ? `${out}|${pick(ATOMS)}` : out;
}

describe('the prefilter never changes an answer', () => {
  it('random patterns × random inputs: every literal of a matching pattern is in the folded input', () => {
    const next = random(20261124);
    let matches = 0;
    let checked = 0;
    for (let p = 0; p < 600; p++) {
      const pattern = randomPattern(next);
      const compiled = compileSafeRegex(pattern);
      if (!compiled.ok) continue;
      const literals = requiredLiterals(pattern);
      for (let i = 0; i < 40; i++) {
        let input = '';
        const length = Math.floor(next() * 12);
        for (let c = 0; c < length; c++) input += INPUT_CHARS[Math.floor(next() * INPUT_CHARS.length)]!;
        checked++;
        if (!compiled.regex.test(input)) continue;
        matches++;
        const folded = foldForLiterals(input);
        for (const literal of literals) expect(folded.includes(literal), `${pattern} on ${JSON.stringify(input)} needs ${literal}`).toBe(true);
      }
    }
    // the generator must exercise both answers
    expect(checked).toBeGreaterThan(10_000);
    expect(matches).toBeGreaterThan(1000);
  });

  it('conditions answer as the engine does, through the prefilter and the caches', () => {
    const next = random(7);
    for (let p = 0; p < 200; p++) {
      const pattern = randomPattern(next);
      const compiled = compileSafeRegex(pattern);
      if (!compiled.ok) continue;
      const targeting = compileTargeting(targetingOf(all(cond('page_url', 'regex', pattern))));
      for (let i = 0; i < 10; i++) {
        let url = '';
        const length = Math.floor(next() * 10);
        for (let c = 0; c < length; c++) url += INPUT_CHARS[Math.floor(next() * INPUT_CHARS.length)]!;
        const facts = factsOf({ page: { url, title: '' } });
        // twice: the second answer comes from the condition's cache
        expect(evaluateConditions(targeting, facts).match).toBe(compiled.regex.test(url));
        expect(evaluateConditions(targeting, facts).match).toBe(compiled.regex.test(url));
      }
    }
  });
});
