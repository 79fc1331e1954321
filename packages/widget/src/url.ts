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
