import { describe, expect, it } from 'vitest';
import { publisherName, versionLabel, versionState } from './versions';

const ref = { id: 'v2', number: 2, publishedAt: '2026-03-12T10:00:00Z' };

describe('versions', () => {
  it('names who published: you, a teammate, someone gone, or not loaded yet', () => {
    const names = new Map([['a1', 'Ada'], ['me', 'Me Myself']]);
    expect(publisherName('me', names, 'me')).toBe('You');
    expect(publisherName('a1', names, 'me')).toBe('Ada');
    expect(publisherName('gone', names, 'me')).toBe('A former team member');
    expect(publisherName('a1', null, 'me')).toBe('An agent');
  });

  it('marks the published version live only while the chatbot is active', () => {
    expect(versionState({ id: 'v2' }, { status: 'active', publishedVersion: ref })).toBe('live');
    expect(versionState({ id: 'v2' }, { status: 'inactive', publishedVersion: ref })).toBe('published');
    expect(versionState({ id: 'v1' }, { status: 'active', publishedVersion: ref })).toBe('old');
    expect(versionState({ id: 'v1' }, { status: 'inactive', publishedVersion: null })).toBe('old');
  });

  it('labels a version id by its number', () => {
    const list = [{ id: 'v2', number: 2 }, { id: 'v1', number: 1 }];
    expect(versionLabel('v1', list)).toBe('v1');
    expect(versionLabel('zz', list)).toBeNull();
    expect(versionLabel('v1', null)).toBeNull();
  });
});
