import { describe, expect, it } from 'vitest';
import { createFlowState, type FlowEffect, type FlowState } from '@parley/flow';
import { emailCaptureAnswer, emailFollowUp, EMAIL_CAPTURE_RETRIES, planEffects, sessionStatus, visitorChatbotState } from './plan-step.js';

const waitingFor = (awaiting: FlowState['awaiting'], nodeId = 'n1'): FlowState => ({ ...createFlowState(), status: 'waiting', nodeId, awaiting, since: 0 });

describe('planEffects', () => {
  it('turns messages into chatbot messages with buttons, questions, images and links', () => {
    const plan = planEffects(
      [
        { type: 'send_message', nodeId: 'a', text: 'Hi', imageUrl: 'https://x.example/i.png', link: { url: 'https://x.example', label: 'X' } },
        { type: 'send_message', nodeId: 'b', text: 'Pick', buttons: [{ id: 'c1', label: 'One' }, { id: 'h', label: 'Human', human: true }] },
        { type: 'send_message', nodeId: 'q', text: 'Email?', question: { field: 'email', retry: false } },
        { type: 'open_url', nodeId: 'u', url: 'https://docs.example', newTab: true },
      ],
      'bot',
    );
    expect(plan.messages).toEqual([
      { text: 'Hi', meta: { chatbot: { id: 'bot', nodeId: 'a' }, imageUrl: 'https://x.example/i.png', link: { url: 'https://x.example', label: 'X' } } },
      { text: 'Pick', meta: { chatbot: { id: 'bot', nodeId: 'b' }, buttons: [{ id: 'c1', label: 'One' }, { id: 'h', label: 'Human', human: true }] } },
      { text: 'Email?', meta: { chatbot: { id: 'bot', nodeId: 'q' }, question: { field: 'email', retry: false } } },
      { text: 'https://docs.example', meta: { chatbot: { id: 'bot', nodeId: 'u' }, link: { url: 'https://docs.example', label: 'https://docs.example' } } },
    ]);
    expect(plan.interacted).toBe(false);
    expect(plan.answerValid).toBeNull();
  });

  it('collects contact data, tags (last word wins), handover, close, delay, webhooks, go to flow and errors', () => {
    const effects: FlowEffect[] = [
      { type: 'store_contact', nodeId: 'q', field: 'email', value: 'a@b.example' },
      { type: 'set_contact_property', nodeId: 'p', key: 'plan', value: 'pro' },
      { type: 'set_variable', nodeId: 'v', name: 'x', value: 1 },
      { type: 'add_tag', nodeId: 't', tag: 'lead' },
      { type: 'add_tag', nodeId: 't', tag: 'vip' },
      { type: 'remove_tag', nodeId: 't', tag: 'vip' },
      { type: 'handover', nodeId: 'h', reason: 'handover_node', agentId: 'ag' },
      { type: 'close_conversation', nodeId: 'c' },
      { type: 'schedule_delay', nodeId: 'd', seconds: 5 },
      { type: 'call_webhook', nodeId: 'w', url: 'https://hook.example', method: 'POST', body: '{}' },
      { type: 'go_to_flow', nodeId: 'g', flowId: 'other' },
      { type: 'flow_error', nodeId: null, code: 'step_limit', message: 'too many' },
    ];
    const plan = planEffects(effects, 'bot');
    expect(plan.contact).toEqual({ email: 'a@b.example', properties: { plan: 'pro' } });
    expect(plan.addTags).toEqual(['lead']);
    expect(plan.removeTags).toEqual(['vip']);
    expect(plan.handover).toEqual({ reason: 'handover_node', agentId: 'ag', groupId: null });
    expect(plan.close).toBe(true);
    expect(plan.delaySeconds).toBe(5);
    expect(plan.webhooks).toEqual([{ nodeId: 'w', url: 'https://hook.example', method: 'POST', body: '{}' }]);
    expect(plan.goToFlow).toBe('other');
    expect(plan.errors).toEqual([{ nodeId: null, code: 'step_limit', message: 'too many' }]);
  });

  it('keeps every record and marks interactions and answers', () => {
    const plan = planEffects(
      [
        { type: 'chatbot_event', event: 'button_chosen', nodeId: 'm', choiceId: 'c' },
        { type: 'chatbot_event', event: 'answer_given', nodeId: 'q' },
        { type: 'chatbot_event', event: 'handover', nodeId: 'h', reason: 'visitor_typed' },
        { type: 'chatbot_event', event: 'ended', nodeId: 'h', reason: 'handover' },
      ],
      'bot',
    );
    expect(plan.events).toEqual([
      { event: 'button_chosen', nodeId: 'm', choiceId: 'c', reason: null },
      { event: 'answer_given', nodeId: 'q', choiceId: null, reason: null },
      { event: 'handover', nodeId: 'h', choiceId: null, reason: 'visitor_typed' },
      { event: 'ended', nodeId: 'h', choiceId: null, reason: 'handover' },
    ]);
    expect(plan.interacted).toBe(true);
    expect(plan.answerValid).toBe(true);
    expect(planEffects([{ type: 'send_message', nodeId: 'q', text: 'Again?', question: { field: 'phone', retry: true } }], 'bot').answerValid).toBe(false);
    expect(planEffects([{ type: 'chatbot_event', event: 'typed_instead', nodeId: 'm' }], 'bot').interacted).toBe(false);
  });
});

