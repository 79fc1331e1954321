import { describe, expect, it } from 'vitest';
import { chatColors, contrastText, DEFAULT_COLOR, normalizeColor } from './color';

describe('colour', () => {
  it('accepts #rgb and #rrggbb, refuses anything else (no CSS injection)', () => {
    expect(normalizeColor('#0EA5E9')).toBe('#0ea5e9');
    expect(normalizeColor('#abc')).toBe('#aabbcc');
    for (const bad of ['red', 'url(x)', '#12345', '#1234567', 'expression(alert(1))', '', null, 12, '#abc;}body{']) {
      expect(normalizeColor(bad)).toBe(DEFAULT_COLOR);
    }
  });

  it('picks readable text for the brand colour', () => {
    expect(contrastText('#000000')).toBe('#ffffff');
    expect(contrastText('#4f46e5')).toBe('#ffffff');
    expect(contrastText('#ffffff')).toBe('#111827');
    expect(contrastText('#facc15')).toBe('#111827'); // yellow
    expect(contrastText('#22d3ee')).toBe('#111827'); // light cyan
  });

  it("derives the chat window's link colour and focus ring (set by the chat bundle)", () => {
    expect(chatColors('#4F46E5')).toEqual({ '--pl': '#4f46e5', '--pr': 'rgba(79,70,229,.18)' });
    // Too light for links on white bubbles: a neutral blue instead.
    expect(chatColors('#facc15')['--pl']).toBe('#1d4ed8');
    expect(chatColors('url(x)')).toEqual(chatColors(DEFAULT_COLOR));
  });
});
