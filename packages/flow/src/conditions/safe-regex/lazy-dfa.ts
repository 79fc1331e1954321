import { isWordCode } from './char-classes.js';
import { MAX_PROGRAM_SIZE, type Instruction } from './compile-pattern.js';
import type { CharTest } from './pattern-ast.js';

/**
 * The matcher behind `SafeRegex.test`: the same automaton as `runProgram`'s
 * Pike VM, but each set of live threads the VM can be in becomes a state of
 * a DFA, built lazily the first time an input leads there and kept for the
 * next inputs. A cached step is one table look-up per character; a new step
 * costs what one step of the VM costs, O(program size). The cache is
 * bounded (`MAX_STATES`, `MAX_TABLE_ENTRIES`, `MAX_KERNEL_UNITS`): once it is
 * full, steps into states it does not hold are taken uncached, VM style, so
 * matching stays O(input length × program size) whatever the pattern, with
 * no backtracking.
 *
 * Characters are read in classes: code units that every character test of
 * the program (and `\b`, when used) treats alike share a column of the
 * transition table. ASCII classes are tabulated when the matcher is built;
 * other code units get theirs on first sight (a few extra columns, then
 * uncached steps).
 *
 * A state is a *kernel* — the instructions that follow a character test
 * that accepted the previous character, before following jumps, splits and
 * assertions — plus whether it is the input's start and whether the previous
 * character is a word character. The closure over jumps, splits and
 * assertions is taken when the next character is known, since `\b` and `$`
 * depend on it.
 */

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JUMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;

const ASSERT_START = 0;
const ASSERT_END = 1;
const ASSERT_WORD_BOUNDARY = 2;
const ASSERT_NOT_WORD_BOUNDARY = 3;

/** Transition-table entries that are not a state (a state is its row's offset, ≥ 0). */
const UNKNOWN = -1;
const MATCH = -2;
const DEAD = -3;
/** The current threads are not a state of the cache (it is full): they live in `uncachedKernel`. */
const UNCACHED = -4;

/** Most DFA states one pattern keeps. */
export const MAX_STATES = 256;
/** Most transition-table entries (states × character classes) one pattern keeps. */
const MAX_TABLE_ENTRIES = 1 << 14;
/** Most kernel instructions, summed over the states, one pattern keeps. */
const MAX_KERNEL_UNITS = 1 << 14;
/** Columns kept for classes first seen on a non-ASCII code unit. */
const EXTRA_CLASSES = 8;
/** Most non-ASCII code units whose class one pattern remembers. */
const MAX_WIDE_CODES = 1024;

/** Per state in `states`: where its kernel starts in `kernels`, its length, flags, end match. */
const STATE_FIELDS = 4;
const FLAG_AT_START = 1;
const FLAG_PREV_WORD = 2;

// Scratch shared by every pattern (matching never re-enters itself).
const visited = new Uint32Array(MAX_PROGRAM_SIZE + 1);
const queued = new Uint32Array(MAX_PROGRAM_SIZE + 1);
let generation = 0;
const stack = new Int32Array(MAX_PROGRAM_SIZE * 3 + 4);
const stepOut = new Int32Array(MAX_PROGRAM_SIZE + 1);
const refine = new Int32Array(256);

/** Each test's answers on the 128 ASCII code units, worked out once per test (literal tests are shared by all patterns). */
const asciiAnswerCache = new WeakMap<CharTest, Uint8Array>();

function asciiAnswersOf(test: CharTest): Uint8Array {
  let answers = asciiAnswerCache.get(test);
  if (!answers) {
    answers = new Uint8Array(128);
    for (let c = 0; c < 128; c++) answers[c] = test(c) ? 1 : 0;
    asciiAnswerCache.set(test, answers);
  }
  return answers;
}

const wordAnswers = new Uint8Array(128);
for (let c = 0; c < 128; c++) wordAnswers[c] = isWordCode(c) ? 1 : 0;

function nextGeneration(): number {
  if (generation >= 0xfffffff0) {
    visited.fill(0);
    queued.fill(0);
    generation = 0;
  }
  return ++generation;
}

export class LazyDfa {
  /** Flat program: op, a, b per instruction (char: test id; split: x, y; jump: to; assert: kind). */
  private readonly code: Int32Array;
  private readonly tests: CharTest[] = [];
  private readonly usesWord: boolean;
  /** No match can begin after the input's start: no new thread is started at later positions. */
  private readonly anchored: boolean;