describe('visitorChatbotState', () => {
  it('offers buttons while a button is awaited', () => {
    expect(visitorChatbotState(waitingFor({ kind: 'button' }, 'menu'), null, null)).toEqual({ status: 'waiting', nodeId: 'menu', awaiting: 'button', field: null });
  });

  it('takes the question field from this step, else from before at the same node, else free text', () => {
    const asking = waitingFor({ kind: 'answer', retries: 0 }, 'q');
    const plan = planEffects([{ type: 'send_message', nodeId: 'q', text: 'Phone?', question: { field: 'phone', retry: false } }], 'bot');
    expect(visitorChatbotState(asking, plan, null).field).toBe('phone');
    expect(visitorChatbotState(asking, null, { status: 'waiting', nodeId: 'q', awaiting: 'answer', field: 'number' }).field).toBe('number');
    expect(visitorChatbotState(asking, null, { status: 'waiting', nodeId: 'other', awaiting: 'answer', field: 'number' }).field).toBe('text');
  });

  it('awaits nothing while running or stopped', () => {
    expect(visitorChatbotState({ ...waitingFor({ kind: 'webhook' }), status: 'running' }, null, null)).toMatchObject({ status: 'running', awaiting: 'nothing' });
    expect(visitorChatbotState({ ...createFlowState(), status: 'handed_over', nodeId: 'x' }, null, null)).toMatchObject({ status: 'handed_over', awaiting: 'nothing' });
    expect(sessionStatus(createFlowState())).toBe('running');
  });
});

describe('emailFollowUp', () => {
  const base = { handedOver: true, stopped: true, agentsOnline: false, hasEmail: false };
  it.each([
    [{}, 'ask_email'],
    [{ agentsOnline: true }, 'schedule_offer'],
    [{ hasEmail: true }, 'none'],
    [{ hasEmail: true, agentsOnline: true }, 'none'],
    [{ handedOver: false }, 'none'],
    [{ stopped: false }, 'none'],
  ] as const)('%o → %s', (change, kind) => {
    expect(emailFollowUp({ ...base, ...change }).kind).toBe(kind);
  });
});

describe('emailCaptureAnswer', () => {
  it('stores a valid email, retries an invalid one, then gives up', () => {
    expect(emailCaptureAnswer({ ok: true, value: 'a@b.example' }, 0)).toEqual({ kind: 'stored', email: 'a@b.example' });
    expect(emailCaptureAnswer({ ok: false }, 0)).toEqual({ kind: 'retry', retries: 1 });
    expect(emailCaptureAnswer({ ok: false }, EMAIL_CAPTURE_RETRIES - 1)).toEqual({ kind: 'retry', retries: EMAIL_CAPTURE_RETRIES });
    expect(emailCaptureAnswer({ ok: false }, EMAIL_CAPTURE_RETRIES)).toEqual({ kind: 'give_up' });
  });
});
