import type { CharTest } from './pattern-ast.js';

/** `\w`: ASCII letters, digits and underscore, as in JavaScript. */
export function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `\s`: JavaScript's white space and line terminators. */
export function isSpaceCode(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `.`: anything but a line terminator. */
export function isNotLineTerminator(code: number): boolean {
  return code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029;
}

/**
 * A test that also accepts the other case of the code unit (the `i` flag):
 * the code unit, or its `toLowerCase()` or `toUpperCase()` when that is one
 * other code unit. ASCII is answered without strings (its case mappings are
 * exactly A-Z ↔ a-z); other code units ask the string methods.
 */
export function caseInsensitive(test: CharTest): CharTest {
  return (code) => {
    if (test(code)) return true;
    if (code < 128) {
      if (code >= 65 && code <= 90) return test(code + 32);
      if (code >= 97 && code <= 122) return test(code - 32);
      return false;
    }
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    return (
      (lower.length === 1 && lower !== char && test(lower.charCodeAt(0))) ||
      (upper.length === 1 && upper !== char && test(upper.charCodeAt(0)))
    );
  };
}

function is(code: number): CharTest {
  return (c) => c === code;
}

const literalTests = new Map<number, CharTest>();

/**
 * The test for a literal code unit under the `i` flag. One function per
 * code unit for the whole process, so that what the matcher derives from a
 * test (its answers on ASCII) is derived once.
 */
export function caseInsensitiveLiteral(code: number): CharTest {
  let test = literalTests.get(code);
  if (!test) {
    test = caseInsensitive(is(code));
    literalTests.set(code, test);
  }
  return test;
}
