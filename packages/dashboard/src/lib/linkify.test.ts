import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('keeps plain text as one part', () => {
    expect(linkify('hello there')).toEqual([{ kind: 'text', text: 'hello there' }]);
  });

  it('returns no parts for empty text', () => {
    expect(linkify('')).toEqual([]);
  });

  it('turns http and https URLs into links', () => {
    expect(linkify('see https://example.com/a?b=1#c and http://x.io')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.io', href: 'http://x.io' },
    ]);
  });

  it('leaves trailing punctuation out of the link', () => {
    expect(linkify('Go to https://example.com/pricing.')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'link', text: 'https://example.com/pricing', href: 'https://example.com/pricing' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('drops an unbalanced closing parenthesis but keeps balanced ones', () => {
    expect(linkify('(see https://example.com/x)')[1]).toEqual({
      kind: 'link',
      text: 'https://example.com/x',
      href: 'https://example.com/x',
    });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({
      kind: 'link',
      href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
  });

  it('never links other schemes', () => {
    const parts = linkify('javascript:alert(1) data:text/html,<b>x</b> ftp://a.b');
    expect(parts.every((p) => p.kind === 'text')).toBe(true);
  });

  it('keeps HTML-looking text as text', () => {
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('stops a URL at quotes and angle brackets', () => {
    expect(linkify('"https://a.example/x"<b>')).toEqual([
      { kind: 'text', text: '"' },
      { kind: 'link', text: 'https://a.example/x', href: 'https://a.example/x' },
      { kind: 'text', text: '"<b>' },
    ]);
  });
});
