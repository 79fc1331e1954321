import { caseInsensitive, caseInsensitiveLiteral, isDigitCode, isNotLineTerminator, isSpaceCode, isWordCode } from './char-classes.js';
import { PatternError, type CharTest, type PatternNode } from './pattern-ast.js';

/** The largest count `{n,m}` may use. */
const MAX_REPEAT_COUNT = 100;

type Range = [number, number];

/**
 * Parses the regular-expression subset conditions support — literals, `.`,
 * classes (`[a-z]`, `\d`, `\w`, `\s` and negations), anchors `^ $ \b \B`,
 * groups `( )`, `(?: )`, `(?<name> )`, alternation and the quantifiers
 * `* + ? {n} {n,} {n,m}` — case-insensitively. Back-references and
 * look-arounds are refused: they cannot run in linear time.
 */
export function parsePattern(pattern: string): PatternNode {
  const parser = new Parser(pattern);
  const node = parser.alternation();
  if (!parser.done()) throw invalid(`Unmatched ")" at position ${parser.pos + 1}`);
  return node;
}

function invalid(message: string): PatternError {
  return new PatternError('invalid_regex', message);
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  private literal(code: number): PatternNode {
    return { type: 'char', test: caseInsensitiveLiteral(code) };
  }

  done(): boolean {
    return this.pos >= this.src.length;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  alternation(): PatternNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: 'alternation', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0]! : { type: 'sequence', items };
  }

  private atom(): PatternNode {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { type: 'char', test: this.charClass() };
      case '.':
        return { type: 'char', test: isNotLineTerminator };
      case '^':
        return { type: 'assertion', kind: 'start' };
      case '$':
        return { type: 'assertion', kind: 'end' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw invalid(`Nothing to repeat before "${c}" at position ${this.pos}`);
      case '{':
        if (this.readBraces(this.pos - 1)) throw invalid(`Nothing to repeat before "{" at position ${this.pos}`);
        return this.literal(c.charCodeAt(0));
      default:
        return this.literal(c.charCodeAt(0));
    }
  }

  private group(): PatternNode {
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') {
        this.pos += 2;
      } else if (next === '<' && /^[A-Za-z_$]/.test(this.peek(2) ?? '')) {
        const close = this.src.indexOf('>', this.pos);
        if (close === -1) throw invalid('Unterminated group name');
        this.pos = close + 1;
      } else {
        throw invalid('Look-ahead and look-behind are not supported');
      }
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw invalid('Missing ")"');
    this.pos++;
    return inner;
  }

  private quantified(atom: PatternNode): PatternNode {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const braces = this.readBraces(this.pos);
      if (!braces) return atom;
      this.pos = braces.end;
      [min, max] = [braces.min, braces.max];
    } else {
      return atom;
    }
    if (this.peek() === '?') this.pos++; // lazy: the same for a yes/no match
    if (atom.type === 'assertion') throw invalid(`Nothing to repeat at position ${this.pos}`);
    if (this.peek() === '*' || this.peek() === '+' || (this.peek() === '{' && this.readBraces(this.pos))) {
      throw invalid(`Nothing to repeat at position ${this.pos + 1}`);
    }
    return { type: 'repeat', node: atom, min, max };
  }

  /** `{n}`, `{n,}` or `{n,m}` starting at `start`; null when the braces are literal text. */
  private readBraces(start: number): { min: number; max: number; end: number } | null {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(start, start + 16));
    if (!match) return null;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (min > max) throw invalid('Numbers out of order in {} quantifier');
    if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) {
      throw new PatternError('regex_too_long', `Repeat counts above ${MAX_REPEAT_COUNT} are not supported`);
    }
    return { min, max, end: start + match[0].length };
  }

  private escape(): PatternNode {
    const c = this.src[this.pos++];
    if (c === undefined) throw invalid('The pattern ends with "\\"');
    if (c === 'b') return { type: 'assertion', kind: 'word_boundary' };
    if (c === 'B') return { type: 'assertion', kind: 'not_word_boundary' };
    if (c >= '1' && c <= '9') throw invalid('Back-references are not supported');
    if (c === 'k' && this.peek() === '<') throw invalid('Back-references are not supported');
    const test = this.escapeTest(c);
    return { type: 'char', test };
  }

  /** The test for the escape whose letter was just read (outside or inside a class). */
  private escapeTest(c: string): CharTest {
    switch (c) {
      case 'd':
        return isDigitCode;
      case 'D':
        return (code) => !isDigitCode(code);
      case 'w':
        return isWordCode;
      case 'W':
        return (code) => !isWordCode(code);
      case 's':
        return isSpaceCode;
      case 'S':
        return (code) => !isSpaceCode(code);
      case 'p':
      case 'P':
      case 'c':
        throw invalid(`"\\${c}" is not supported`);
      default:
        return caseInsensitiveLiteral(this.escapedCode(c));
    }
  }

  /** The code unit an escape like `\n`, `\x41`, `\u00e9` or `\.` stands for. */
  private escapedCode(c: string): number {
    switch (c) {
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'f':
        return 12;
      case '0':
        return 0;
      case 'x':
      case 'u': {
        const length = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + length);
        if (hex.length === length && /^[0-9A-Fa-f]+$/.test(hex)) {
          this.pos += length;
          return parseInt(hex, 16);
        }
        return c.charCodeAt(0);
      }
      default:
        return c.charCodeAt(0);
    }
  }

  /** A `[...]` class; the opening bracket was read. */
  private charClass(): CharTest {
    const negate = this.peek() === '^';
    if (negate) this.pos++;
    const ranges: Range[] = [];
    const tests: CharTest[] = [];
    for (;;) {
      const c = this.src[this.pos++];
      if (c === undefined) throw invalid('Missing "]"');
      if (c === ']') break;
      const low = this.classAtom(c, tests);
      if (low === null) continue;
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        const save = this.pos;
        this.pos++;
        const high = this.classAtom(this.src[this.pos++]!, tests);
        if (high === null) {
          // `[a-\d]`: the dash is literal, as JavaScript reads it.
          this.pos = save;
          ranges.push([low, low]);
          continue;
        }
        if (high < low) throw invalid('Range out of order in character class');
        ranges.push([low, high]);
      } else {
        ranges.push([low, low]);
      }
    }
    const inRanges = caseInsensitive((code) => ranges.some(([lo, hi]) => code >= lo && code <= hi));
    const test: CharTest = (code) => inRanges(code) || tests.some((t) => t(code));
    return negate ? (code) => !test(code) : test;
  }

  /** One class member: a code unit, or null when it was a set like `\d` (added to `tests`). */
  private classAtom(c: string, tests: CharTest[]): number | null {
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.pos++];
    if (e === undefined) throw invalid('The pattern ends with "\\"');
    if (e === 'b') return 8;
    if ('dDwWsS'.includes(e)) {
      tests.push(this.escapeTest(e));
      return null;
    }
    if (e === 'p' || e === 'P' || e === 'c') throw invalid(`"\\${e}" is not supported`);
    return this.escapedCode(e);
  }
}
