import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyVisitorToken } from './visitor-token.js';

const secret = 'a'.repeat(43);
const claims = { workspaceId: 'w1', websiteId: 's1', visitorId: 'v1', expiresAt: 2_000 };

describe('visitor tokens', () => {
  it('verify with the same secret before expiry', () => {
    expect(verifyVisitorToken(secret, signVisitorToken(secret, claims), 1_000)).toEqual(claims);
  });
  it('expire', () => {
    expect(verifyVisitorToken(secret, signVisitorToken(secret, claims), 2_000)).toBeNull();
  });
  it('refuse another secret, a changed payload and garbage', () => {
    const token = signVisitorToken(secret, claims);
    expect(verifyVisitorToken('b'.repeat(43), token, 1_000)).toBeNull();
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ w: 'w2', s: 's1', v: 'v1', e: 2_000 })).toString('base64url');
    expect(verifyVisitorToken(secret, `${v}.${forged}.${sig}`, 1_000)).toBeNull();
    expect(verifyVisitorToken(secret, 'garbage', 1_000)).toBeNull();
    expect(verifyVisitorToken(secret, 'v1..', 1_000)).toBeNull();
  });
});
