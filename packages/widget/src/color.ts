/** Colour helpers for the website's brand colour (pure). */
export const DEFAULT_COLOR = '#4f46e5';

/** Accepts "#rgb" or "#rrggbb"; anything else yields the default colour. */
export function normalizeColor(input: unknown): string {
  if (typeof input !== 'string') return DEFAULT_COLOR;
  const s = input.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return '#' + s[1] + s[1] + s[2] + s[2] + s[3] + s[3];
  return DEFAULT_COLOR;
}

/** WCAG relative luminance of a "#rrggbb" colour. */
export function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * (c[0] as number) + 0.7152 * (c[1] as number) + 0.0722 * (c[2] as number);
}

/** Text colour readable on the given background: near-black on light colours, white otherwise. */
export function contrastText(hex: string): string {
  // Contrast ratio against white (L=1) and against #111827 (L≈0.0092); pick the larger.
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0592 ? '#ffffff' : '#111827';
}

/**
 * The brand colour's variants only the chat window uses (set by the chat
 * bundle): links on light bubbles (`--pl`: the colour when dark enough, else
 * a neutral blue) and the composer's focus ring (`--pr`).
 */
export function chatColors(color: unknown): { '--pl': string; '--pr': string } {
  const pc = normalizeColor(color);
  const rgb = [1, 3, 5].map((i) => parseInt(pc.slice(i, i + 2), 16)).join(',');
  return { '--pl': luminance(pc) < 0.35 ? pc : '#1d4ed8', '--pr': 'rgba(' + rgb + ',.18)' };
}
