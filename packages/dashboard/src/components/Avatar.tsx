/** Initials on a colour derived from a stable id; an online dot when `online` is given. */
const PALETTE = ['#6366f1', '#0ea5e9', '#14b8a6', '#22c55e', '#f59e0b', '#ef4444', '#ec4899', '#8b5cf6', '#0f766e', '#b45309'];

export function colorFor(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export function initials(name: string): string {
  const words = name.trim().split(/[\s@._-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]![0] ?? '';
  const second = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return (first + second).toUpperCase();
}

interface AvatarProps {
  name: string;
  seed?: string;
  size?: 'sm' | 'md' | 'lg';
  online?: boolean;
}

export function Avatar({ name, seed, size = 'md', online }: AvatarProps) {
  return (
    <span className={`avatar avatar--${size}`} style={{ background: colorFor(seed ?? name) }} aria-hidden="true">
      {initials(name)}
      {online !== undefined && <span className={`avatar__dot ${online ? 'is-online' : 'is-offline'}`} />}
    </span>
  );
}
