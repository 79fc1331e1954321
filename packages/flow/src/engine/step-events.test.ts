import { describe, expect, it } from 'vitest';
import { PATH_MAX_ENTRIES, STEP_LIMIT_PER_EVENT } from '../limits.js';
import { actions, deepFreeze, drive, records } from '../testing/engine.js';
import { contextOf, flowOf, supportFlow } from '../testing/flows.js';
import { createFlowState } from './state.js';
import { step } from './step.js';

describe('step: events the chatbot did not expect', () => {
  const flow = supportFlow();
  const atMenu = drive(flow, [{ type: 'start' }]).state;
  const atQuestion = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'contact' }]).state;
  const ended = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'pricing' }]).state;

  it('ignores a button that is not on the current step (stale client, forged frame): same state, an error', () => {
    for (const choiceId of ['nope', 'done', 'ask_email']) {
      const result = step(flow, atMenu, { type: 'button_chosen', choiceId }, contextOf());
      expect(result).toEqual({
        ok: false,
        state: atMenu,
        effects: [],
        error: { code: 'unknown_choice', message: `"${choiceId}" is not a button of the current step` },
      });
      expect(result.state).toBe(atMenu);
    }
  });

  it('refuses a button while a question waits, and an answer while buttons wait', () => {
    expect(step(flow, atQuestion, { type: 'button_chosen', choiceId: 'pricing' }, contextOf())).toMatchObject({
      ok: false,
      state: atQuestion,
      error: { code: 'unexpected_event' },
    });
    expect(step(flow, atMenu, { type: 'answer_given', text: 'x' }, contextOf())).toMatchObject({ ok: false, state: atMenu, error: { code: 'unexpected_event' } });
    expect(step(flow, atMenu, { type: 'webhook_result', ok: true }, contextOf())).toMatchObject({ ok: false, error: { code: 'unexpected_event' } });
    expect(step(flow, atMenu, { type: 'delay_elapsed' }, contextOf())).toMatchObject({ ok: false, error: { code: 'unexpected_event' } });
  });

  it('starts only once', () => {
    expect(step(flow, atMenu, { type: 'start' }, contextOf())).toMatchObject({ ok: false, state: atMenu, effects: [], error: { code: 'already_started' } });
  });

  it('refuses visitor events before the start; an agent joining then changes nothing', () => {
    const fresh = createFlowState();
    expect(step(flow, fresh, { type: 'free_text_typed', text: 'hi' }, contextOf())).toMatchObject({ ok: false, state: fresh, error: { code: 'not_started' } });
    expect(step(flow, fresh, { type: 'agent_joined' }, contextOf())).toEqual({ ok: true, state: fresh, effects: [] });
  });

  it('refuses events after the end; an agent joining then changes nothing', () => {
    expect(step(flow, ended, { type: 'button_chosen', choiceId: 'pricing' }, contextOf())).toMatchObject({ ok: false, state: ended, error: { code: 'finished' } });
    expect(step(flow, ended, { type: 'timeout' }, contextOf())).toMatchObject({ ok: false, error: { code: 'finished' } });
    expect(step(flow, ended, { type: 'agent_joined' }, contextOf())).toEqual({ ok: true, state: ended, effects: [] });
  });

  it('refuses a state that does not belong to this flow', () => {
    const other = flowOf({ x: { kind: 'buttons', text: 'X', choices: [{ id: 'a', label: 'A', next: null }] } });
    expect(step(other, atMenu, { type: 'button_chosen', choiceId: 'a' }, contextOf())).toMatchObject({ ok: false, error: { code: 'unexpected_event' } });
  });
});

describe('step: the visitor bypasses the chatbot', () => {
  const flow = supportFlow();

  it('typing instead of choosing a button: recorded, handed over to a human, chatbot stops', () => {
    const { state, last } = drive(flow, [{ type: 'start' }, { type: 'free_text_typed', text: 'I want a refund' }]);
    expect(last.effects).toEqual([
      { type: 'chatbot_event', event: 'typed_instead', nodeId: 'menu' },
      { type: 'handover', nodeId: 'menu', reason: 'visitor_typed' },
      { type: 'chatbot_event', event: 'handover', nodeId: 'menu', reason: 'visitor_typed' },
      { type: 'send_message', nodeId: 'menu', text: 'Someone will reply shortly.' },
      { type: 'chatbot_event', event: 'ended', nodeId: 'menu', reason: 'handover' },
    ]);
    expect(state).toMatchObject({ status: 'handed_over', nodeId: 'menu', awaiting: { kind: 'nothing' }, handedOver: true, since: null });
  });

  it('typing while the chatbot waits for a webhook or a delay is bypassing it too', () => {
    const f = flowOf({
      wait: { kind: 'action', action: 'delay', seconds: 5, next: 'hook' },
      hook: { kind: 'action', action: 'call_webhook', url: 'https://api.example/x', next: null, onFailure: null },
    });
    expect(records(drive(f, [{ type: 'start' }, { type: 'free_text_typed', text: 'hello?' }]).last.effects)).toEqual([
      'typed_instead@wait', 'handover@wait(visitor_typed)', 'ended@wait(handover)',
    ]);
    const atHook = drive(f, [{ type: 'start' }, { type: 'delay_elapsed' }, { type: 'free_text_typed', text: 'hello?' }]);
    expect(atHook.state.status).toBe('handed_over');
  });

  it('sends no handover message when the flow has none', () => {
    const f = flowOf({ menu: { kind: 'buttons', text: 'Pick', choices: [{ id: 'a', label: 'A', next: null }] } });
    expect(actions(drive(f, [{ type: 'start' }, { type: 'free_text_typed', text: 'x' }]).last.effects)).toEqual([
      { type: 'handover', nodeId: 'menu', reason: 'visitor_typed' },
    ]);
  });
});

