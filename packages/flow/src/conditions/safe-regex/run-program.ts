import { isWordCode } from './char-classes.js';
import type { Instruction } from './compile-pattern.js';

/**
 * The reference matcher: `SafeRegex.test` runs the same program on
 * `LazyDfa`, which caches what this VM computes and must always answer as
 * it does (the tests compare the two).
 *
 * Whether the program matches anywhere in `input` (like `RegExp.test`).
 * A Pike VM: every thread advances in lock-step, at most one per
 * instruction, so time is O(input length × program size) whatever the pattern.
 */
export function runProgram(program: readonly Instruction[], input: string): boolean {
  const size = program.length;
  const marks = new Uint32Array(size);
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  let currentCount = 0;
  let generation = 1;
  const stack = new Int32Array(size * 2 + 2);

  /** Adds the thread at `pc` and everything it reaches without reading a character. */
  const addThread = (list: Int32Array, count: number, pc: number, pos: number): number => {
    let top = 0;
    stack[top++] = pc;
    while (top > 0) {
      const at = stack[--top]!;
      if (marks[at] === generation) continue;
      marks[at] = generation;
      const instruction = program[at]!;
      switch (instruction.op) {
        case 'jump':
          stack[top++] = instruction.to;
          break;
        case 'split':
          // push y first so x is explored first (order does not change a yes/no answer)
          stack[top++] = instruction.y;
          stack[top++] = instruction.x;
          break;
        case 'assert':
          if (assertionHolds(instruction.kind, input, pos)) stack[top++] = at + 1;
          break;
        default:
          list[count++] = at;
      }
    }
    return count;
  };

  currentCount = addThread(current, 0, 0, 0);
  for (let pos = 0; ; pos++) {
    for (let i = 0; i < currentCount; i++) {
      if (program[current[i]!]!.op === 'match') return true;
    }
    if (pos >= input.length) return false;
    const code = input.charCodeAt(pos);
    generation++;
    let nextCount = 0;
    for (let i = 0; i < currentCount; i++) {
      const pc = current[i]!;
      const instruction = program[pc]!;
      if (instruction.op === 'char' && instruction.test(code)) nextCount = addThread(next, nextCount, pc + 1, pos + 1);
    }
    // unanchored search: a new attempt starts at every position
    nextCount = addThread(next, nextCount, 0, pos + 1);
    [current, next] = [next, current];
    currentCount = nextCount;
  }
}

function assertionHolds(kind: string, input: string, pos: number): boolean {
  switch (kind) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === input.length;
    default: {
      const before = pos > 0 && isWordCode(input.charCodeAt(pos - 1));
      const after = pos < input.length && isWordCode(input.charCodeAt(pos));
      return kind === 'word_boundary' ? before !== after : before === after;
    }
  }
}
