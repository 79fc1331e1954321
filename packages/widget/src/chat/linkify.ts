/**
 * Splits plain message text into text and link tokens. Pure: it never builds
 * HTML; the view turns tokens into text nodes and <a> elements.
 * Only http:// and https:// URLs become links.
 */
export type Token = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»”’]$/;

/** Drops trailing punctuation and unbalanced closing brackets from a matched URL. */
function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const last = u[u.length - 1];
    if (last !== undefined && TRAILING.test(last)) {
      u = u.slice(0, -1);
      continue;
    }
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    if (last !== undefined && pairs[last]) {
      const open = pairs[last] as string;
      if (u.split(open).length < u.split(last).length) {
        u = u.slice(0, -1);
        continue;
      }
    }
    return u;
  }
}

/** A scheme alone ("https://") or a path-only remainder is not a link. */
function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^/?#.\s]/i.test(s);
}

export function linkify(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text))) {
    const url = trimUrl(m[0]);
    if (!isHttpUrl(url)) continue;
    if (m.index > last) tokens.push({ type: 'text', text: text.slice(last, m.index) });
    tokens.push({ type: 'link', text: url, href: url });
    last = m.index + url.length;
    URL_RE.lastIndex = last;
  }
  if (last < text.length) tokens.push({ type: 'text', text: text.slice(last) });
  return tokens;
}
