import type { ActionNode } from '../schema/node-action.js';
import type { Draft, NodeOutcome } from './draft.js';
import { factsOf, setContactProperty } from './draft.js';
import { renderTemplate } from './render-template.js';
import { finish, handOver, wait } from './stops.js';

/**
 * Runs an action node. Synchronous actions emit their effect and go on;
 * `delay` and `call_webhook` wait for their result; `close_conversation`
 * and `go_to_flow` end this session.
 */
export function runAction(draft: Draft, nodeId: string, node: ActionNode): NodeOutcome {
  switch (node.action) {
    case 'add_tag':
    case 'remove_tag':
      draft.effects.push({ type: node.action, nodeId, tag: node.tag });
      return { next: node.next };
    case 'set_contact_property':
      setContactProperty(draft, nodeId, node.key, node.value);
      return { next: node.next };
    case 'open_url':
      draft.effects.push({ type: 'open_url', nodeId, url: node.url, newTab: node.newTab });
      return { next: node.next };
    case 'handover':
      handOver(draft, nodeId, 'handover_node', node);
      return { next: draft.context.agentsOnline ? node.agentsOnline : node.noAgentOnline };
    case 'close_conversation':
      draft.effects.push({ type: 'close_conversation', nodeId });
      return { stop: finish(draft, nodeId, 'conversation_closed') };
    case 'go_to_flow':
      draft.effects.push({ type: 'go_to_flow', nodeId, flowId: node.flowId });
      return { stop: finish(draft, nodeId, 'go_to_flow') };
    case 'delay':
      draft.effects.push({ type: 'schedule_delay', nodeId, seconds: node.seconds });
      return { stop: wait(draft, nodeId, { kind: 'delay', until: draft.context.now + node.seconds * 1000 }) };
    case 'call_webhook': {
      const facts = factsOf(draft);
      draft.effects.push({
        type: 'call_webhook',
        nodeId,
        url: renderTemplate(node.url, facts, 'url'),
        method: node.method,
        body: node.body === null ? null : renderTemplate(node.body, facts, 'json'),
      });
      return { stop: wait(draft, nodeId, { kind: 'webhook' }) };
    }
  }
}
