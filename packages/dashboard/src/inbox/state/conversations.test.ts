import { describe, expect, it } from 'vitest';
import {
  activityAt,
  applyMessageToSummary,
  filterQuery,
  matchesFilter,
  reconcileFirstPage,
  sameFilter,
  totalUnread,
  upsertConversation,
  visibleConversations,
} from './conversations';
import { conv, msg } from './testData';

const last = (seq: number, createdAt: string) => ({ seq, authorType: 'visitor' as const, text: `t${seq}`, createdAt });

describe('filters', () => {
  it('builds the REST query', () => {
    expect(filterQuery({ status: 'open', assignee: 'all' })).toEqual({ status: 'open' });
    expect(filterQuery({ status: 'closed', assignee: 'mine' })).toEqual({ status: 'closed', assignee: 'me' });
    expect(filterQuery({ status: 'open', assignee: 'unassigned' })).toEqual({ status: 'open', assignee: 'unassigned' });
    expect(filterQuery({ status: 'open', assignee: 'all', tag: 'vip' })).toEqual({ status: 'open', tag: 'vip' });
  });

  it('matches the tag filter exactly', () => {
    const vip = conv('a', { tags: ['vip', 'billing'] });
    const other = conv('b', { tags: ['VIP'] });
    const f = { status: 'open' as const, assignee: 'all' as const, tag: 'vip' };
    expect([vip, other, conv('c')].filter((c) => matchesFilter(c, f, 'me')).map((c) => c.id)).toEqual(['a']);
    expect(sameFilter({ status: 'open', assignee: 'all' }, { status: 'open', assignee: 'all', tag: 'vip' })).toBe(false);
    expect(sameFilter({ status: 'open', assignee: 'all' }, { status: 'open', assignee: 'all' })).toBe(true);
  });

  it('matches "Joined by chatbot" and one chatbot, and asks the server for them', () => {
    const bot = (id: string) => ({ id, name: id, status: 'ended' as const });
    const joined = conv('a', { labels: ['joined_by_chatbot'], chatbot: bot('b1') });
    const shownOnly = conv('b', { chatbot: bot('b1') });
    const other = conv('c', { labels: ['joined_by_chatbot'], chatbot: bot('b2') });
    const label = { status: 'open' as const, assignee: 'all' as const, joinedByChatbot: true };
    const one = { status: 'open' as const, assignee: 'all' as const, chatbotId: 'b1' };
    expect([joined, shownOnly, other].filter((c) => matchesFilter(c, label, 'me')).map((c) => c.id)).toEqual(['a', 'c']);
    expect([joined, shownOnly, other].filter((c) => matchesFilter(c, one, 'me')).map((c) => c.id)).toEqual(['a', 'b']);
    // b1 took part before b2: only the server knows, its answer keeps the conversation in the list
    expect(matchesFilter(other, one, 'me', new Set(['c']))).toBe(true);
    expect(filterQuery({ ...label, chatbotId: 'b1' })).toEqual({ status: 'open', label: 'joined_by_chatbot', chatbotId: 'b1' });
    expect(sameFilter(label, { status: 'open', assignee: 'all' })).toBe(false);
    expect(sameFilter(one, { ...one })).toBe(true);
  });

  it('matches status and assignee', () => {
    const mine = conv('a', { assigneeId: 'me' });
    const theirs = conv('b', { assigneeId: 'bob' });
    const nobody = conv('c');
    const closed = conv('d', { status: 'closed' });
    const f = (assignee: 'all' | 'mine' | 'unassigned') => ({ status: 'open' as const, assignee });
    expect([mine, theirs, nobody, closed].filter((c) => matchesFilter(c, f('all'), 'me')).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect([mine, theirs, nobody].filter((c) => matchesFilter(c, f('mine'), 'me')).map((c) => c.id)).toEqual(['a']);
    expect([mine, theirs, nobody].filter((c) => matchesFilter(c, f('unassigned'), 'me')).map((c) => c.id)).toEqual(['c']);
    expect(matchesFilter(closed, { status: 'closed', assignee: 'all' }, 'me')).toBe(true);
    expect(matchesFilter(mine, f('mine'), null)).toBe(false);
  });
});

describe('ordering', () => {
  it('puts newest activity first, new conversations included', () => {
    const all = {
      old: conv('old', { lastMessage: last(3, '2024-03-14T11:00:00.000Z') }),
      recent: conv('recent', { lastMessage: last(1, '2024-03-14T12:00:00.000Z') }),
      fresh: conv('fresh', { createdAt: '2024-03-14T13:00:00.000Z' }),
    };
    expect(visibleConversations(all, { status: 'open', assignee: 'all' }, null).map((c) => c.id)).toEqual([
      'fresh',
      'recent',
      'old',
    ]);
    expect(activityAt(all.fresh)).toBe('2024-03-14T13:00:00.000Z');
    const closed = conv('c', { status: 'closed', closedAt: '2024-03-14T14:00:00.000Z', lastMessage: last(1, '2024-03-14T12:00:00.000Z') });
    expect(activityAt(closed)).toBe('2024-03-14T14:00:00.000Z');
    expect(activityAt({ ...closed, activityAt: "2024-03-14T15:00:00.000Z" })).toBe("2024-03-14T15:00:00.000Z");
  });
});

describe('upsertConversation', () => {
  it('adds new conversations and replaces changed ones', () => {
    const a = upsertConversation({}, conv('a'));
    expect(Object.keys(a)).toEqual(['a']);
    const b = upsertConversation(a, conv('a', { assigneeId: 'x' }));
    expect(b.a!.assigneeId).toBe('x');
  });

  it('returns the same map for an identical summary', () => {
    const a = upsertConversation({}, conv('a'));
    expect(upsertConversation(a, conv('a'))).toBe(a);
  });

  it('never moves lastSeq backwards but takes the other fields', () => {
    const a = { a: conv('a', { lastSeq: 5, lastMessage: last(5, '2024-03-14T12:00:05.000Z'), unreadCount: 2 }) };
    const b = upsertConversation(a, conv('a', { lastSeq: 4, lastMessage: last(4, '2024-03-14T12:00:04.000Z'), unreadCount: 0, status: 'closed' }));
    expect(b.a).toMatchObject({ lastSeq: 5, unreadCount: 0, status: 'closed' });
    expect(b.a!.lastMessage!.seq).toBe(5);
  });
});

describe('applyMessageToSummary', () => {
  it('updates preview and counts an unread visitor message', () => {
    const all = { c1: conv('c1', { lastSeq: 1 }) };
    const next = applyMessageToSummary(all, msg(2, { text: 'hi' }), false);
    expect(next.c1).toMatchObject({ lastSeq: 2, unreadCount: 1, lastMessage: { seq: 2, text: 'hi', authorType: 'visitor' } });
  });

  it('does not count while the agent views it, nor agent messages', () => {
    const all = { c1: conv('c1', { lastSeq: 1 }) };
    expect(applyMessageToSummary(all, msg(2), true).c1!.unreadCount).toBe(0);
    expect(applyMessageToSummary(all, msg(2, { authorType: 'agent' }), false).c1!.unreadCount).toBe(0);
  });

  it('ignores a message the summary already covers (conversation frame came first)', () => {
    const all = { c1: conv('c1', { lastSeq: 2, unreadCount: 1 }) };
    expect(applyMessageToSummary(all, msg(2), false)).toBe(all);
  });

  it('ignores unknown conversations', () => {
    const all = {};
    expect(applyMessageToSummary(all, msg(1), false)).toBe(all);
  });

  it("an agent's reply ends a pending handover; visitor and chatbot messages do not", () => {
    const handover = { at: msg(2).createdAt, reason: 'visitor_typed' as const };
    const all = { c1: conv('c1', { lastSeq: 2, handover }) };
    expect(applyMessageToSummary(all, msg(3, { authorType: 'agent' }), true).c1!.handover).toBe(null);
    expect(applyMessageToSummary(all, msg(3), true).c1!.handover).toEqual(handover);
    expect(applyMessageToSummary(all, msg(3, { authorType: 'chatbot' }), true).c1!.handover).toEqual(handover);
    // an agent message written before the handover (a late ack) leaves it
    const early = msg(3, { authorType: 'agent', createdAt: msg(1).createdAt });
    expect(applyMessageToSummary(all, early, true).c1!.handover).toEqual(handover);
  });
});

describe('reconcileFirstPage', () => {
  const open = { status: 'open' as const, assignee: 'all' as const };

  it('drops conversations that left the filter while we were away', () => {
    const all = { a: conv('a'), b: conv('b'), z: conv('z', { status: 'closed' }) };
    const next = reconcileFirstPage(all, open, null, [conv('a')], true, null);
    expect(Object.keys(next).sort()).toEqual(['a', 'z']);
  });

  it('keeps the conversation being viewed and those on later pages', () => {
    const all = {
      a: conv('a', { createdAt: '2024-03-14T12:00:00.000Z' }),
      older: conv('older', { createdAt: '2024-03-01T12:00:00.000Z' }),
      viewed: conv('viewed', { createdAt: '2024-03-14T12:30:00.000Z' }),
    };
    const next = reconcileFirstPage(all, open, null, [all.a], false, 'viewed');
    expect(Object.keys(next).sort()).toEqual(['a', 'older', 'viewed']);
  });

  it('adds the page and keeps identity when nothing changed', () => {
    const all = { a: conv('a') };
    expect(reconcileFirstPage(all, open, null, [conv('a')], true, null)).toBe(all);
    expect(Object.keys(reconcileFirstPage(all, open, null, [conv('a'), conv('b')], true, null))).toEqual(['a', 'b']);
  });
});

it('totalUnread counts open conversations only', () => {
  expect(totalUnread({ a: conv('a', { unreadCount: 2 }), b: conv('b', { unreadCount: 3, status: 'closed' }), c: conv('c', { unreadCount: 1 }) })).toBe(3);
});
