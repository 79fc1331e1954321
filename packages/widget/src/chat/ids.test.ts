import { describe, expect, it } from 'vitest';
import { newClientId } from './ids';

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

describe('newClientId', () => {
  it('uses crypto.randomUUID when available', () => {
    expect(newClientId({ randomUUID: () => '0b7c5f0e-1d2a-4e5b-9c3d-7a8f6e5d4c3b' })).toBe('0b7c5f0e-1d2a-4e5b-9c3d-7a8f6e5d4c3b');
    expect(newClientId()).toMatch(VALID);
  });

  it('falls back to getRandomValues, then Math.random (insecure contexts, old browsers)', () => {
    const viaBytes = newClientId({ getRandomValues: (a) => a.fill(171) });
    expect(viaBytes).toBe('c-' + 'ab'.repeat(16));
    const viaRandom = newClientId({}, () => 0.5);
    expect(viaRandom).toBe('c-' + '80'.repeat(16));
    expect(newClientId(undefined)).toMatch(VALID);
    const throwing = newClientId({
      randomUUID: () => {
        throw new Error('insecure');
      },
    });
    expect(throwing).toMatch(VALID);
  });

  it('is unique enough', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newClientId({}, Math.random)));
    expect(ids.size).toBe(2000);
  });
});
