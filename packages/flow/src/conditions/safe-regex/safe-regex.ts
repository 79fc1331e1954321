import { REGEX_INPUT_MAX_LENGTH, REGEX_MAX_LENGTH } from '../../limits.js';
import { compilePattern, type Instruction } from './compile-pattern.js';
import { parsePattern } from './parse-pattern.js';
import { LazyDfa } from './lazy-dfa.js';
import { PatternError } from './pattern-ast.js';

/** A compiled condition pattern, safe to run on any visitor input. */
export interface SafeRegex {
  readonly pattern: string;
  /** Case-insensitive search in the first `REGEX_INPUT_MAX_LENGTH` characters of `input`. */
  test(input: string): boolean;
}

export type SafeRegexResult =
  | { ok: true; regex: SafeRegex }
  | { ok: false; code: 'invalid_regex' | 'regex_too_long'; message: string };

const cache = new Map<string, SafeRegexResult>();
const CACHE_MAX_ENTRIES = 1000;

/**
 * Compiles a condition's regular expression for a matcher that runs in
 * linear time (no catastrophic backtracking whatever the pattern). Refuses
 * patterns longer than `REGEX_MAX_LENGTH`, back-references and look-arounds.
 * Matching is case-insensitive, like the other text operators.
 */
export function compileSafeRegex(pattern: string): SafeRegexResult {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const result = compile(pattern);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(pattern, result);
  return result;
}

function compile(pattern: string): SafeRegexResult {
  if (pattern.length > REGEX_MAX_LENGTH) {
    return { ok: false, code: 'regex_too_long', message: `The pattern is longer than ${REGEX_MAX_LENGTH} characters` };
  }
  let program: Instruction[];
  try {
    program = compilePattern(parsePattern(pattern));
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  // built on the first test: checking a pattern (validators, linters) only compiles it
  let dfa: LazyDfa | null = null;
  return {
    ok: true,
    regex: {
      pattern,
      test: (input) => (dfa ??= new LazyDfa(program)).test(input, Math.min(input.length, REGEX_INPUT_MAX_LENGTH)),
    },
  };
}

