/** URL helpers (pure). */

/** "https://chat.example.com/widget.js?v=1" → "https://chat.example.com/" (a sub-path is kept). */
export function baseUrl(src: string, page: string): string {
  const u = new URL(src, page);
  return u.origin + u.pathname.replace(/[^/]*$/, '');
}

/** The visitor socket URL for a base URL: http → ws, https → wss. */
export function visitorSocketUrl(base: string, token: string): string {
  return base.replace(/^http/i, 'ws') + 'ws/visitor?token=' + encodeURIComponent(token);
}

/** An absolute http(s) URL, normalised; anything else (javascript:, data:, relative, junk) is null. */
export function httpUrl(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  try {
    const u = new URL(input.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
