import type { HandoverReason } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  chatbotStatusText,
  HANDOVER_REASON_TEXT,
  handoverKey,
  handoverNotification,
  handoverReasonText,
  shouldAlertHandover,
  type HandoverAlertContext,
} from './handover';
import { conv } from './testData';

const acme = { id: 'bot1', name: 'Acme' };
const at = '2024-03-14T12:00:00.000Z';
const later = '2024-03-14T12:05:00.000Z';

describe('handover texts', () => {
  it('has a text for every reason, and a fallback', () => {
    const reasons: HandoverReason[] = ['visitor_typed', 'handover_node', 'asked_for_human', 'invalid_answers', 'flow_error', 'quota_exhausted'];
    expect(Object.keys(HANDOVER_REASON_TEXT).sort()).toEqual([...reasons].sort());
    expect(handoverReasonText('visitor_typed')).toBe('the visitor typed a message');
    expect(handoverReasonText('asked_for_human')).toBe('the visitor asked for a human');
    expect(handoverReasonText('quota_exhausted')).toBe('the monthly chatbot conversation limit was reached');
    expect(handoverReasonText('something_new')).toBe('the chatbot handed over');
  });

  it('describes the chatbot and its status in the header', () => {
    expect(chatbotStatusText({ ...acme, status: 'handed_over' }, { at, reason: 'visitor_typed' })).toBe(
      'Chatbot Acme handed over: the visitor typed a message',
    );
    expect(chatbotStatusText({ ...acme, status: 'handed_over' }, { at, reason: 'invalid_answers' })).toBe(
      'Chatbot Acme handed over: the visitor could not give a valid answer',
    );
    expect(chatbotStatusText({ ...acme, status: 'waiting' }, null)).toBe('Chatbot Acme is waiting for the visitor');
    expect(chatbotStatusText({ ...acme, status: 'running' }, null)).toBe('Chatbot Acme is running');
    expect(chatbotStatusText({ ...acme, status: 'handed_over' }, null)).toBe('Chatbot Acme handed over to the team');
    expect(chatbotStatusText({ ...acme, status: 'ended' }, null)).toBe('Chatbot Acme has ended');
    expect(chatbotStatusText(null, null)).toBe(null);
    expect(chatbotStatusText(null, { at, reason: 'flow_error' })).toBe('A chatbot handed over: the chatbot ran into an error in its flow');
  });

  it('builds the notification', () => {
    const c = conv('c1', { chatbot: { ...acme, status: 'handed_over' }, handover: { at, reason: 'asked_for_human' } });
    expect(handoverNotification(c)).toEqual({ title: 'Visitor c1 needs a human', body: 'Chatbot Acme handed over: the visitor asked for a human' });
  });
});

describe('shouldAlertHandover', () => {
  const live: HandoverAlertContext = { live: true, since: null, alerted: new Set() };
  const rest: HandoverAlertContext = { live: false, since: null, alerted: new Set() };
  const none = conv('c1');
  const set = conv('c1', { handover: { at, reason: 'visitor_typed' } });
  const again = conv('c1', { handover: { at: later, reason: 'asked_for_human' } });

  it('alerts when the handover becomes set, or is a new one', () => {
    expect(shouldAlertHandover(none, set, live)).toBe(true);
    expect(shouldAlertHandover(set, again, live)).toBe(true);
    expect(shouldAlertHandover(none, set, rest)).toBe(true); // a refetch of a held conversation
  });

  it('does not alert for the same handover, a cleared one, or none', () => {
    expect(shouldAlertHandover(set, conv('c1', { handover: set.handover, unreadCount: 3 }), live)).toBe(false);
    expect(shouldAlertHandover(set, none, live)).toBe(false);
    expect(shouldAlertHandover(none, conv('c1', { unreadCount: 1 }), live)).toBe(false);
  });

  it('never alerts twice for one handover', () => {
    expect(shouldAlertHandover(none, set, { ...live, alerted: new Set([handoverKey('c1', set.handover!)]) })).toBe(false);
  });

  it('does not alert for closed conversations', () => {
    expect(shouldAlertHandover(none, { ...set, status: 'closed' }, live)).toBe(false);
  });

  it('a conversation not held yet: only live frames, and only handovers since the session began', () => {
    expect(shouldAlertHandover(undefined, set, rest)).toBe(false); // the initial list load
    expect(shouldAlertHandover(undefined, set, live)).toBe(true); // it just became visible
    expect(shouldAlertHandover(undefined, set, { ...live, since: Date.parse(at) })).toBe(true);
    expect(shouldAlertHandover(undefined, set, { ...live, since: Date.parse(later) })).toBe(false);
  });
});
