import { describe, expect, it } from 'vitest';
import { linkify, type Token } from './linkify';

const links = (text: string) => linkify(text).filter((t) => t.type === 'link').map((t) => (t as { href: string }).href);
const joined = (tokens: Token[]) => tokens.map((t) => t.text).join('');

describe('linkify', () => {
  it('returns plain text as a single text token', () => {
    expect(linkify('Hello there')).toEqual([{ type: 'text', text: 'Hello there' }]);
    expect(linkify('')).toEqual([]);
  });

  it('turns http and https URLs into link tokens', () => {
    expect(linkify('See https://example.com/a?b=1#c now')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { type: 'text', text: ' now' },
    ]);
    expect(links('http://a.test and HTTPS://B.test/x')).toEqual(['http://a.test', 'HTTPS://B.test/x']);
  });

  it('leaves trailing punctuation and unbalanced brackets out of the link', () => {
    expect(links('Go to https://example.com.')).toEqual(['https://example.com']);
    expect(links('(see https://example.com/x)')).toEqual(['https://example.com/x']);
    expect(links('https://en.wikipedia.org/wiki/Coffee_(disambiguation), ok?')).toEqual([
      'https://en.wikipedia.org/wiki/Coffee_(disambiguation)',
    ]);
    expect(links('"https://example.com/q?x=1"!')).toEqual(['https://example.com/q?x=1']);
  });

  it('never links other schemes', () => {
    for (const s of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com', 'mailto:a@b.c', 'www.example.com', 'xhttps://evil.test']) {
      expect(links(s)).toEqual([]);
    }
    expect(links('https://')).toEqual([]);
    expect(links('https:///path')).toEqual([]);
  });

  it('keeps HTML as text: markup is never interpreted, and is not part of a link', () => {
    const text = '<img src=x onerror=alert(1)> <script>alert("x")</script> &amp; https://a.test/<b>';
    const tokens = linkify(text);
    expect(joined(tokens)).toBe(text);
    for (const t of tokens) {
      if (t.type === 'link') {
        expect(t.href).toMatch(/^https?:\/\//i);
        expect(t.href).not.toMatch(/[<>"'\s]/);
      }
    }
    expect(links(text)).toEqual(['https://a.test/']);
    expect(linkify('<b>bold</b>')).toEqual([{ type: 'text', text: '<b>bold</b>' }]);
  });

  it('is lossless: the tokens always spell the original text', () => {
    const samples = [
      'a https://x.test b http://y.test/c.',
      'https://x.test https://x.test',
      'line1\nhttps://multi.line/x\n\nend)',
      'emoji 🎉 https://e.test/ü?q=☕ done',
      'https://a.test,https://b.test',
    ];
    for (const s of samples) expect(joined(linkify(s))).toBe(s);
    expect(links('https://a.test,https://b.test')).toEqual(['https://a.test,https://b.test']);
  });

  it('handles several links and text between them', () => {
    expect(links('one http://1.test two https://2.test/x three')).toEqual(['http://1.test', 'https://2.test/x']);
  });
});
