import { describe, expect, it } from 'vitest';
import { baseUrl, httpUrl, visitorSocketUrl } from './url';

describe('urls', () => {
  it('derives the server base from the script src', () => {
    expect(baseUrl('http://localhost:3311/widget.js', 'http://shop.test/')).toBe('http://localhost:3311/');
    expect(baseUrl('https://chat.example.com/widget.js?v=3#x', 'https://shop.test/')).toBe('https://chat.example.com/');
    expect(baseUrl('/widget.js', 'http://host:8080/demo/pricing')).toBe('http://host:8080/');
    expect(baseUrl('https://example.com/parley/widget.js', 'https://shop.test/')).toBe('https://example.com/parley/');
  });

  it('builds the visitor socket URL with ws/wss and an encoded token', () => {
    expect(visitorSocketUrl('http://localhost:3311/', 'a.b+c/=')).toBe('ws://localhost:3311/ws/visitor?token=a.b%2Bc%2F%3D');
    expect(visitorSocketUrl('https://chat.example.com/', 't')).toBe('wss://chat.example.com/ws/visitor?token=t');
  });

  it('accepts only absolute http(s) URLs for chatbot images and links', () => {
    expect(httpUrl('https://example.com/a b.png')).toBe('https://example.com/a%20b.png');
    expect(httpUrl(' http://example.com ')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:image/png;base64,AAAA', '/img.png', '//evil.example/x', 'ftp://x.example/', '', null, 3]) {
      expect(httpUrl(bad), String(bad)).toBeNull();
    }
  });
});
