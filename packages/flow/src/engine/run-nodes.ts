import { evaluateGroup } from '../conditions/evaluate-condition.js';
import { getNode } from '../graph/get-node.js';
import { STEP_LIMIT_PER_EVENT } from '../limits.js';
import type { ButtonsNode } from '../schema/node-buttons.js';
import type { ConditionNode } from '../schema/node-condition.js';
import type { MessageNode } from '../schema/node-message.js';
import type { FlowNode } from '../schema/nodes.js';
import type { Draft, NodeOutcome } from './draft.js';
import { factsOf, reach } from './draft.js';
import type { FlowEffect, MessageButton } from './effects.js';
import { runAction } from './run-action.js';
import type { FlowState } from './state.js';
import { fault, finish, wait } from './stops.js';

/**
 * Runs the flow from `target` through every node that needs nobody —
 * messages, conditions, synchronous actions — until it needs the visitor
 * (buttons, question), an asynchronous result (webhook, delay), or stops.
 * `from` is the node whose edge led here (null at the start). At most
 * `STEP_LIMIT_PER_EVENT` nodes are run; beyond that the flow is treated as
 * broken (a loop without any interaction).
 */
export function runFrom(draft: Draft, target: string | null, from: string | null): FlowState {
  let current = target;
  let previous = from;
  for (let steps = 0; ; steps++) {
    if (current === null) return finish(draft, previous ?? draft.flow.startNodeId, 'no_next_step');
    const node = getNode(draft.flow, current);
    if (!node) {
      return fault(draft, previous ?? current, 'missing_node', `The next step "${current}" does not exist`);
    }
    if (steps >= STEP_LIMIT_PER_EVENT) {
      return fault(draft, current, 'step_limit', `The chatbot ran through ${STEP_LIMIT_PER_EVENT} steps without waiting for the visitor`);
    }
    reach(draft, current);
    const outcome = runNode(draft, current, node);
    if ('stop' in outcome) return outcome.stop;
    previous = current;
    current = outcome.next;
  }
}

function runNode(draft: Draft, nodeId: string, node: FlowNode): NodeOutcome {
  switch (node.kind) {
    case 'message':
      draft.effects.push(messageEffect(nodeId, node));
      return { next: node.next };
    case 'buttons':
      draft.effects.push({ type: 'send_message', nodeId, text: node.text, buttons: buttonsOf(node) });
      return { stop: wait(draft, nodeId, { kind: 'button' }) };
    case 'question':
      draft.effects.push({ type: 'send_message', nodeId, text: node.prompt, question: { field: node.field, retry: false } });
      return { stop: wait(draft, nodeId, { kind: 'answer', retries: 0 }) };
    case 'condition':
      return { next: chooseBranch(draft, node) };
    case 'action':
      return runAction(draft, nodeId, node);
    case 'end':
      return { stop: finish(draft, nodeId, 'end_node') };
  }
}

function messageEffect(nodeId: string, node: MessageNode): FlowEffect {
  return {
    type: 'send_message',
    nodeId,
    text: node.text,
    ...(node.imageUrl ? { imageUrl: node.imageUrl } : {}),
    ...(node.link ? { link: { url: node.link.url, label: node.link.label || node.link.url } } : {}),
  };
}

function buttonsOf(node: ButtonsNode): MessageButton[] {
  const buttons: MessageButton[] = node.choices.map((choice) => ({ id: choice.id, label: choice.label }));
  if (node.humanChoice) buttons.push({ id: node.humanChoice.id, label: node.humanChoice.label, human: true });
  return buttons;
}

/** The first branch whose conditions hold, else `else`. */
function chooseBranch(draft: Draft, node: ConditionNode): string | null {
  if (node.branches.length === 0) return node.else;
  const facts = factsOf(draft);
  for (const branch of node.branches) if (evaluateGroup(branch.when, facts)) return branch.next;
  return node.else;
}
