import type { FlowDocument } from '../schema/flow-document.js';
import type { FlowNode } from '../schema/nodes.js';
import type { FlowVariant } from '../schema/language-variant.js';
import { findVariant } from './find-variant.js';
import { translatedText } from './translated-text.js';

const cache = new WeakMap<FlowDocument, Map<string, FlowDocument>>();

/**
 * The flow with the texts of the variant serving `language` applied, each
 * missing text falling back to the default language. Same node ids, same
 * graph: this is what the engine runs for a visitor. Returns `flow` itself
 * when no variant applies. Results are memoised per flow object; treat them
 * as read-only.
 */
export function resolveTexts(flow: FlowDocument, language: string | null | undefined): FlowDocument {
  const found = findVariant(flow, language);
  if (!found) return flow;
  let byLanguage = cache.get(flow);
  if (!byLanguage) {
    byLanguage = new Map();
    cache.set(flow, byLanguage);
  }
  const cached = byLanguage.get(found.language);
  if (cached) return cached;
  const resolved = applyVariant(flow, found.variant);
  byLanguage.set(found.language, resolved);
  return resolved;
}

function applyVariant(flow: FlowDocument, variant: FlowVariant): FlowDocument {
  const nodes: Record<string, FlowNode> = {};
  for (const [nodeId, node] of Object.entries(flow.nodes)) nodes[nodeId] = translateNode(nodeId, node, variant);
  const handoverMessages = flow.handoverMessages && {
    agentsOnline: translatedText(variant, { nodeId: null, slot: 'handover_agents_online' }) ?? flow.handoverMessages.agentsOnline,
    noAgentOnline: translatedText(variant, { nodeId: null, slot: 'handover_no_agent_online' }) ?? flow.handoverMessages.noAgentOnline,
  };
  return { ...flow, nodes, handoverMessages };
}

function translateNode(nodeId: string, node: FlowNode, variant: FlowVariant): FlowNode {
  if (!Object.hasOwn(variant.nodes, nodeId)) return node;
  const t = (slot: 'text' | 'link_label' | 'prompt' | 'retry_message' | 'human_choice', fallback: string) =>
    translatedText(variant, { nodeId, slot }) ?? fallback;
  switch (node.kind) {
    case 'message':
      return {
        ...node,
        text: t('text', node.text),
        link: node.link && { ...node.link, label: t('link_label', node.link.label) },
      };
    case 'buttons':
      return {
        ...node,
        text: t('text', node.text),
        choices: node.choices.map((choice) => ({
          ...choice,
          label: translatedText(variant, { nodeId, slot: 'choice', choiceId: choice.id }) ?? choice.label,
        })),
        humanChoice: node.humanChoice && { ...node.humanChoice, label: t('human_choice', node.humanChoice.label) },
      };
    case 'question':
      return { ...node, prompt: t('prompt', node.prompt), retryMessage: t('retry_message', node.retryMessage) };
    default:
      return node;
  }
}
