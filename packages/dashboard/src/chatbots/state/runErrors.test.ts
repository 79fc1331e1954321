import { describe, expect, it } from 'vitest';
import type { ChatbotRunError } from '../../api/types';
import {
  RECENT_ERROR_WINDOW_MS,
  errorCountLabel,
  errorsByNode,
  isRecentError,
  listWarning,
  nodeErrorHint,
  recentErrors,
  runErrorSentence,
  runErrorTitle,
} from './runErrors';

const NOW = new Date('2026-03-12T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const HOUR = 3_600_000;

let n = 0;
function err(partial: Partial<ChatbotRunError> = {}): ChatbotRunError {
  n++;
  return {
    id: `e${n}`,
    versionId: 'v1',
    conversationId: `c${n}`,
    nodeId: 'hook',
    code: 'webhook_failed',
    message: 'https://example.test answered 500',
    at: ago(HOUR),
    ...partial,
  };
}

describe('run error texts', () => {
  it('has a sentence and a title for every code the server stores', () => {
    const codes = ['webhook_failed', 'webhook_timeout', 'missing_node', 'step_limit', 'go_to_flow_unavailable'];
    const sentences = codes.map(runErrorSentence);
    expect(new Set(sentences).size).toBe(codes.length);
    for (const s of sentences) expect(s).toMatch(/^[A-Z].*\.$/);
    expect(runErrorSentence('webhook_failed')).toMatch(/failure path/);
    expect(runErrorSentence('webhook_timeout')).toMatch(/in time/);
    expect(runErrorTitle('webhook_timeout')).toBe('Webhook timed out');
    expect(runErrorTitle('go_to_flow_unavailable')).toBe('Chatbot to go to unavailable');
  });

  it('falls back for codes it does not know, including inherited object keys', () => {
    expect(runErrorSentence('brand_new_code')).toBe('Something went wrong while the chatbot ran.');
    expect(runErrorSentence('toString')).toBe('Something went wrong while the chatbot ran.');
    expect(runErrorTitle('constructor')).toBe('Run error');
  });

  it('counts errors in words', () => {
    expect(errorCountLabel(1)).toBe('1 error');
    expect(errorCountLabel(3)).toBe('3 errors');
    expect(errorCountLabel(20, true)).toBe('20+ errors');
    expect(errorCountLabel(1, true)).toBe('1+ errors');
  });
});

describe('the recent-error rule (last 24 hours)', () => {
  it('counts an error up to exactly 24 hours old, not a millisecond more', () => {
    expect(isRecentError({ at: ago(0) }, NOW)).toBe(true);
    expect(isRecentError({ at: ago(RECENT_ERROR_WINDOW_MS) }, NOW)).toBe(true);
    expect(isRecentError({ at: ago(RECENT_ERROR_WINDOW_MS + 1) }, NOW)).toBe(false);
  });

  it('counts a timestamp slightly ahead of the clock (skew) and ignores garbage', () => {
    expect(isRecentError({ at: new Date(NOW.getTime() + 5000).toISOString() }, NOW)).toBe(true);
    expect(isRecentError({ at: 'not a date' }, NOW)).toBe(false);
  });

  it('takes another window when given one', () => {
    expect(isRecentError({ at: ago(2 * HOUR) }, NOW, HOUR)).toBe(false);
  });

  it('keeps the order of the recent ones', () => {
    const list = [err({ at: ago(1) }), err({ at: ago(25 * HOUR) }), err({ at: ago(2 * HOUR) })];
    expect(recentErrors(list, NOW).map((e) => e.id)).toEqual([list[0]!.id, list[2]!.id]);
  });
});

describe('errors by step', () => {
  it('groups by node id in order and leaves out errors of no step', () => {
    const a1 = err({ nodeId: 'a' });
    const b1 = err({ nodeId: 'b' });
    const none = err({ nodeId: null, code: 'go_to_flow_unavailable' });
    const a2 = err({ nodeId: 'a', code: 'webhook_timeout' });
    const map = errorsByNode([a1, b1, none, a2]);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect(map.get('a')).toEqual([a1, a2]);
    expect(map.get('b')).toEqual([b1]);
  });

  it('describes a step dot with the count and the newest error', () => {
    expect(nodeErrorHint([])).toBeNull();
    expect(nodeErrorHint([{ code: 'webhook_timeout' }, { code: 'webhook_failed' }])).toBe(
      '2 errors in the last 24 hours; latest: Webhook timed out',
    );
  });
});

describe("the list's warning", () => {
  it('is null without recent errors', () => {
    expect(listWarning([], NOW)).toBeNull();
    expect(listWarning([err({ at: ago(30 * HOUR) })], NOW)).toBeNull();
  });

  it('counts recent errors and gives the newest time', () => {
    const list = [err({ at: ago(HOUR) }), err({ at: ago(3 * HOUR) }), err({ at: ago(40 * HOUR) })];
    expect(listWarning(list, NOW, 20)).toEqual({ count: 2, capped: false, latestAt: ago(HOUR) });
  });

  it('is capped when a full page is all recent (there may be more)', () => {
    const full = Array.from({ length: 5 }, (_, i) => err({ at: ago(i * HOUR) }));
    expect(listWarning(full, NOW, 5)).toMatchObject({ count: 5, capped: true });
    const notAllRecent = [...full.slice(0, 4), err({ at: ago(48 * HOUR) })];
    expect(listWarning(notAllRecent, NOW, 5)).toMatchObject({ count: 4, capped: false });
  });
});
