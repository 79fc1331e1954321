/**
 * A cheap first look before the linear-time engine runs a pattern: the ASCII
 * texts every match must contain (`^https://(www\.)?acme\.com/` needs
 * "https://" and ".acme.com/"... as folded below). When the input lacks one,
 * the pattern cannot match and the engine is not run — most patterns do not
 * match most pages, and the engine costs a few µs per test.
 *
 * Sound by construction: it mirrors the grammar `compileSafeRegex` accepts
 * (see @parley/flow's parse-pattern) and treats anything it does not know
 * as "could match anything". Only ASCII literal characters count; the input
 * is folded so that every character the engine's case-insensitive test
 * accepts for an ASCII letter folds to that letter in lowercase.
 */

interface Info {
  /** The node always matches exactly this (folded) text; null when it varies. */
  exact: string | null;
  /** Every match starts with this text. */
  prefix: string;
  /** Every match ends with this text. */
  suffix: string;
  /** Texts every match contains. */
  required: string[];
}

const ANYTHING: Info = { exact: null, prefix: '', suffix: '', required: [] };
const EMPTY: Info = { exact: '', prefix: '', suffix: '', required: [] };

/** How many literals a test checks (the longest ones). */
const LITERALS_KEPT = 3;

/** The folded ASCII texts every match of `pattern` contains, longest first; [] when nothing is known. */
export function requiredLiterals(pattern: string): string[] {
  let info: Info;
  try {
    const parser = new Parser(pattern);
    info = parser.alternation();
    if (!parser.done()) return [];
  } catch {
    return [];
  }
  const all = new Set([...info.required, info.prefix, info.suffix, info.exact ?? ''].filter((text) => text.length > 0));
  // a literal inside a longer one adds nothing
  const kept = [...all].filter((text) => ![...all].some((other) => other !== text && other.includes(text)));
  return kept.sort((a, b) => b.length - a.length).slice(0, LITERALS_KEPT);
}

class GiveUp extends Error {}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.pos >= this.src.length;
  }

  alternation(): Info {
    const first = this.sequence();
    if (this.src[this.pos] !== '|') return first;
    while (this.src[this.pos] === '|') {
      this.pos++;
      this.sequence();
    }
    return ANYTHING;
  }

  private sequence(): Info {
    const required: string[] = [];
    let run = '';
    let allExact = true;
    let prefix: string | null = null;
    for (let c = this.src[this.pos]; c !== undefined && c !== '|' && c !== ')'; c = this.src[this.pos]) {
      const item = this.quantified(this.atom());
      if (item.exact !== null) {
        run += item.exact;
        continue;
      }
      run += item.prefix;
      if (prefix === null) prefix = run;
      if (run !== '') required.push(run);
      required.push(...item.required);
      run = item.suffix;
      allExact = false;
    }
    if (run !== '') required.push(run);
    if (allExact) return { exact: run, prefix: run, suffix: run, required };
    return { exact: null, prefix: prefix ?? '', suffix: run, required };
  }

  private atom(): Info {
    const c = this.src[this.pos++];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        this.skipClass();
        return ANYTHING;
      case '.':
        return ANYTHING;
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape();
      case undefined:
      case '*':
      case '+':
      case '?':
        throw new GiveUp();
      case '{':
        if (this.braces(this.pos - 1)) throw new GiveUp();
        return literal(c.charCodeAt(0));
      default:
        return literal(c.charCodeAt(0));
    }
  }

  private group(): Info {
    if (this.src[this.pos] === '?') {
      if (this.src[this.pos + 1] === ':') {
        this.pos += 2;
      } else if (this.src[this.pos + 1] === '<') {
        const close = this.src.indexOf('>', this.pos);
        if (close === -1) throw new GiveUp();
        this.pos = close + 1;
      } else {
        throw new GiveUp();
      }
    }
    const inner = this.alternation();
    if (this.src[this.pos] !== ')') throw new GiveUp();
    this.pos++;
    return inner;
  }

  /** Skips a `[...]` class; the opening bracket was read. */
  private skipClass(): void {
    if (this.src[this.pos] === '^') this.pos++;
    for (;;) {
      const c = this.src[this.pos++];
      if (c === undefined) throw new GiveUp();
      if (c === ']') return;
      if (c === '\\') this.pos++;
    }
  }

  private escape(): Info {
    const c = this.src[this.pos++];
    if (c === undefined) throw new GiveUp();
    if (c === 'b' || c === 'B') return EMPTY;
    if ('dDwWsS'.includes(c)) return ANYTHING;
    switch (c) {
      case 'n':
        return literal(10);
      case 'r':
        return literal(13);
      case 't':
        return literal(9);
      case 'v':
        return literal(11);
      case 'f':
        return literal(12);
      case '0':
        return literal(0);
      case 'x':
      case 'u': {
        const length = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + length);
        if (hex.length === length && /^[0-9A-Fa-f]+$/.test(hex)) {
          this.pos += length;
          return literal(parseInt(hex, 16));
        }
        return literal(c.charCodeAt(0));
      }
      default:
        return literal(c.charCodeAt(0));
    }
  }

  private quantified(atom: Info): Info {
    const c = this.src[this.pos];
    let min: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      min = c === '+' ? 1 : 0;
    } else if (c === '{') {
      const braces = this.braces(this.pos);
      if (!braces) return atom;
      this.pos = braces.end;
      min = braces.min;
    } else {
      return atom;
    }
    if (this.src[this.pos] === '?') this.pos++; // lazy
    if (min === 0) return ANYTHING;
    if (atom.exact !== null) return { exact: null, prefix: atom.exact, suffix: atom.exact, required: atom.exact === '' ? [] : [atom.exact] };
    return { exact: null, prefix: atom.prefix, suffix: atom.suffix, required: atom.required };
  }

  private braces(start: number): { min: number; end: number } | null {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(start, start + 16));
    return match ? { min: Number(match[1]), end: start + match[0].length } : null;
  }
}

/** An ASCII literal is known (folded to lowercase); any other character could be anything. */
function literal(code: number): Info {
  if (code >= 128) return ANYTHING;
  const text = String.fromCharCode(code).toLowerCase();
  return { exact: text, prefix: text, suffix: text, required: [] };
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * The input as the literals are compared: ASCII in lowercase; a non-ASCII
 * character whose one-character lower- or uppercase is ASCII (the Kelvin
 * sign, "ſ", "ı") as that letter in lowercase, since the engine's
 * case-insensitive test accepts it for that letter; any other character unchanged.
 */
export function foldForLiterals(input: string): string {
  if (ASCII_ONLY.test(input)) return input.toLowerCase();
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 128) {
      out += String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
      continue;
    }
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    if (lower.length === 1 && lower.charCodeAt(0) < 128) {
      out += lower;
      continue;
    }
    const upper = char.toUpperCase();
    out += upper.length === 1 && upper.charCodeAt(0) < 128 ? upper.toLowerCase() : char;
  }
  return out;
}
