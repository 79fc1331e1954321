import { describe, expect, it } from 'vitest';
import { applyConversationCommand, visitorMessageTarget } from './index.js';

describe('applyConversationCommand', () => {
  const open = { status: 'open' as const, assigneeId: null };
  it('closes an open conversation and keeps its assignee', () => {
    expect(applyConversationCommand({ status: 'open', assigneeId: 'a1' }, { kind: 'close' })).toEqual({ ok: true, status: 'closed', assigneeId: 'a1', changed: true });
  });
  it('treats closing a closed conversation as a no-op', () => {
    expect(applyConversationCommand({ status: 'closed', assigneeId: null }, { kind: 'close' })).toMatchObject({ changed: false });
  });
  it('reopens', () => {
    expect(applyConversationCommand({ status: 'closed', assigneeId: null }, { kind: 'reopen' })).toMatchObject({ status: 'open', changed: true });
    expect(applyConversationCommand(open, { kind: 'reopen' })).toMatchObject({ changed: false });
  });
  it('assigns and unassigns without touching the status', () => {
    expect(applyConversationCommand(open, { kind: 'assign', assigneeId: 'a2' })).toEqual({ ok: true, status: 'open', assigneeId: 'a2', changed: true });
    expect(applyConversationCommand({ status: 'closed', assigneeId: 'a2' }, { kind: 'assign', assigneeId: null })).toEqual({ ok: true, status: 'closed', assigneeId: null, changed: true });
    expect(applyConversationCommand({ status: 'open', assigneeId: 'a2' }, { kind: 'assign', assigneeId: 'a2' })).toMatchObject({ changed: false });
  });
});

describe('visitorMessageTarget', () => {
  it('writes into the open conversation', () => {
    expect(visitorMessageTarget({ id: 'c1', status: 'open' })).toEqual({ kind: 'existing', conversationId: 'c1' });
  });
  it('starts a new conversation when there is none or the last one is closed', () => {
    expect(visitorMessageTarget(null)).toEqual({ kind: 'new' });
    expect(visitorMessageTarget({ id: 'c1', status: 'closed' })).toEqual({ kind: 'new' });
  });
});
