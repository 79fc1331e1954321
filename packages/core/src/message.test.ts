import { describe, expect, it } from 'vitest';
import { checkMessageText, MESSAGE_TEXT_MAX_LENGTH } from './index.js';

describe('checkMessageText', () => {
  it('trims and normalises line endings', () => {
    expect(checkMessageText('  hello\r\nworld \n')).toEqual({ ok: true, text: 'hello\nworld' });
  });
  it('refuses empty and whitespace-only texts', () => {
    expect(checkMessageText('   \n ')).toEqual({ ok: false, error: 'Message is empty' });
  });
  it('accepts exactly the limit and refuses one more', () => {
    expect(checkMessageText('a'.repeat(MESSAGE_TEXT_MAX_LENGTH)).ok).toBe(true);
    expect(checkMessageText('a'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1))).toEqual({ ok: false, error: 'Message is longer than 4000 characters' });
  });
  it('keeps markup as plain text', () => {
    expect(checkMessageText('<b>hi</b>')).toEqual({ ok: true, text: '<b>hi</b>' });
  });
  it('refuses non-strings', () => {
    expect(checkMessageText(42).ok).toBe(false);
  });
});
