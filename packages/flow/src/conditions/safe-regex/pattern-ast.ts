/** A test on one UTF-16 code unit. */
export type CharTest = (code: number) => boolean;

export type AssertionKind = 'start' | 'end' | 'word_boundary' | 'not_word_boundary';

/** The parsed form of a pattern. */
export type PatternNode =
  | { type: 'char'; test: CharTest }
  | { type: 'sequence'; items: PatternNode[] }
  | { type: 'alternation'; options: PatternNode[] }
  | { type: 'repeat'; node: PatternNode; min: number; max: number }
  | { type: 'assertion'; kind: AssertionKind };

/** Raised while parsing or compiling; becomes an `invalid_regex` or `regex_too_long` problem. */
export class PatternError extends Error {
  constructor(
    readonly code: 'invalid_regex' | 'regex_too_long',
    message: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}