  /** Character class of each ASCII code unit. */
  private readonly asciiClass = new Uint8Array(128);
  private classCount = 0;
  /** Columns of the transition table (ASCII classes + `EXTRA_CLASSES`). */
  private readonly stride: number;
  /** Per class: whether test t accepts it, at `class × tests.length + t`. */
  private readonly classAccepts: Uint8Array;
  /** Per class: whether it is a word character (only kept when `\b` or `\B` is used). */
  private readonly classWord: Uint8Array;
  private readonly wideClass = new Map<number, number>();
  /** A non-ASCII code unit's test answers, while it is classified or when it has no class. */
  private looseAccepts: Uint8Array | null = null;

  /** Rows of `stride` entries: the next state's row, or UNKNOWN, MATCH, DEAD. */
  private table: Int32Array;
  private stateCount = 0;
  private states: Int32Array;
  private kernels: Int32Array;
  private readonly stateIds = new Map<string, number>();

  private uncachedKernel: Int32Array | null = null;
  private uncachedLength = 0;
  private uncachedPrevWord = false;

  constructor(program: readonly Instruction[]) {
    const size = program.length;
    const code = new Int32Array(size * 3);
    const testIds = new Map<CharTest, number>();
    let usesStart = false;
    let usesWord = false;
    for (let pc = 0; pc < size; pc++) {
      const instruction = program[pc]!;
      const at = pc * 3;
      switch (instruction.op) {
        case 'char': {
          let id = testIds.get(instruction.test);
          if (id === undefined) {
            id = this.tests.length;
            this.tests.push(instruction.test);
            testIds.set(instruction.test, id);
          }
          code[at] = OP_CHAR;
          code[at + 1] = id;
          break;
        }
        case 'split':
          code[at] = OP_SPLIT;
          code[at + 1] = instruction.x;
          code[at + 2] = instruction.y;
          break;
        case 'jump':
          code[at] = OP_JUMP;
          code[at + 1] = instruction.to;
          break;
        case 'assert': {
          const kind =
            instruction.kind === 'start'
              ? ASSERT_START
              : instruction.kind === 'end'
                ? ASSERT_END
                : instruction.kind === 'word_boundary'
                  ? ASSERT_WORD_BOUNDARY
                  : ASSERT_NOT_WORD_BOUNDARY;
          if (kind === ASSERT_START) usesStart = true;
          else if (kind !== ASSERT_END) usesWord = true;
          code[at] = OP_ASSERT;
          code[at + 1] = kind;
          break;
        }
        case 'match':
          code[at] = OP_MATCH;
          break;
      }
    }
    this.code = code;
    this.usesWord = usesWord;
    this.anchored = usesStart && isAnchored(code);

    // ASCII classes: split 0..127 by every test's answers (and by word-ness, if \b is used).
    const testCount = this.tests.length;
    const asciiClass = this.asciiClass;
    let classCount = 1;
    const split = (answers: Uint8Array): void => {
      refine.fill(-1, 0, classCount * 2);
      let count = 0;
      for (let c = 0; c < 128; c++) {
        const key = asciiClass[c]! * 2 + answers[c]!;
        let cls = refine[key]!;
        if (cls < 0) {
          cls = count++;
          refine[key] = cls;
        }
        asciiClass[c] = cls;
      }
      classCount = count;
    };
    const answers = this.tests.map(asciiAnswersOf);
    for (const testAnswers of answers) split(testAnswers);
    if (usesWord) split(wordAnswers);
    this.classCount = classCount;
    this.stride = classCount + EXTRA_CLASSES;
    this.classAccepts = new Uint8Array(this.stride * testCount);
    this.classWord = new Uint8Array(this.stride);
    for (let c = 0, filled = 0; c < 128 && filled < classCount; c++) {
      const cls = asciiClass[c]!;
      if (cls !== filled) continue; // classes are numbered in order of their first code unit
      for (let t = 0; t < testCount; t++) this.classAccepts[cls * testCount + t] = answers[t]![c]!;
      this.classWord[cls] = usesWord ? wordAnswers[c]! : 0;
      filled++;
    }

    this.table = new Int32Array(4 * this.stride).fill(UNKNOWN);
    this.states = new Int32Array(4 * STATE_FIELDS);
    this.kernels = new Int32Array(32);
    // the start state, id 0: only the first instruction
    stepOut[0] = 0;
    this.intern(stepOut, 1, usesStart, false);
  }

  /** Whether `input` (its first `end` code units) contains a match. */
  test(input: string, end: number): boolean {
    const asciiClass = this.asciiClass;
    let table = this.table;
    // the current state's row in the table (id × stride; the start state's is 0), or UNCACHED
    let row = 0;
    for (let pos = 0; pos < end; pos++) {
      const code = input.charCodeAt(pos);
      if (code < 128 && row >= 0) {
        const next = table[row + asciiClass[code]!]!;
        if (next >= 0) {
          row = next;
          continue;
        }
        if (next !== UNKNOWN) return next === MATCH;
      }
      row = this.step(row, code);
      if (row < 0 && row !== UNCACHED) return row === MATCH;
      table = this.table;
    }
    return this.matchesAtEnd(row < 0 ? row : row / this.stride);
  }

