import { describe, expect, it } from 'vitest';
import { actions, drive, records } from '../testing/engine.js';
import { contextOf, flowOf } from '../testing/flows.js';
import { step } from './step.js';

describe('step: actions', () => {
  it('add tag, remove tag, set contact property and open URL run at once and go on', () => {
    const f = flowOf({
      tag: { kind: 'action', action: 'add_tag', tag: 'lead', next: 'untag' },
      untag: { kind: 'action', action: 'remove_tag', tag: 'cold', next: 'prop' },
      prop: { kind: 'action', action: 'set_contact_property', key: 'source', value: 'chatbot', next: 'url' },
      url: { kind: 'action', action: 'open_url', url: 'https://acme.example/demo', newTab: false, next: 'check' },
      check: {
        kind: 'condition',
        branches: [{ id: 'b', when: { match: 'all', conditions: [{ field: { source: 'contact_property', key: 'source' }, operator: 'is', value: 'chatbot' }] }, next: 'yes' }],
        else: null,
      },
      yes: { kind: 'end' },
    });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(actions(effects)).toEqual([
      { type: 'add_tag', nodeId: 'tag', tag: 'lead' },
      { type: 'remove_tag', nodeId: 'untag', tag: 'cold' },
      { type: 'set_contact_property', nodeId: 'prop', key: 'source', value: 'chatbot' },
      { type: 'open_url', nodeId: 'url', url: 'https://acme.example/demo', newTab: false },
    ]);
    expect(state).toMatchObject({ status: 'ended', nodeId: 'yes', contact: { properties: { source: 'chatbot' } } });
  });

  describe('handover', () => {
    const f = flowOf({
      handover: { kind: 'action', action: 'handover', groupId: 'billing', agentId: 'agent-7', agentsOnline: 'soon', noAgentOnline: 'email' },
      soon: { kind: 'message', text: 'An agent will reply shortly.', next: 'menu' },
      menu: { kind: 'buttons', text: 'Meanwhile?', choices: [{ id: 'done', label: 'All good', next: 'bye' }] },
      email: { kind: 'question', field: 'email', prompt: 'Your email?', retryMessage: 'Again?', next: 'again' },
      again: { kind: 'action', action: 'handover', agentsOnline: 'bye', noAgentOnline: 'bye' },
      bye: { kind: 'end' },
    }, { handoverMessages: { agentsOnline: 'not sent by a handover node', noAgentOnline: 'not sent either' } });

    it('with an agent online: hands over, then follows the "agents online" path and stops as handed over', () => {
      const { state, effects } = drive(f, [{ type: 'start' }], contextOf({ agentsOnline: true }));
      expect(actions(effects)).toEqual([
        { type: 'handover', nodeId: 'handover', reason: 'handover_node', groupId: 'billing', agentId: 'agent-7' },
        { type: 'send_message', nodeId: 'soon', text: 'An agent will reply shortly.' },
        { type: 'send_message', nodeId: 'menu', text: 'Meanwhile?', buttons: [{ id: 'done', label: 'All good' }] },
      ]);
      expect(records(effects)).toEqual([
        'triggered@handover', 'node_reached@handover', 'handover@handover(handover_node)', 'node_reached@soon', 'node_reached@menu',
      ]);
      expect(state).toMatchObject({ status: 'waiting', handedOver: true });
      const done = drive(f, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'done' }]);
      expect(records(done.last.effects)).toEqual(['button_chosen@menu:done', 'node_reached@bye', 'ended@bye(end_node)']);
      expect(done.state).toMatchObject({ status: 'handed_over', handedOver: true });
    });

    it('with nobody online: follows the "no agent online" path (ask for an email), handing over only once', () => {
      const context = contextOf({ agentsOnline: false });
      const asked = drive(f, [{ type: 'start' }], context);
      expect(asked.state).toMatchObject({ status: 'waiting', nodeId: 'email', handedOver: true });
      const { last, state } = drive(f, [{ type: 'start' }, { type: 'answer_given', text: 'jana@acme.cz' }], context);
      expect(actions(last.effects)).toEqual([{ type: 'store_contact', nodeId: 'email', field: 'email', value: 'jana@acme.cz' }]);
      expect(state.status).toBe('handed_over');
    });

    it('typing after the handover stops the chatbot without a second handover', () => {
      const { state, last } = drive(f, [{ type: 'start' }, { type: 'free_text_typed', text: 'hello?' }]);
      expect(last.effects).toEqual([
        { type: 'chatbot_event', event: 'typed_instead', nodeId: 'menu' },
        { type: 'chatbot_event', event: 'ended', nodeId: 'menu', reason: 'handover' },
      ]);
      expect(state.status).toBe('handed_over');
    });
  });

  it('close conversation: closes and ends the chatbot', () => {
    const f = flowOf({ close: { kind: 'action', action: 'close_conversation' } });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(actions(effects)).toEqual([{ type: 'close_conversation', nodeId: 'close' }]);
    expect(records(effects).at(-1)).toBe('ended@close(conversation_closed)');
    expect(state.status).toBe('ended');
  });

  it('go to flow: asks for the other flow and ends this one', () => {
    const f = flowOf({ go: { kind: 'action', action: 'go_to_flow', flowId: 'returns' } });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(actions(effects)).toEqual([{ type: 'go_to_flow', nodeId: 'go', flowId: 'returns' }]);
    expect(records(effects).at(-1)).toBe('ended@go(go_to_flow)');
    expect(state.status).toBe('ended');
  });

  describe('delay', () => {
    const f = flowOf({
      wait: { kind: 'action', action: 'delay', seconds: 3, next: 'after' },
      after: { kind: 'message', text: 'Still there?', next: null },
    });

    it('schedules the delay and waits as running', () => {
      const { state, effects } = drive(f, [{ type: 'start' }]);
      expect(actions(effects)).toEqual([{ type: 'schedule_delay', nodeId: 'wait', seconds: 3 }]);
      expect(state).toMatchObject({ status: 'running', nodeId: 'wait', awaiting: { kind: 'delay', until: contextOf().now + 3000 } });
    });

    it('goes on when the delay is over (or its timer times out)', () => {
      for (const event of [{ type: 'delay_elapsed' }, { type: 'timeout' }] as const) {
        const { last } = drive(f, [{ type: 'start' }, event]);
        expect(actions(last.effects)).toEqual([{ type: 'send_message', nodeId: 'after', text: 'Still there?' }]);
      }
    });
  });

  describe('call webhook', () => {
    const f = flowOf({
      email: { kind: 'question', field: 'email', prompt: 'Email?', retryMessage: 'Again?', next: 'hook' },
      hook: {
        kind: 'action',
        action: 'call_webhook',
        url: 'https://crm.example/orders?email={{contact.email}}',
        method: 'POST',
        body: '{"email":"{{contact.email}}","plan":"{{contact_property.plan}}","seats":"{{variable.seats}}","lang":"{{visitor_language}}"}',
        responseMapping: [
          { from: 'order.status', to: 'status' },
          { from: 'order.count', to: 'count' },
          { from: 'missing.path', to: 'nothing' },
        ],
        next: 'ok',
        onFailure: 'failed',
      },
      ok: { kind: 'message', text: 'Found it.', next: null },
      failed: { kind: 'message', text: 'Our system is down.', next: null },
    });
    const started = [{ type: 'start' }, { type: 'answer_given', text: 'jana+x@acme.cz' }] as const;
    const withPlan = contextOf({ language: 'cs', contact: { name: null, email: null, phone: null, properties: { plan: 'Pro "Max"' } } });

    it('calls the webhook with the template filled (escaped) and waits as running', () => {
      const { state, last } = drive(f, [...started], withPlan);
      expect(actions(last.effects).at(-1)).toEqual({
        type: 'call_webhook',
        nodeId: 'hook',
        url: 'https://crm.example/orders?email=jana%2Bx%40acme.cz',
        method: 'POST',
        body: '{"email":"jana+x@acme.cz","plan":"Pro \\"Max\\"","seats":"","lang":"cs"}',
      });
      const body = (actions(last.effects).at(-1) as { body: string }).body;
      expect(JSON.parse(body)).toEqual({ email: 'jana+x@acme.cz', plan: 'Pro "Max"', seats: '', lang: 'cs' });
      expect(state).toMatchObject({ status: 'running', awaiting: { kind: 'webhook' } });
    });

    it('on success: copies the mapped response values into variables and takes the success path', () => {
      const { state, last } = drive(f, [...started, { type: 'webhook_result', ok: true, data: { order: { status: 'shipped', count: 2 } } }]);
      expect(actions(last.effects)).toEqual([
        { type: 'set_variable', nodeId: 'hook', name: 'status', value: 'shipped' },
        { type: 'set_variable', nodeId: 'hook', name: 'count', value: 2 },
        { type: 'send_message', nodeId: 'ok', text: 'Found it.' },
      ]);
      expect(state.variables).toEqual({ status: 'shipped', count: 2 });
    });

    it('on failure or timeout: takes the failure path, never stuck', () => {
      for (const event of [{ type: 'webhook_result', ok: false }, { type: 'timeout' }] as const) {
        const { state, last } = drive(f, [...started, event]);
        expect(actions(last.effects)).toEqual([{ type: 'send_message', nodeId: 'failed', text: 'Our system is down.' }]);
        expect(state.status).toBe('ended');
      }
    });

    it('refuses a late result once the chatbot moved on', () => {
      const { state } = drive(f, [...started, { type: 'timeout' }]);
      const late = step(f, state, { type: 'webhook_result', ok: true }, contextOf());
      expect(late).toMatchObject({ ok: false, state, effects: [], error: { code: 'finished' } });
    });
  });
});
