import type { AgentServerFrame as ServerFrame } from '../../realtime/frames';
import { describe, expect, it } from 'vitest';
import { visibleConversations } from './conversations';
import { displayedUnread, inboxReducer, initialInboxState, transcriptMaxSeq, type InboxAction, type InboxState } from './inboxState';
import { conv, msg } from './testData';

const run = (state: InboxState, ...actions: InboxAction[]) => actions.reduce(inboxReducer, state);
const frame = (f: ServerFrame, now = 0): InboxAction => ({ type: 'frame', frame: f, now });
const open = { status: 'open' as const, assignee: 'all' as const };

function withList(...ids: string[]): InboxState {
  return run(initialInboxState('me'), {
    type: 'listLoaded',
    filter: open,
    conversations: ids.map((id) => conv(id, { lastSeq: 1 })),
    nextCursor: null,
    firstPage: true,
  });
}

describe('conversation list, live', () => {
  it('a new conversation arriving by frame appears at the top', () => {
    let s = withList('a');
    s = run(s, frame({ type: 'conversation', conversation: conv('new', { createdAt: '2024-03-14T11:00:00.000Z' }) }));
    expect(visibleConversations(s.conversations, s.list.filter, s.me).map((c) => c.id)).toEqual(['new', 'a']);
  });

  it('a visitor message bumps unread and preview; the viewed conversation does not show it', () => {
    let s = withList('a', 'b');
    s = run(s, frame({ type: 'message', message: msg(2, { conversationId: 'a', text: 'yo' }) }));
    expect(s.conversations.a).toMatchObject({ unreadCount: 1, lastMessage: { text: 'yo' } });
    s = run(s, { type: 'select', id: 'b' }, frame({ type: 'message', message: msg(2, { conversationId: 'b' }) }));
    expect(s.conversations.b!.unreadCount).toBe(0);
    // tab hidden: the message counts as unread even on screen
    s = run(s, { type: 'visibility', visible: false }, frame({ type: 'message', message: msg(3, { conversationId: 'b' }) }));
    expect(s.conversations.b!.unreadCount).toBe(1);
    expect(displayedUnread(s, s.conversations.b!)).toBe(1);
    s = run(s, { type: 'visibility', visible: true });
    expect(displayedUnread(s, s.conversations.b!)).toBe(0);
  });

  it('a conversation frame is the truth for unread counts', () => {
    let s = withList('a');
    s = run(s, frame({ type: 'message', message: msg(2, { conversationId: 'a' }) }));
    s = run(s, frame({ type: 'conversation', conversation: conv('a', { lastSeq: 2, unreadCount: 1 }) }));
    expect(s.conversations.a!.unreadCount).toBe(1);
    s = run(s, { type: 'markedRead', id: 'a' });
    expect(s.conversations.a!.unreadCount).toBe(0);
  });

  it('closing by frame moves it out of the Open filter', () => {
    let s = withList('a');
    s = run(s, frame({ type: 'conversation', conversation: conv('a', { lastSeq: 1, status: 'closed' }) }));
    expect(visibleConversations(s.conversations, open, s.me)).toEqual([]);
    expect(visibleConversations(s.conversations, { status: 'closed', assignee: 'all' }, s.me)).toHaveLength(1);
  });

  it('a visitor who writes or types is shown online', () => {
    let s = withList('a', 'b');
    s = run(
      s,
      frame({ type: 'conversation', conversation: conv('a', { lastSeq: 1, visitor: { id: 'v-a', displayName: 'A', email: null, online: false } }) }),
      frame({ type: 'conversation', conversation: conv('b', { lastSeq: 1, visitor: { id: 'v-b', displayName: 'B', email: null, online: false } }) }),
    );
    s = run(s, frame({ type: 'message', message: msg(2, { conversationId: 'a' }) }));
    s = run(s, frame({ type: 'typing', conversationId: 'b', author: { type: 'visitor', id: 'v-b', name: null }, typing: true }));
    expect([s.conversations.a!.visitor.online, s.conversations.b!.visitor.online]).toEqual([true, true]);
  });

  it('updates agent presence', () => {
    let s = run(initialInboxState('me'), {
      type: 'agentsLoaded',
      agents: [{ id: 'ada', name: 'Ada', email: 'a@x', role: 'agent', online: false }],
    });
    s = run(s, frame({ type: 'presence', agentsOnline: 1, agents: [{ id: 'ada', online: true }, { id: 'ghost', online: true }] }));
    expect(s.agents.ada!.online).toBe(true);
    expect(s.agents.ghost).toBeUndefined();
  });

  it('tracks the filter and paging state', () => {
    let s = run(initialInboxState('me'), { type: 'filter', filter: { status: 'closed', assignee: 'mine' } });
    expect(s.list).toMatchObject({ loading: true, filter: { status: 'closed', assignee: 'mine' } });
    // a late answer for another filter does not touch the paging state
    s = run(s, { type: 'listLoaded', filter: open, conversations: [conv('x')], nextCursor: 'n', firstPage: true });
    expect(s.list.loading).toBe(true);
    s = run(s, { type: 'listLoaded', filter: s.list.filter, conversations: [], nextCursor: 'c2', firstPage: true });
    expect(s.list).toMatchObject({ loading: false, nextCursor: 'c2' });
  });
});

