import { describe, expect, it } from 'vitest';
import { isNewVisit, visitorPseudonym, VISIT_GAP_MS } from './index.js';

describe('isNewVisit', () => {
  const t = new Date('2026-11-24T10:00:00Z');
  it('counts the first page view as a visit', () => expect(isNewVisit(null, t)).toBe(true));
  it('continues the visit within 30 minutes', () => expect(isNewVisit(new Date(t.getTime() - VISIT_GAP_MS), t)).toBe(false));
  it('starts a new visit after 30 minutes away', () => expect(isNewVisit(new Date(t.getTime() - VISIT_GAP_MS - 1), t)).toBe(true));
});

describe('visitorPseudonym', () => {
  it('is stable per id and looks like a name', () => {
    expect(visitorPseudonym('abc')).toBe(visitorPseudonym('abc'));
    expect(visitorPseudonym('abc')).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });
  it('varies across ids', () => {
    const names = new Set(Array.from({ length: 50 }, (_, i) => visitorPseudonym(`visitor-${i}`)));
    expect(names.size).toBeGreaterThan(20);
  });
});
