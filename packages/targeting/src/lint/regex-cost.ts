/**
 * A rough look at a pattern `compileSafeRegex` accepts: how large its
 * program is (matching time grows with program size × text length) and
 * whether it nests repeats. Mirrors the engine's Thompson construction:
 * a repeat `{n,m}` copies its body m times.
 */
export interface RegexShape {
  /** About how many instructions the compiled program has. */
  size: number;
  /** A repeat inside a repeat that can run many times: `(a+)+`, `(\w*\s?)*`. */
  nestedRepeat: boolean;
}

interface Piece {
  size: number;
  /** Holds a repeat that can run more than once. */
  repeats: boolean;
}

export function regexShape(pattern: string): RegexShape {
  let pos = 0;
  let nested = false;

  const alternation = (): Piece => {
    const options = [sequence()];
    while (pattern[pos] === '|') {
      pos++;
      options.push(sequence());
    }
    return {
      size: options.reduce((sum, o) => sum + o.size, 0) + 2 * (options.length - 1),
      repeats: options.some((o) => o.repeats),
    };
  };

  const sequence = (): Piece => {
    let size = 0;
    let repeats = false;
    while (pos < pattern.length && pattern[pos] !== '|' && pattern[pos] !== ')') {
      const piece = quantified(atom());
      size += piece.size;
      repeats ||= piece.repeats;
    }
    return { size, repeats };
  };

  const atom = (): Piece => {
    const c = pattern[pos++];
    if (c === '(') {
      if (pattern[pos] === '?') {
        // (?: …) or (?<name> …)
        pos++;
        if (pattern[pos] === '<') {
          const close = pattern.indexOf('>', pos);
          pos = close === -1 ? pattern.length : close + 1;
        } else {
          pos++;
        }
      }
      const inner = alternation();
      if (pattern[pos] === ')') pos++;
      return inner;
    }
    if (c === '[') {
      if (pattern[pos] === '^') pos++;
      while (pos < pattern.length && pattern[pos] !== ']') pos += pattern[pos] === '\\' ? 2 : 1;
      pos++;
      return { size: 1, repeats: false };
    }
    if (c === '\\') pos++;
    return { size: 1, repeats: false };
  };

  const quantified = (piece: Piece): Piece => {
    const bounds = readQuantifier();
    if (bounds === null) return piece;
    if (pattern[pos] === '?') pos++; // lazy: the same program
    const [min, max] = bounds;
    if (piece.repeats && max > 1) nested = true;
    const size = min * piece.size + (max === Infinity ? piece.size + 2 : (max - min) * (piece.size + 1));
    return { size, repeats: piece.repeats || max > 1 };
  };

  const readQuantifier = (): [number, number] | null => {
    const c = pattern[pos];
    if (c === '*') return pos++, [0, Infinity];
    if (c === '+') return pos++, [1, Infinity];
    if (c === '?') return pos++, [0, 1];
    if (c !== '{') return null;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
    if (!match) return null;
    pos += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    return [min, max];
  };

  let size = 0;
  let guard = 0;
  while (pos < pattern.length && guard++ < pattern.length + 1) {
    size += alternation().size;
    if (pattern[pos] === ')') pos++; // unmatched: the engine refuses it anyway
  }
  return { size: size + 1, nestedRepeat: nested };
}
