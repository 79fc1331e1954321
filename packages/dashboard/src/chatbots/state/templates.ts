import type { ActionNode, ActionType, FlowNode, NodeKind } from '@parley/flow';

/** What the palette offers. Actions are added as one kind and switched in the side panel. */
export const PALETTE: { kind: NodeKind; label: string; hint: string }[] = [
  { kind: 'message', label: 'Message', hint: 'Say something and go on' },
  { kind: 'buttons', label: 'Buttons', hint: 'Offer choices and wait' },
  { kind: 'question', label: 'Question', hint: 'Ask and store the answer' },
  { kind: 'condition', label: 'Condition', hint: 'Branch on data' },
  { kind: 'action', label: 'Action', hint: 'Tag, handover, webhook…' },
  { kind: 'end', label: 'End', hint: 'Stop the chatbot' },
];

export const KIND_LABEL: Record<NodeKind, string> = {
  message: 'Message',
  buttons: 'Buttons',
  question: 'Question',
  condition: 'Condition',
  action: 'Action',
  end: 'End',
};

export const ACTION_LABEL: Record<ActionType, string> = {
  add_tag: 'Add tag',
  remove_tag: 'Remove tag',
  set_contact_property: 'Set contact property',
  handover: 'Hand over to a human',
  close_conversation: 'Close conversation',
  open_url: 'Open a web page',
  delay: 'Wait',
  call_webhook: 'Call a webhook',
  go_to_flow: 'Go to another chatbot',
};

export const ACTION_TYPES = Object.keys(ACTION_LABEL) as ActionType[];

/** A fresh node of a kind, with empty texts for the user to fill in. */
export function createNode(kind: NodeKind, choiceId = 'choice_1'): FlowNode {
  switch (kind) {
    case 'message':
      return { kind, text: '', imageUrl: null, link: null, next: null };
    case 'buttons':
      return { kind, text: '', choices: [{ id: choiceId, label: '', next: null }], humanChoice: null };
    case 'question':
      return {
        kind,
        field: 'email',
        prompt: '',
        retryMessage: '',
        saveTo: null,
        maxRetries: 3,
        whenRetriesExhausted: 'handover',
        next: null,
      };
    case 'condition':
      return {
        kind,
        branches: [
          {
            id: 'branch_1',
            when: { match: 'all', conditions: [{ field: { source: 'agents_online' }, operator: 'is_true' }] },
            next: null,
          },
        ],
        else: null,
      };
    case 'action':
      return createAction('add_tag');
    case 'end':
      return { kind };
  }
}

/** A fresh action node of one type. */
export function createAction(action: ActionType): ActionNode {
  const kind = 'action' as const;
  switch (action) {
    case 'add_tag':
    case 'remove_tag':
      return { kind, action, tag: '', next: null };
    case 'set_contact_property':
      return { kind, action, key: '', value: '', next: null };
    case 'handover':
      return { kind, action, groupId: null, agentId: null, agentsOnline: null, noAgentOnline: null };
    case 'close_conversation':
      return { kind, action };
    case 'open_url':
      return { kind, action, url: '', newTab: true, next: null };
    case 'delay':
      return { kind, action, seconds: 5, next: null };
    case 'call_webhook':
      return { kind, action, url: '', method: 'POST', body: null, responseMapping: [], next: null, onFailure: null };
    case 'go_to_flow':
      return { kind, action, flowId: '' };
  }
}
