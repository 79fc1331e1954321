import { describe, expect, it } from 'vitest';
import { chimeThrottle, shouldChime } from './chime';
import { msg } from './testData';

describe('shouldChime', () => {
  const visitor = msg(1); // conversation c1
  const ctx = { activeId: 'c2', visible: true, muted: false };

  it('chimes for a visitor message in another conversation or on another page', () => {
    expect(shouldChime(visitor, ctx)).toBe(true);
    expect(shouldChime(visitor, { ...ctx, activeId: null })).toBe(true);
  });

  it('chimes for the open conversation only when the tab is hidden', () => {
    expect(shouldChime(visitor, { ...ctx, activeId: 'c1' })).toBe(false);
    expect(shouldChime(visitor, { ...ctx, activeId: 'c1', visible: false })).toBe(true);
  });

  it('never chimes for agents, chatbots, system messages or when muted', () => {
    expect(shouldChime(msg(2, { authorType: 'agent' }), ctx)).toBe(false);
    expect(shouldChime(msg(3, { authorType: 'chatbot' }), ctx)).toBe(false);
    expect(shouldChime(msg(4, { authorType: 'system' }), ctx)).toBe(false);
    expect(shouldChime(visitor, { ...ctx, muted: true })).toBe(false);
  });
});

it('throttles bursts to one chime', () => {
  const allow = chimeThrottle(1000);
  expect(allow(0)).toBe(true);
  expect(allow(500)).toBe(false);
  expect(allow(1000)).toBe(true);
  expect(allow(1999)).toBe(false);
});
