import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_MAX_LENGTH } from '../../../core/src/limits';
import { checkComposerText, MESSAGE_MAX_LENGTH, normalizeMessageText } from './messageText';

describe('message text rules', () => {
  it('uses the same limit as @parley/core', () => {
    expect(MESSAGE_MAX_LENGTH).toBe(MESSAGE_TEXT_MAX_LENGTH);
  });
  it('normalises line endings and trims', () => {
    expect(normalizeMessageText('  a\r\nb\rc \n')).toBe('a\nb\nc');
  });
  it('refuses empty and whitespace-only text', () => {
    expect(checkComposerText('   \n ')).toEqual({ ok: false, reason: 'empty', length: 0 });
  });
  it('accepts exactly the limit and refuses one more (after trimming)', () => {
    expect(checkComposerText('x'.repeat(4000))).toEqual({ ok: true, text: 'x'.repeat(4000) });
    expect(checkComposerText(` ${'x'.repeat(4000)} `).ok).toBe(true);
    expect(checkComposerText('x'.repeat(4001))).toEqual({ ok: false, reason: 'too_long', length: 4001 });
  });
});