  /** How many DFA states are cached (for tests). */
  get cachedStates(): number {
    return this.stateCount;
  }

  // ─── classes and states ───────────────────────────────────────────────────

  /** The class of a non-ASCII code unit; -1 when it has none (the extra columns are taken). */
  private classOfWide(code: number): number {
    const known = this.wideClass.get(code);
    if (known !== undefined) return known;
    const testCount = this.tests.length;
    const answers = this.looseAnswers(code);
    // non-ASCII code units are never word characters
    let cls = -1;
    for (let k = 0; k < this.classCount && cls < 0; k++) {
      if (this.classWord[k] === 1) continue;
      let same = true;
      for (let t = 0; t < testCount && same; t++) same = this.classAccepts[k * testCount + t] === answers[t];
      if (same) cls = k;
    }
    if (cls < 0 && this.classCount < this.stride) {
      cls = this.classCount++;
      this.classAccepts.set(answers, cls * testCount);
    }
    if (this.wideClass.size < MAX_WIDE_CODES) this.wideClass.set(code, cls);
    return cls;
  }

  private looseAnswers(code: number): Uint8Array {
    const answers = (this.looseAccepts ??= new Uint8Array(this.tests.length));
    for (let t = 0; t < answers.length; t++) answers[t] = this.tests[t]!(code) ? 1 : 0;
    return answers;
  }

  /** The id of the state with this kernel and context, adding it when there is room; -1 when there is not. */
  private intern(kernel: Int32Array, length: number, atStart: boolean, prevWord: boolean): number {
    const flags = (atStart ? FLAG_AT_START : 0) | (prevWord ? FLAG_PREV_WORD : 0);
    let key = String.fromCharCode(flags);
    for (let i = 0; i < length; i++) key += String.fromCharCode(kernel[i]!);
    const known = this.stateIds.get(key);
    if (known !== undefined) return known;
    const id = this.stateCount;
    const kernelStart = id === 0 ? 0 : this.states[(id - 1) * STATE_FIELDS]! + this.states[(id - 1) * STATE_FIELDS + 1]!;
    const kernelEnd = kernelStart + length;
    if (id >= MAX_STATES || (id + 1) * this.stride > MAX_TABLE_ENTRIES || kernelEnd > MAX_KERNEL_UNITS) return -1;
    if ((id + 1) * this.stride > this.table.length) {
      const table = new Int32Array(this.table.length * 2).fill(UNKNOWN);
      table.set(this.table);
      this.table = table;
    }
    if ((id + 1) * STATE_FIELDS > this.states.length) {
      const states = new Int32Array(this.states.length * 2);
      states.set(this.states);
      this.states = states;
    }
    if (kernelEnd > this.kernels.length) {
      const kernels = new Int32Array(Math.max(kernelEnd, this.kernels.length * 2));
      kernels.set(this.kernels);
      this.kernels = kernels;
    }
    this.kernels.set(kernel.subarray(0, length), kernelStart);
    const at = id * STATE_FIELDS;
    this.states[at] = kernelStart;
    this.states[at + 1] = length;
    this.states[at + 2] = flags;
    this.states[at + 3] = -1; // match at the end: not known yet
    this.stateIds.set(key, id);
    this.stateCount++;
    return id;
  }

  // ─── stepping ─────────────────────────────────────────────────────────────

  /** A step the loop in `test` leaves: a non-ASCII code unit, a transition not taken yet, or uncached threads. */
  private step(row: number, code: number): number {
    const cls = code < 128 ? this.asciiClass[code]! : this.classOfWide(code);
    if (row >= 0 && cls >= 0) {
      const next = this.table[row + cls]!;
      if (next !== UNKNOWN) return next;
    }
    return this.slowStep(row < 0 ? row : row / this.stride, code, cls);
  }

  /**
   * One step of the VM from the state with id `state` (or the uncached threads)
   * over `code`: the next state's row (cached in the table when it can be),
   * or MATCH, DEAD or UNCACHED.
   */
  private slowStep(state: number, code: number, cls: number): number {
    let accepts: Uint8Array;
    let acceptsAt: number;
    if (cls >= 0) {
      accepts = this.classAccepts;
      acceptsAt = cls * this.tests.length;
    } else {
      accepts = this.looseAnswers(code);
      acceptsAt = 0;
    }
    const nextWord = isWordCode(code);
    const length = this.advanceFrom(state, nextWord, accepts, acceptsAt);
    let next: number;
    if (length === MATCH) next = MATCH;
    else if (length === 0) next = DEAD;
    else {
      const prevWord = this.usesWord && nextWord;
      const id = this.intern(stepOut, length, false, prevWord);
      if (id >= 0) {
        next = id * this.stride;
      } else {
        const kernel = (this.uncachedKernel ??= new Int32Array(this.code.length / 3 + 1));
        kernel.set(stepOut.subarray(0, length));
        this.uncachedLength = length;
        this.uncachedPrevWord = prevWord;
        next = UNCACHED;
      }
    }
    if (state >= 0 && cls >= 0 && next !== UNCACHED) this.table[state * this.stride + cls] = next;
    return next;
  }