describe('step: timeouts and agents', () => {
  const flow = supportFlow();

  it('timeout while waiting for the visitor: the chatbot ends', () => {
    const { state, last } = drive(flow, [{ type: 'start' }, { type: 'timeout' }]);
    expect(last.effects).toEqual([{ type: 'chatbot_event', event: 'ended', nodeId: 'menu', reason: 'timeout' }]);
    expect(state).toMatchObject({ status: 'ended', awaiting: { kind: 'nothing' } });
  });

  it('an agent joining: the chatbot steps aside as handed over, without notifying anyone again', () => {
    const { state, last } = drive(flow, [{ type: 'start' }, { type: 'agent_joined' }]);
    expect(last.effects).toEqual([{ type: 'chatbot_event', event: 'ended', nodeId: 'menu', reason: 'agent_joined' }]);
    expect(state).toMatchObject({ status: 'handed_over', handedOver: true });
  });
});

describe('step: broken flows never leave the visitor stuck', () => {
  it(`stops a loop without interaction after ${STEP_LIMIT_PER_EVENT} steps and hands over`, () => {
    const f = flowOf({
      a: { kind: 'message', text: 'A', next: 'b' },
      b: { kind: 'action', action: 'add_tag', tag: 't', next: 'a' },
    });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(effects.filter((e) => e.type === 'chatbot_event' && e.event === 'node_reached')).toHaveLength(STEP_LIMIT_PER_EVENT);
    expect(actions(effects).slice(-2)).toEqual([
      { type: 'flow_error', nodeId: 'a', code: 'step_limit', message: `The chatbot ran through ${STEP_LIMIT_PER_EVENT} steps without waiting for the visitor` },
      { type: 'handover', nodeId: 'a', reason: 'flow_error' },
    ]);
    expect(records(effects).at(-1)).toBe('ended@a(flow_error)');
    expect(state.status).toBe('handed_over');
  });

  it('a long chain within the limit runs through', () => {
    const nodes: Record<string, { kind: 'message'; text: string; next: string | null }> = {};
    for (let i = 0; i < STEP_LIMIT_PER_EVENT; i++) nodes[`n${i}`] = { kind: 'message', text: `${i}`, next: i + 1 < STEP_LIMIT_PER_EVENT ? `n${i + 1}` : null };
    const { state } = drive(flowOf(nodes), [{ type: 'start' }]);
    expect(state).toMatchObject({ status: 'ended', nodeId: `n${STEP_LIMIT_PER_EVENT - 1}` });
  });

  it('an edge to a missing step: an error for the owner and a handover', () => {
    const f = flowOf({ menu: { kind: 'buttons', text: 'Pick', choices: [{ id: 'a', label: 'A', next: 'gone' }] } });
    const { state, last } = drive(f, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'a' }]);
    expect(actions(last.effects)).toEqual([
      { type: 'flow_error', nodeId: 'menu', code: 'missing_node', message: 'The next step "gone" does not exist' },
      { type: 'handover', nodeId: 'menu', reason: 'flow_error' },
    ]);
    expect(state.status).toBe('handed_over');
  });

  it('a missing start step, likewise', () => {
    const f = flowOf({ a: { kind: 'end' } }, { startNodeId: 'nowhere' });
    const { last } = drive(f, [{ type: 'start' }]);
    expect(records(last.effects)).toEqual(['triggered@nowhere', 'handover@nowhere(flow_error)', 'ended@nowhere(flow_error)']);
  });
});

describe('step: purity', () => {
  it('never changes the flow, the state or the context it is given', () => {
    const flow = deepFreeze(supportFlow());
    const context = deepFreeze(contextOf({ agentsOnline: false }));
    let state = deepFreeze(createFlowState({ variables: { from: 'other flow' } }));
    for (const event of [
      { type: 'start' },
      { type: 'button_chosen', choiceId: 'contact' },
      { type: 'answer_given', text: 'bad' },
      { type: 'answer_given', text: 'jana@acme.cz' },
    ] as const) {
      const result = step(flow, state, event, context);
      expect(result.ok).toBe(true);
      state = deepFreeze(result.state);
    }
    expect(state).toMatchObject({ status: 'ended', variables: { from: 'other flow' }, contact: { email: 'jana@acme.cz' } });
  });

  it('gives the same result for the same input', () => {
    const flow = supportFlow();
    const a = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'agent' }]);
    const b = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'agent' }]);
    expect(a).toEqual(b);
  });

  it(`keeps the last ${PATH_MAX_ENTRIES} visited steps`, () => {
    const f = flowOf({
      menu: { kind: 'buttons', text: 'Again?', choices: [{ id: 'again', label: 'Again', next: 'info' }] },
      info: { kind: 'message', text: 'Info', next: 'menu' },
    });
    const events = [{ type: 'start' } as const, ...Array.from({ length: PATH_MAX_ENTRIES }, () => ({ type: 'button_chosen', choiceId: 'again' }) as const)];
    const { state } = drive(f, events);
    expect(state.path).toHaveLength(PATH_MAX_ENTRIES);
    expect(state.path.at(-1)).toEqual({ nodeId: 'menu' });
    expect(state.path.at(-2)).toEqual({ nodeId: 'info' });
    expect(state.path.at(-3)).toEqual({ nodeId: 'menu', choiceId: 'again' });
  });
});
