import type { FlowDocument } from '../schema/flow-document.js';

/** Which text of the flow: each slot maps to one field of a node (or of the handover messages). */
export type TextSlot =
  | 'text'
  | 'link_label'
  | 'prompt'
  | 'retry_message'
  | 'choice'
  | 'human_choice'
  | 'handover_agents_online'
  | 'handover_no_agent_online';

/** One translatable text of a flow, in the flow's default language. */
export interface FlowTextEntry {
  /** The node it belongs to; null for the flow's handover messages. */
  nodeId: string | null;
  slot: TextSlot;
  /** For `choice`: which button. */
  choiceId?: string;
  /** Where the text is in the document. */
  path: (string | number)[];
  text: string;
}

/** Every text the chatbot may say or show, in document order. */
export function flowTexts(flow: Pick<FlowDocument, 'nodes' | 'handoverMessages'>): FlowTextEntry[] {
  const entries: FlowTextEntry[] = [];
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    const at = (...rest: (string | number)[]) => ['nodes', nodeId, ...rest];
    switch (node.kind) {
      case 'message':
        entries.push({ nodeId, slot: 'text', path: at('text'), text: node.text });
        if (node.link) entries.push({ nodeId, slot: 'link_label', path: at('link', 'label'), text: node.link.label });
        break;
      case 'buttons':
        entries.push({ nodeId, slot: 'text', path: at('text'), text: node.text });
        node.choices.forEach((choice, i) =>
          entries.push({ nodeId, slot: 'choice', choiceId: choice.id, path: at('choices', i, 'label'), text: choice.label }),
        );
        if (node.humanChoice) {
          entries.push({ nodeId, slot: 'human_choice', path: at('humanChoice', 'label'), text: node.humanChoice.label });
        }
        break;
      case 'question':
        entries.push({ nodeId, slot: 'prompt', path: at('prompt'), text: node.prompt });
        entries.push({ nodeId, slot: 'retry_message', path: at('retryMessage'), text: node.retryMessage });
        break;
      default:
        break;
    }
  }
  if (flow.handoverMessages) {
    const m = flow.handoverMessages;
    entries.push({ nodeId: null, slot: 'handover_agents_online', path: ['handoverMessages', 'agentsOnline'], text: m.agentsOnline });
    entries.push({ nodeId: null, slot: 'handover_no_agent_online', path: ['handoverMessages', 'noAgentOnline'], text: m.noAgentOnline });
  }
  return entries;
}
