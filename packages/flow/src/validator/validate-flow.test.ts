import { describe, expect, it } from 'vitest';
import { REGEX_MAX_LENGTH } from '../limits.js';
import { supportFlowInput } from '../testing/flows.js';
import type { Problem, ProblemCode } from './problem.js';
import { validateFlow } from './validate-flow.js';

/** The support flow as plain JSON, to break in one place per test. */
function doc(): any {
  return JSON.parse(JSON.stringify(supportFlowInput()));
}

function only(problems: Problem[], code: ProblemCode): Problem[] {
  return problems.filter((p) => p.code === code);
}

describe('validateFlow', () => {
  it('accepts a complete flow', () => {
    expect(validateFlow(supportFlowInput())).toEqual([]);
  });

  it('schema: lists the mistakes of a document that does not fit the schema, with paths', () => {
    const d = doc();
    d.nodes.menu.choices[0].label = 7;
    d.nodes.bye = { kind: 'finish' };
    const problems = validateFlow(d);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'schema', nodeId: 'menu', path: ['nodes', 'menu', 'choices', 0, 'label'] }),
      expect.objectContaining({ code: 'schema', nodeId: 'bye', path: ['nodes', 'bye', 'kind'] }),
    ]);
  });

  it('unsupported_version: refuses a document from a newer format', () => {
    expect(validateFlow({ ...doc(), schemaVersion: 9 })).toMatchObject([{ code: 'unsupported_version', nodeId: null }]);
  });

  it('unknown_start_node: the start points nowhere', () => {
    const d = doc();
    d.startNodeId = 'nowhere';
    const problems = validateFlow(d);
    expect(only(problems, 'unknown_start_node')).toEqual([
      {
        nodeId: null,
        path: ['startNodeId'],
        code: 'unknown_start_node',
        message: 'The chatbot starts at a step that does not exist (“nowhere”): choose its first step.',
      },
    ]);
    expect(only(problems, 'unreachable_node')).toEqual([]); // not every node at once
    expect(problems[0]!.code).toBe('unknown_start_node'); // flow-level problems come first
  });

  it('missing_target: an outlet that is not connected', () => {
    const d = doc();
    d.nodes.thanks.next = null;
    d.nodes.menu.choices[0].next = null;
    d.nodes.route.else = null;
    d.nodes.route.branches[0].next = null;
    const problems = only(validateFlow(d), 'missing_target');
    expect(problems.map((p) => [p.nodeId, p.path, p.message])).toEqual([
      ['menu', ['nodes', 'menu', 'choices', 0, 'next'], 'The button “Pricing” of the buttons step “How can we help?” does not lead to any step.'],
      ['thanks', ['nodes', 'thanks', 'next'], 'The message “Thanks! We will write to you.” does not lead to any step.'],
      ['route', ['nodes', 'route', 'branches', 0, 'next'], 'Branch 1 of the condition “route” does not lead to any step.'],
      ['route', ['nodes', 'route', 'else'], 'The “otherwise” path of the condition “route” does not lead to any step.'],
    ]);
  });

  it('dangling_target: an edge to a deleted step', () => {
    const d = doc();
    d.nodes.menu.choices[1].next = 'deleted';
    expect(only(validateFlow(d), 'dangling_target')).toEqual([
      {
        nodeId: 'menu',
        path: ['nodes', 'menu', 'choices', 1, 'next'],
        code: 'dangling_target',
        message: 'The button “Contact me” of the buttons step “How can we help?” leads to a step that no longer exists (“deleted”).',
      },
    ]);
  });

  it('unreachable_node: a step nothing leads to', () => {
    const d = doc();
    d.nodes.orphan = { kind: 'message', name: 'Old promo', text: 'Sale!', next: 'bye' };
    expect(only(validateFlow(d), 'unreachable_node')).toEqual([
      {
        nodeId: 'orphan',
        path: ['nodes', 'orphan'],
        code: 'unreachable_node',
        message: 'The message “Old promo” can never be reached from the start: connect it or delete it.',
      },
    ]);
  });

  it('empty_text: messages, buttons, questions and handover messages need text', () => {
    const d = doc();
    d.nodes.welcome.text = '  ';
    d.nodes.menu.text = '';
    d.nodes.ask_email.prompt = '';
    d.nodes.ask_email.retryMessage = '';
    d.handoverMessages.noAgentOnline = '';
    d.nodes.pricing.link.label = ''; // a link may show its URL
    const problems = only(validateFlow(d), 'empty_text');
    expect(problems.map((p) => [p.nodeId, p.path.at(-1), p.message])).toEqual([
      [null, 'noAgentOnline', 'The handover message for when no agent is online is empty.'],
      ['welcome', 'text', 'The message “Welcome” has no text.'],
      ['menu', 'text', 'The buttons step “menu” has no text.'],
      ['ask_email', 'prompt', 'The question “ask_email” does not ask anything: its question is empty.'],
      ['ask_email', 'retryMessage', 'The question “ask_email” has no message for an invalid answer.'],
    ]);
  });

  it('empty_text: a question without retries needs no retry message', () => {
    const d = doc();
    d.nodes.ask_email.retryMessage = '';
    d.nodes.ask_email.maxRetries = 0;
    expect(validateFlow(d)).toEqual([]);
  });

  it('empty_choice_label: every button needs a label', () => {
    const d = doc();
    d.nodes.menu.choices[2].label = '';
    d.nodes.menu.humanChoice.label = ' ';
    expect(only(validateFlow(d), 'empty_choice_label').map((p) => [p.path, p.message])).toEqual([
      [['nodes', 'menu', 'choices', 2, 'label'], 'A button of the buttons step “How can we help?” has no label.'],
      [['nodes', 'menu', 'humanChoice', 'label'], 'The “talk to a human” button of the buttons step “How can we help?” has no label.'],
    ]);
  });

  it('no_choices: a buttons step without buttons', () => {
    const d = doc();
    d.nodes.menu.choices = [];
    d.nodes.menu.humanChoice = null;
    expect(only(validateFlow(d), 'no_choices')).toMatchObject([{ nodeId: 'menu', path: ['nodes', 'menu', 'choices'], message: 'The buttons step “How can we help?” has no buttons.' }]);
  });

  it('duplicate_choice_id: two buttons with one id (the human button included)', () => {
    const d = doc();
    d.nodes.menu.choices[1].id = 'pricing';
    d.nodes.menu.humanChoice.id = 'agent';
    expect(only(validateFlow(d), 'duplicate_choice_id').map((p) => p.path)).toEqual([
      ['nodes', 'menu', 'choices', 1, 'id'],
      ['nodes', 'menu', 'humanChoice', 'id'],
    ]);
  });

  it('no_branches and duplicate_branch_id', () => {
    const d = doc();
    d.nodes.route.branches = [];
    expect(only(validateFlow(d), 'no_branches')).toMatchObject([{ nodeId: 'route', message: 'The condition “route” has no branches: add at least one.' }]);
    const e = doc();
    e.nodes.route.branches.push({ ...e.nodes.route.branches[0] });
    expect(only(validateFlow(e), 'duplicate_branch_id')).toMatchObject([{ nodeId: 'route', path: ['nodes', 'route', 'branches', 1, 'id'] }]);
  });

  it('empty_condition_group: a branch (or a nested group) without conditions', () => {
    const d = doc();
    d.nodes.route.branches[0].when.conditions.push({ match: 'any', conditions: [] });
    expect(only(validateFlow(d), 'empty_condition_group')).toEqual([
      {
        nodeId: 'route',
        path: ['nodes', 'route', 'branches', 0, 'when', 'conditions', 1],
        code: 'empty_condition_group',
        message: 'Branch 1 of the condition “route” has an empty group of conditions.',
      },
    ]);
  });

  it('missing_handover_branch: a handover needs both the agents-online and the no-agent path', () => {
    const d = doc();
    d.nodes.handover.agentsOnline = null;
    d.nodes.handover.noAgentOnline = null;
    expect(only(validateFlow(d), 'missing_handover_branch').map((p) => p.message)).toEqual([
      'The handover “handover” needs a next step for when an agent is online.',
      'The handover “handover” needs a next step for when no agent is online.',
    ]);
  });

  it('missing_failure_branch: a webhook needs a path for when it fails', () => {
    const d = doc();
    d.nodes.thanks.next = 'hook';
    d.nodes.hook = { kind: 'action', action: 'call_webhook', name: 'CRM', url: 'https://crm.example/leads', next: 'bye' };
    expect(only(validateFlow(d), 'missing_failure_branch')).toEqual([
      { nodeId: 'hook', path: ['nodes', 'hook', 'onFailure'], code: 'missing_failure_branch', message: 'The webhook “CRM” needs a next step for when the call fails.' },
    ]);
  });

  it('missing_save_target: number and text answers need somewhere to go', () => {
    const d = doc();
    d.nodes.ask_email.field = 'number';
    expect(only(validateFlow(d), 'missing_save_target')).toMatchObject([{ nodeId: 'ask_email', path: ['nodes', 'ask_email', 'saveTo'] }]);
    d.nodes.ask_email.saveTo = { kind: 'variable', name: 'seats' };
    expect(only(validateFlow(d), 'missing_save_target')).toEqual([]);
  });

  it('invalid_regex and regex_too_long: patterns are checked before publishing', () => {
    const d = doc();
    const field = { source: 'variable', name: 'order' };
    d.nodes.route.branches[0].when.conditions.push(
      { field, operator: 'regex', value: '(unclosed' },
      { match: 'any', conditions: [{ field, operator: 'regex', value: 'x'.repeat(REGEX_MAX_LENGTH + 1) }] },
      { field, operator: 'regex', value: '(a)\\1' },
      { field, operator: 'regex', value: '^ORD-\\d{6}$' },
    );
    const problems = validateFlow(d).filter((p) => p.code === 'invalid_regex' || p.code === 'regex_too_long');
    expect(problems.map((p) => [p.code, p.path.slice(5)])).toEqual([
      ['invalid_regex', ['conditions', 1, 'value']],
      ['regex_too_long', ['conditions', 2, 'conditions', 0, 'value']],
      ['invalid_regex', ['conditions', 3, 'value']],
    ]);
    expect(problems[0]!.message).toBe('The pattern in branch 1 of the condition “route” cannot be used: missing ")".');
    expect(problems[2]!.message).toContain('back-references are not supported');
  });

  it('interaction_free_cycle: a loop without buttons or a question', () => {
    const d = doc();
    d.nodes.agent_soon.next = 'tag';
    d.nodes.tag = { kind: 'action', action: 'add_tag', tag: 'looping', next: 'agent_soon' };
    const problems = only(validateFlow(d), 'interaction_free_cycle');
    expect(problems).toEqual([
      {
        nodeId: 'agent_soon',
        path: ['nodes', 'agent_soon'],
        code: 'interaction_free_cycle',
        message: 'The message “An agent will reply shortly.”, the add-tag action “tag” form a loop without buttons or a question: the chatbot would repeat them forever.',
      },
    ]);
  });

  it('interaction_free_cycle: a step that leads to itself', () => {
    const d = doc();
    d.nodes.thanks.next = 'thanks';
    expect(only(validateFlow(d), 'interaction_free_cycle')).toMatchObject([{ nodeId: 'thanks', message: expect.stringContaining('leads back to itself') }]);
  });

  it('accepts loops that wait for the visitor (back to the menu)', () => {
    const d = doc();
    d.nodes.pricing.next = 'menu';
    d.nodes.closed.next = 'ask_email';
    expect(validateFlow(d)).toEqual([]);
  });

  it('reports every problem at once, flow-level first, then node by node in document order', () => {
    const d = doc();
    d.startNodeId = 'nowhere';
    d.nodes.menu.choices = [];
    d.nodes.menu.humanChoice = null;
    d.nodes.welcome.text = '';
    const codes = validateFlow(d).map((p) => [p.nodeId, p.code]);
    expect(codes).toEqual([
      [null, 'unknown_start_node'],
      ['welcome', 'empty_text'],
      ['menu', 'no_choices'],
    ]);
  });
});
