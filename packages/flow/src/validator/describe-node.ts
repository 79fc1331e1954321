import type { FlowNode } from '../schema/nodes.js';

const SNIPPET_LENGTH = 40;

const ACTION_NAMES: Record<string, string> = {
  add_tag: 'add-tag action',
  remove_tag: 'remove-tag action',
  set_contact_property: 'set-property action',
  handover: 'handover',
  close_conversation: 'close-conversation action',
  open_url: 'open-URL action',
  delay: 'delay',
  call_webhook: 'webhook',
  go_to_flow: 'go-to-flow action',
};

/**
 * How a problem names a node, the way the builder shows it: its name when
 * it has one, else its kind and the start of its text (`the message
 * “Hello, how can we…”`), else its kind and id.
 */
export function describeNode(nodeId: string, node: FlowNode): string {
  const kind = kindName(node);
  if (node.name && node.name.trim() !== '') return `the ${kind} “${node.name.trim()}”`;
  const text = node.kind === 'message' || node.kind === 'buttons' ? node.text : node.kind === 'question' ? node.prompt : '';
  const snippet = text.replace(/\s+/g, ' ').trim();
  if (snippet === '') return `the ${kind} “${nodeId}”`;
  return `the ${kind} “${snippet.length > SNIPPET_LENGTH ? `${snippet.slice(0, SNIPPET_LENGTH).trimEnd()}…` : snippet}”`;
}

function kindName(node: FlowNode): string {
  switch (node.kind) {
    case 'message':
      return 'message';
    case 'buttons':
      return 'buttons step';
    case 'question':
      return 'question';
    case 'condition':
      return 'condition';
    case 'end':
      return 'end step';
    case 'action':
      return ACTION_NAMES[node.action] ?? 'action';
  }
}

/** `the message “Hi”` → `The message “Hi”`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
