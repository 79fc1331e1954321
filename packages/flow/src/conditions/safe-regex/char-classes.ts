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

/** A test that also accepts the other case of the code unit (the `i` flag). */
export function caseInsensitive(test: CharTest): CharTest {
  return (code) => {
    if (test(code)) return true;
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    return (
      (lower.length === 1 && lower !== char && test(lower.charCodeAt(0))) ||
      (upper.length === 1 && upper !== char && test(upper.charCodeAt(0)))
    );
  };
}
