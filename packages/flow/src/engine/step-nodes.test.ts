import { describe, expect, it } from 'vitest';
import { resolveTexts } from '../language/resolve-texts.js';
import { actions, drive, records } from '../testing/engine.js';
import { contextOf, flowOf, supportFlow } from '../testing/flows.js';
import { FlowStateSchema } from './state.js';

describe('step: running a flow', () => {
  const flow = supportFlow();

  it('start: says the welcome message, shows the menu and waits for a button', () => {
    const { state, effects } = drive(flow, [{ type: 'start' }]);
    expect(records(effects)).toEqual(['triggered@welcome', 'node_reached@welcome', 'node_reached@menu']);
    expect(actions(effects)).toEqual([
      { type: 'send_message', nodeId: 'welcome', text: 'Hi! I am the Acme bot.' },
      {
        type: 'send_message',
        nodeId: 'menu',
        text: 'How can we help?',
        buttons: [
          { id: 'pricing', label: 'Pricing' },
          { id: 'contact', label: 'Contact me' },
          { id: 'agent', label: 'Chat with the team' },
          { id: 'human', label: 'Talk to a human', human: true },
        ],
      },
    ]);
    expect(state).toEqual({
      status: 'waiting',
      nodeId: 'menu',
      awaiting: { kind: 'button' },
      variables: {},
      contact: { properties: {} },
      path: [{ nodeId: 'welcome' }, { nodeId: 'menu' }],
      handedOver: false,
      since: contextOf().now,
    });
  });

  it('message: sends the text with its link and image, and goes on', () => {
    const f = flowOf({
      hello: { kind: 'message', text: 'Our catalogue', imageUrl: 'https://acme.example/c.png', link: { url: 'https://acme.example/c.pdf' }, next: 'bye' },
      bye: { kind: 'end' },
    });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(actions(effects)).toEqual([
      {
        type: 'send_message',
        nodeId: 'hello',
        text: 'Our catalogue',
        imageUrl: 'https://acme.example/c.png',
        link: { url: 'https://acme.example/c.pdf', label: 'https://acme.example/c.pdf' },
      },
    ]);
    expect(records(effects)).toEqual(['triggered@hello', 'node_reached@hello', 'node_reached@bye', 'ended@bye(end_node)']);
    expect(state).toMatchObject({ status: 'ended', nodeId: 'bye', awaiting: { kind: 'nothing' }, since: null });
  });

  it('buttons: the chosen button leads to its step, and the path remembers the choice', () => {
    const { state, effects } = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'pricing' }]);
    expect(records(effects).slice(3)).toEqual(['button_chosen@menu:pricing', 'node_reached@pricing', 'node_reached@bye', 'ended@bye(end_node)']);
    expect(actions(effects).at(-1)).toEqual({
      type: 'send_message',
      nodeId: 'pricing',
      text: 'Plans start at $10 a month.',
      link: { url: 'https://acme.example/pricing', label: 'See plans' },
    });
    expect(state.path).toEqual([{ nodeId: 'welcome' }, { nodeId: 'menu', choiceId: 'pricing' }, { nodeId: 'pricing' }, { nodeId: 'bye' }]);
    expect(state.status).toBe('ended');
  });

  it('buttons: "talk to a human" hands over to its group and stops, with the handover message', () => {
    const f = flowOf({
      menu: { kind: 'buttons', text: 'Hi', choices: [], humanChoice: { id: 'human', label: 'Human please', groupId: 'support' } },
    }, { handoverMessages: { agentsOnline: 'Someone will reply shortly.', noAgentOnline: 'Leave us your email.' } });
    const online = drive(f, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'human' }]);
    expect(actions(online.last.effects)).toEqual([
      { type: 'handover', nodeId: 'menu', reason: 'asked_for_human', groupId: 'support' },
      { type: 'send_message', nodeId: 'menu', text: 'Someone will reply shortly.' },
    ]);
    expect(records(online.last.effects)).toEqual(['button_chosen@menu:human', 'handover@menu(asked_for_human)', 'ended@menu(handover)']);
    expect(online.state).toMatchObject({ status: 'handed_over', handedOver: true, awaiting: { kind: 'nothing' } });

    const offline = drive(f, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'human' }], contextOf({ agentsOnline: false }));
    expect(actions(offline.last.effects)[1]).toEqual({ type: 'send_message', nodeId: 'menu', text: 'Leave us your email.' });
  });

  it('question: a valid email is stored on the contact and the flow goes on', () => {
    const { state, effects } = drive(flow, [
      { type: 'start' },
      { type: 'button_chosen', choiceId: 'contact' },
      { type: 'answer_given', text: ' Jana@Acme.CZ ' },
    ]);
    expect(actions(effects).slice(2)).toEqual([
      { type: 'send_message', nodeId: 'ask_email', text: 'What is your email?', question: { field: 'email', retry: false } },
      { type: 'store_contact', nodeId: 'ask_email', field: 'email', value: 'Jana@acme.cz' },
      { type: 'send_message', nodeId: 'thanks', text: 'Thanks! We will write to you.' },
    ]);
    expect(records(effects)).toContain('answer_given@ask_email');
    expect(state.contact).toEqual({ email: 'Jana@acme.cz', properties: {} });
  });

  it('question: number and text answers go to their variable or contact property; name to the contact', () => {
    const f = flowOf({
      seats: { kind: 'question', field: 'number', prompt: 'Seats?', retryMessage: 'A number?', saveTo: { kind: 'variable', name: 'seats' }, next: 'company' },
      company: { kind: 'question', field: 'text', prompt: 'Company?', retryMessage: 'Again?', saveTo: { kind: 'contact_property', key: 'company' }, next: 'name' },
      name: { kind: 'question', field: 'name', prompt: 'Name?', retryMessage: 'Again?', saveTo: { kind: 'variable', name: 'first' }, next: 'bye' },
      bye: { kind: 'end' },
    });
    const { state, effects } = drive(f, [
      { type: 'start' },
      { type: 'answer_given', text: '1 200' },
      { type: 'answer_given', text: 'Acme s.r.o.' },
      { type: 'answer_given', text: 'Jana' },
    ]);
    expect(actions(effects).filter((e) => e.type !== 'send_message')).toEqual([
      { type: 'set_variable', nodeId: 'seats', name: 'seats', value: 1200 },
      { type: 'set_contact_property', nodeId: 'company', key: 'company', value: 'Acme s.r.o.' },
      { type: 'store_contact', nodeId: 'name', field: 'name', value: 'Jana' },
      { type: 'set_variable', nodeId: 'name', name: 'first', value: 'Jana' },
    ]);
    expect(state.variables).toEqual({ seats: 1200, first: 'Jana' });
    expect(state.contact).toEqual({ name: 'Jana', properties: { company: 'Acme s.r.o.' } });
  });

  it('question: an invalid answer is not stored; the retry message asks again', () => {
    const { state, last } = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'contact' }, { type: 'answer_given', text: 'no way' }]);
    expect(last.effects).toEqual([
      { type: 'send_message', nodeId: 'ask_email', text: 'That does not look like an email. Try again?', question: { field: 'email', retry: true } },
    ]);
    expect(state).toMatchObject({ status: 'waiting', nodeId: 'ask_email', awaiting: { kind: 'answer', retries: 1 }, contact: { properties: {} } });
  });

  it('question: after the last retry a human takes over (the default)', () => {
    const events = [{ type: 'start' }, { type: 'button_chosen', choiceId: 'contact' }] as const;
    const wrong = { type: 'answer_given', text: 'nope' } as const;
    const { state, last } = drive(flow, [...events, wrong, wrong, wrong, wrong]);
    expect(records(last.effects)).toEqual(['handover@ask_email(invalid_answers)', 'ended@ask_email(handover)']);
    expect(actions(last.effects)).toEqual([
      { type: 'handover', nodeId: 'ask_email', reason: 'invalid_answers' },
      { type: 'send_message', nodeId: 'ask_email', text: 'Someone will reply shortly.' },
    ]);
    expect(state.status).toBe('handed_over');
    // three retries were offered before that
    const three = drive(flow, [...events, wrong, wrong, wrong]);
    expect(three.state.awaiting).toEqual({ kind: 'answer', retries: 3 });
  });

  it('question: with "continue", the flow goes on without the answer', () => {
    const f = flowOf({
      phone: { kind: 'question', field: 'phone', prompt: 'Phone?', retryMessage: 'Again?', maxRetries: 1, whenRetriesExhausted: 'continue', next: 'bye' },
      bye: { kind: 'message', text: 'Bye', next: null },
    });
    const { state, last } = drive(f, [{ type: 'start' }, { type: 'answer_given', text: 'x' }, { type: 'answer_given', text: 'y' }]);
    expect(actions(last.effects)).toEqual([{ type: 'send_message', nodeId: 'bye', text: 'Bye' }]);
    expect(records(last.effects)).toEqual(['node_reached@bye', 'ended@bye(no_next_step)']);
    expect(state).toMatchObject({ status: 'ended', contact: { properties: {} } });
  });

  it('question: free text typed while a question waits is its answer', () => {
    const { state } = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'contact' }, { type: 'free_text_typed', text: 'jana@acme.cz' }]);
    expect(state.contact.email).toBe('jana@acme.cz');
    expect(state.handedOver).toBe(false);
  });

  it('condition: the first branch that holds wins, else the else path', () => {
    const open = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'agent' }], contextOf({ officeHoursOpen: true }));
    expect(records(open.last.effects)).toContain('node_reached@handover');
    const closed = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'agent' }], contextOf({ officeHoursOpen: false }));
    expect(records(closed.last.effects)).toEqual(['button_chosen@menu:agent', 'node_reached@route', 'node_reached@closed', 'node_reached@ask_email']);
  });

  it('condition: sees what the session collected, over the contact the server knows', () => {
    const f = flowOf({
      plan: { kind: 'question', field: 'text', prompt: 'Plan?', retryMessage: 'Again?', saveTo: { kind: 'variable', name: 'plan' }, next: 'check' },
      check: {
        kind: 'condition',
        branches: [
          {
            id: 'pro_known',
            when: {
              match: 'all',
              conditions: [
                { field: { source: 'variable', name: 'plan' }, operator: 'is', value: 'pro' },
                { field: { source: 'contact', key: 'email' }, operator: 'contains', value: '@' },
              ],
            },
            next: 'yes',
          },
        ],
        else: 'no',
      },
      yes: { kind: 'end' },
      no: { kind: 'end' },
    });
    const known = contextOf({ contact: { name: null, email: 'a@b.cz', phone: null, properties: {} } });
    expect(drive(f, [{ type: 'start' }, { type: 'answer_given', text: 'Pro' }], known).state.nodeId).toBe('yes');
    expect(drive(f, [{ type: 'start' }, { type: 'answer_given', text: 'Pro' }]).state.nodeId).toBe('no');
    expect(drive(f, [{ type: 'start' }, { type: 'answer_given', text: 'Basic' }], known).state.nodeId).toBe('no');
  });

  it('condition: without branches goes to else', () => {
    const f = flowOf({ c: { kind: 'condition', branches: [], else: 'e' }, e: { kind: 'end' } });
    expect(drive(f, [{ type: 'start' }]).state.nodeId).toBe('e');
  });

  it('end: a step that leads nowhere ends the chatbot like an end step', () => {
    const f = flowOf({ only: { kind: 'message', text: 'Hi' } });
    const { state, effects } = drive(f, [{ type: 'start' }]);
    expect(records(effects)).toEqual(['triggered@only', 'node_reached@only', 'ended@only(no_next_step)']);
    expect(state.status).toBe('ended');
  });

  it('speaks the visitor language when given the resolved flow', () => {
    const { effects } = drive(resolveTexts(flow, 'cs'), [{ type: 'start' }]);
    expect(actions(effects).map((e) => (e.type === 'send_message' ? e.text : ''))).toEqual(['Ahoj! Jsem robot Acme.', 'Jak vám můžeme pomoci?']);
  });

  it('produces states that are plain JSON and match the state schema', () => {
    const { state } = drive(flow, [{ type: 'start' }, { type: 'button_chosen', choiceId: 'contact' }, { type: 'answer_given', text: 'jana@acme.cz' }]);
    expect(FlowStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
