import { PatternError, type AssertionKind, type CharTest, type PatternNode } from './pattern-ast.js';

/** The most instructions a compiled pattern may have; bounds matching time per character. */
export const MAX_PROGRAM_SIZE = 2000;

export type Instruction =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; x: number; y: number }
  | { op: 'jump'; to: number }
  | { op: 'assert'; kind: AssertionKind }
  | { op: 'match' };

/** Compiles a parsed pattern into a program for the linear-time matcher (Thompson's construction). */
export function compilePattern(node: PatternNode): Instruction[] {
  const program: Instruction[] = [];
  emit(node, program);
  push(program, { op: 'match' });
  return program;
}

function push(program: Instruction[], instruction: Instruction): number {
  if (program.length >= MAX_PROGRAM_SIZE) {
    throw new PatternError('regex_too_long', 'The pattern is too complex; use fewer or smaller repeats');
  }
  program.push(instruction);
  return program.length - 1;
}

function emit(node: PatternNode, program: Instruction[]): void {
  switch (node.type) {
    case 'char':
      push(program, { op: 'char', test: node.test });
      return;
    case 'assertion':
      push(program, { op: 'assert', kind: node.kind });
      return;
    case 'sequence':
      for (const item of node.items) emit(item, program);
      return;
    case 'alternation': {
      const jumps: number[] = [];
      node.options.forEach((option, i) => {
        if (i < node.options.length - 1) {
          const split = push(program, { op: 'split', x: 0, y: 0 });
          emit(option, program);
          jumps.push(push(program, { op: 'jump', to: 0 }));
          program[split] = { op: 'split', x: split + 1, y: program.length };
        } else {
          emit(option, program);
        }
      });
      for (const at of jumps) program[at] = { op: 'jump', to: program.length };
      return;
    }
    case 'repeat':
      emitRepeat(node.node, node.min, node.max, program);
      return;
  }
}

function emitRepeat(node: PatternNode, min: number, max: number, program: Instruction[]): void {
  for (let i = 0; i < min; i++) emit(node, program);
  if (max === Infinity) {
    // loop: split(body, exit); body; jump loop
    const loop = push(program, { op: 'split', x: 0, y: 0 });
    emit(node, program);
    push(program, { op: 'jump', to: loop });
    program[loop] = { op: 'split', x: loop + 1, y: program.length };
    return;
  }
  // each optional copy: split(copy, exit)
  const splits: number[] = [];
  for (let i = min; i < max; i++) {
    splits.push(push(program, { op: 'split', x: 0, y: 0 }));
    emit(node, program);
  }
  for (const at of splits) program[at] = { op: 'split', x: at + 1, y: program.length };
}
