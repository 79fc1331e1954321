import { describe, expect, it } from 'vitest';
import { checkText, MESSAGE_MAX } from './text';

describe('checkText (mirrors the server rule)', () => {
  it('normalises line endings and trims', () => {
    expect(checkText('  a\r\nb\rc  ')).toEqual({ ok: true, text: 'a\nb\nc' });
  });
  it('refuses empty and over-long texts', () => {
    expect(checkText(' \n\t ')).toEqual({ ok: false, reason: 'empty', length: 0 });
    expect(checkText('x'.repeat(MESSAGE_MAX)).ok).toBe(true);
    expect(checkText('  ' + 'x'.repeat(MESSAGE_MAX) + '  ').ok).toBe(true);
    expect(checkText('x'.repeat(MESSAGE_MAX + 1))).toEqual({ ok: false, reason: 'tooLong', length: MESSAGE_MAX + 1 });
    expect(MESSAGE_MAX).toBe(4000);
  });
});