describe('transcript', () => {
  it('loads, then merges live frames and sync answers without duplicates', () => {
    let s = run(withList('c1'), { type: 'select', id: 'c1' }, { type: 'transcriptLoading', id: 'c1' });
    // a frame racing the load
    s = run(s, frame({ type: 'message', message: msg(3) }));
    s = run(s, { type: 'transcriptLoaded', id: 'c1', messages: [msg(1), msg(2), msg(3)] });
    expect(s.transcripts.c1).toMatchObject({ status: 'ready' });
    s = run(s, frame({ type: 'sync', conversationId: 'c1', messages: [msg(3), msg(4)], lastSeq: 4, hasMore: false }));
    s = run(s, frame({ type: 'message', message: msg(4) }));
    expect(s.transcripts.c1!.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(transcriptMaxSeq(s, 'c1')).toBe(4);
    expect(s.conversations.c1!.lastSeq).toBe(4);
  });

  it('does not start a transcript for a conversation that was never opened', () => {
    const s = run(withList('c1'), frame({ type: 'message', message: msg(2) }));
    expect(s.transcripts.c1).toBeUndefined();
  });

  it('forgets other cached transcripts after a reconnect', () => {
    let s = run(withList('c1', 'c2'), { type: 'transcriptLoaded', id: 'c1', messages: [msg(1)] });
    s = run(s, { type: 'transcriptLoaded', id: 'c2', messages: [msg(1, { conversationId: 'c2' })] });
    s = run(s, { type: 'transcriptsStale', keep: 'c2' });
    expect(Object.keys(s.transcripts)).toEqual(['c2']);
  });
});

describe('sending', () => {
  const entry = { clientId: 'k1', conversationId: 'c1', text: 'Hello!', createdAt: '2024-03-14T12:00:00.000Z' };

  it('pending → acked: the message lands once, the outbox empties, the draft is cleared', () => {
    let s = run(withList('c1'), { type: 'select', id: 'c1' }, { type: 'transcriptLoaded', id: 'c1', messages: [msg(1)] });
    s = run(s, { type: 'draft', id: 'c1', text: 'Hello!' }, { type: 'enqueue', entry }, { type: 'sent', clientIds: ['k1'] });
    expect(s.drafts.c1).toBe('');
    expect(s.outbox).toEqual([{ ...entry, attempts: 1 }]);
    const stored = msg(2, { authorType: 'agent', clientId: 'k1', text: 'Hello!' });
    s = run(s, frame({ type: 'message.ack', clientId: 'k1', message: stored }));
    s = run(s, frame({ type: 'message.ack', clientId: 'k1', message: stored })); // resent after reconnect
    expect(s.outbox).toEqual([]);
    expect(s.transcripts.c1!.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(s.conversations.c1).toMatchObject({ lastSeq: 2, unreadCount: 0 });
  });

  it('a failure puts the text back into the composer with the server error', () => {
    let s = run(withList('c1'), { type: 'enqueue', entry });
    s = run(s, frame({ type: 'error', code: 'conversation_closed', message: 'Conversation is closed', ref: 'k1' }));
    expect(s.outbox).toEqual([]);
    expect(s.drafts.c1).toBe('Hello!');
    expect(s.composerErrors.c1).toBe('Conversation is closed');
    // sending again clears the error
    s = run(s, { type: 'enqueue', entry: { ...entry, clientId: 'k2' } });
    expect(s.composerErrors.c1).toBeUndefined();
  });

  it('errors without a known ref change nothing', () => {
    const s = withList('c1');
    expect(run(s, frame({ type: 'error', code: 'invalid', message: 'x' }))).toBe(s);
    expect(run(s, frame({ type: 'error', code: 'invalid', message: 'x', ref: 'nope' }))).toBe(s);
  });
});

describe('typing', () => {
  it('shows the visitor typing, hides it when their message lands, ignores my own echo', () => {
    const visitor = { type: 'visitor' as const, id: 'visitor-1', name: null };
    let s = run(withList('c1'), frame({ type: 'typing', conversationId: 'c1', author: visitor, typing: true }, 1000));
    expect(s.typing.c1).toHaveLength(1);
    s = run(s, frame({ type: 'message', message: msg(2) }, 1500));
    expect(s.typing.c1).toBeUndefined();
    s = run(s, frame({ type: 'typing', conversationId: 'c1', author: visitor, typing: true }, 2000));
    s = run(s, { type: 'typingExpire', now: 8000 });
    expect(s.typing.c1).toBeUndefined();
    const mine = run(s, frame({ type: 'typing', conversationId: 'c1', author: { type: 'agent', id: 'me', name: 'Me' }, typing: true }));
    expect(mine).toBe(s);
  });
});
