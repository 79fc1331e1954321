import type { FlowVariant } from '../schema/language-variant.js';
import type { FlowTextEntry } from './flow-texts.js';

/** The variant's translation of one text, or undefined when it is missing or blank. */
export function translatedText(variant: FlowVariant, entry: Pick<FlowTextEntry, 'nodeId' | 'slot' | 'choiceId'>): string | undefined {
  const text = lookup(variant, entry);
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

function lookup(variant: FlowVariant, entry: Pick<FlowTextEntry, 'nodeId' | 'slot' | 'choiceId'>): string | undefined {
  if (entry.nodeId === null) {
    if (entry.slot === 'handover_agents_online') return variant.handoverMessages?.agentsOnline;
    if (entry.slot === 'handover_no_agent_online') return variant.handoverMessages?.noAgentOnline;
    return undefined;
  }
  const texts = Object.hasOwn(variant.nodes, entry.nodeId) ? variant.nodes[entry.nodeId] : undefined;
  if (!texts) return undefined;
  switch (entry.slot) {
    case 'text':
      return texts.text;
    case 'link_label':
      return texts.linkLabel;
    case 'prompt':
      return texts.prompt;
    case 'retry_message':
      return texts.retryMessage;
    case 'human_choice':
      return texts.humanChoice;
    case 'choice':
      return entry.choiceId !== undefined && texts.choices && Object.hasOwn(texts.choices, entry.choiceId)
        ? texts.choices[entry.choiceId]
        : undefined;
    default:
      return undefined;
  }
}
