import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VisitorClaims {
  workspaceId: string;
  websiteId: string;
  visitorId: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

export const VISITOR_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `v1.<payload>.<HMAC-SHA256>`: the widget's proof of who it is, checked without a database read. */
export function signVisitorToken(secret: string, claims: VisitorClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ w: claims.workspaceId, s: claims.websiteId, v: claims.visitorId, e: claims.expiresAt }),
  ).toString('base64url');
  return `v1.${payload}.${sign(secret, `v1.${payload}`)}`;
}

export function verifyVisitorToken(secret: string, token: string, now: number): VisitorClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const [, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `v1.${payload}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const d = data as { w?: unknown; s?: unknown; v?: unknown; e?: unknown };
  if (typeof d.w !== 'string' || typeof d.s !== 'string' || typeof d.v !== 'string' || typeof d.e !== 'number') {
    return null;
  }
  if (d.e <= now) return null;
  return { workspaceId: d.w, websiteId: d.s, visitorId: d.v, expiresAt: d.e };
}