  private matchesAtEnd(state: number): boolean {
    if (state === UNCACHED) return this.advanceFrom(state, null, this.classAccepts, 0) === MATCH;
    const at = state * STATE_FIELDS + 3;
    let known = this.states[at]!;
    if (known < 0) {
      known = this.advanceFrom(state, null, this.classAccepts, 0) === MATCH ? 1 : 0;
      this.states[at] = known;
    }
    return known === 1;
  }

  /** `advance` from the state with id `state`, or from the uncached threads. */
  private advanceFrom(state: number, nextWord: boolean | null, accepts: Uint8Array, acceptsAt: number): number {
    if (state < 0) {
      return this.advance(this.uncachedKernel!, 0, this.uncachedLength, false, this.uncachedPrevWord, nextWord, accepts, acceptsAt);
    }
    const at = state * STATE_FIELDS;
    const from = this.states[at]!;
    const flags = this.states[at + 2]!;
    return this.advance(this.kernels, from, from + this.states[at + 1]!, (flags & FLAG_AT_START) !== 0, (flags & FLAG_PREV_WORD) !== 0, nextWord, accepts, acceptsAt);
  }

  /**
   * Follows jumps, splits and assertions from the kernel `kernel[from..to)`
   * at a position with the given context, then steps every character test
   * that accepts the next character. Writes the next kernel, sorted, to
   * `stepOut` and returns its length, or MATCH when the match instruction is
   * reached. `nextWord` null: the position is the input's end (nothing is stepped).
   */
  private advance(
    kernel: Int32Array,
    from: number,
    to: number,
    atStart: boolean,
    prevWord: boolean,
    nextWord: boolean | null,
    accepts: Uint8Array,
    acceptsAt: number,
  ): number {
    const code = this.code;
    const gen = nextGeneration();
    let top = 0;
    for (let i = to - 1; i >= from; i--) stack[top++] = kernel[i]!;
    let length = 0;
    while (top > 0) {
      const pc = stack[--top]!;
      if (visited[pc] === gen) continue;
      visited[pc] = gen;
      const at = pc * 3;
      switch (code[at]) {
        case OP_CHAR:
          if (nextWord !== null && accepts[acceptsAt + code[at + 1]!] === 1 && queued[pc + 1] !== gen) {
            queued[pc + 1] = gen;
            stepOut[length++] = pc + 1;
          }
          break;
        case OP_SPLIT:
          stack[top++] = code[at + 2]!;
          stack[top++] = code[at + 1]!;
          break;
        case OP_JUMP:
          stack[top++] = code[at + 1]!;
          break;
        case OP_ASSERT: {
          const kind = code[at + 1];
          const holds =
            kind === ASSERT_START
              ? atStart
              : kind === ASSERT_END
                ? nextWord === null
                : kind === ASSERT_WORD_BOUNDARY
                  ? prevWord !== (nextWord === true)
                  : prevWord === (nextWord === true);
          if (holds) stack[top++] = pc + 1;
          break;
        }
        default:
          return MATCH;
      }
    }
    // unanchored search: a new attempt starts at the next position
    if (nextWord !== null && !this.anchored && queued[0] !== gen) stepOut[length++] = 0;
    sortPrefix(stepOut, length);
    return length;
  }
}

/** Whether every path from the first instruction to a character test or the match passes `^`. */
function isAnchored(code: Int32Array): boolean {
  const seen = new Uint8Array(code.length / 3);
  const todo = [0];
  while (todo.length > 0) {
    const pc = todo.pop()!;
    if (seen[pc]) continue;
    seen[pc] = 1;
    const at = pc * 3;
    switch (code[at]) {
      case OP_CHAR:
      case OP_MATCH:
        return false;
      case OP_SPLIT:
        todo.push(code[at + 1]!, code[at + 2]!);
        break;
      case OP_JUMP:
        todo.push(code[at + 1]!);
        break;
      case OP_ASSERT:
        if (code[at + 1] !== ASSERT_START) todo.push(pc + 1);
        break;
    }
  }
  return true;
}

function sortPrefix(values: Int32Array, length: number): void {
  if (length > 16) {
    values.subarray(0, length).sort();
    return;
  }
  for (let i = 1; i < length; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}
