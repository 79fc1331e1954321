import { describe, expect, it } from 'vitest';
import { contrastText, DEFAULT_COLOR, normalizeColor } from './color';

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
});
