import { flowTexts, type FlowDocument, type FlowTextEntry, type NodeTexts } from '@parley/flow';

/**
 * Language variants as the builder edits them: the same node ids, translated
 * texts stored under `variants[language]`.
 */

/** Adds an empty variant (a no-op for the default language or one that exists). */
export function addVariant(flow: FlowDocument, language: string): FlowDocument {
  const tag = language.trim();
  if (!tag || sameTag(tag, flow.defaultLanguage) || variantKey(flow, tag) !== undefined) return flow;
  return { ...flow, variants: { ...flow.variants, [tag]: { nodes: {} } } };
}

export function removeVariant(flow: FlowDocument, language: string): FlowDocument {
  const key = variantKey(flow, language);
  if (key === undefined) return flow;
  const { [key]: _dropped, ...variants } = flow.variants;
  return { ...flow, variants };
}

/** Whether `tag` looks like a language tag the schema accepts (`cs`, `pt-BR`). */
export function isLanguageTag(tag: string): boolean {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag.trim());
}

/** Normalised form for the add-variant input (`PT-br` → `pt-BR`). */
export function normaliseTag(tag: string): string {
  const [primary = '', ...rest] = tag.trim().replace(/_/g, '-').split('-');
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

/** The translation of one text in a variant ('' when missing). */
export function variantText(flow: FlowDocument, language: string, entry: Pick<FlowTextEntry, 'nodeId' | 'slot' | 'choiceId'>): string {
  const key = variantKey(flow, language);
  const variant = key === undefined ? undefined : flow.variants[key];
  if (!variant) return '';
  if (entry.nodeId === null) {
    if (entry.slot === 'handover_agents_online') return variant.handoverMessages?.agentsOnline ?? '';
    if (entry.slot === 'handover_no_agent_online') return variant.handoverMessages?.noAgentOnline ?? '';
    return '';
  }
  const texts = Object.hasOwn(variant.nodes, entry.nodeId) ? variant.nodes[entry.nodeId] : undefined;
  if (!texts) return '';
  switch (entry.slot) {
    case 'text':
      return texts.text ?? '';
    case 'link_label':
      return texts.linkLabel ?? '';
    case 'prompt':
      return texts.prompt ?? '';
    case 'retry_message':
      return texts.retryMessage ?? '';
    case 'human_choice':
      return texts.humanChoice ?? '';
    case 'choice':
      return (entry.choiceId !== undefined && texts.choices?.[entry.choiceId]) || '';
    default:
      return '';
  }
}

/** Sets (or, with '', clears) the translation of one text; creates the variant if needed. */
export function setVariantText(
  flow: FlowDocument,
  language: string,
  entry: Pick<FlowTextEntry, 'nodeId' | 'slot' | 'choiceId'>,
  value: string,
): FlowDocument {
  const withVariant = addVariant(flow, language);
  const key = variantKey(withVariant, language);
  if (key === undefined) return flow;
  const variant = withVariant.variants[key]!;
  let next = variant;
  if (entry.nodeId === null) {
    const field = entry.slot === 'handover_agents_online' ? 'agentsOnline' : entry.slot === 'handover_no_agent_online' ? 'noAgentOnline' : null;
    if (!field) return flow;
    const messages = { ...variant.handoverMessages };
    if (value === '') delete messages[field];
    else messages[field] = value;
    next = { ...variant, handoverMessages: messages };
  } else {
    const texts: NodeTexts = { ...(Object.hasOwn(variant.nodes, entry.nodeId) ? variant.nodes[entry.nodeId] : {}) };
    const put = (field: 'text' | 'linkLabel' | 'prompt' | 'retryMessage' | 'humanChoice') => {
      if (value === '') delete texts[field];
      else texts[field] = value;
    };
    switch (entry.slot) {
      case 'text':
        put('text');
        break;
      case 'link_label':
        put('linkLabel');
        break;
      case 'prompt':
        put('prompt');
        break;
      case 'retry_message':
        put('retryMessage');
        break;
      case 'human_choice':
        put('humanChoice');
        break;
      case 'choice': {
        if (entry.choiceId === undefined) return flow;
        const choices = { ...texts.choices };
        if (value === '') delete choices[entry.choiceId];
        else choices[entry.choiceId] = value;
        texts.choices = choices;
        break;
      }
      default:
        return flow;
    }
    next = { ...variant, nodes: { ...variant.nodes, [entry.nodeId]: texts } };
  }
  return { ...withVariant, variants: { ...withVariant.variants, [key]: next } };
}

/** The translatable texts of one node (or, for null, the flow's handover messages). */
export function textsOf(flow: FlowDocument, nodeId: string | null): FlowTextEntry[] {
  return flowTexts(flow).filter((entry) => entry.nodeId === nodeId);
}

export const SLOT_LABEL: Record<FlowTextEntry['slot'], string> = {
  text: 'Text',
  link_label: 'Link label',
  prompt: 'Question',
  retry_message: 'Retry message',
  choice: 'Button',
  human_choice: '"Talk to a human" button',
  handover_agents_online: 'Handover, agents online',
  handover_no_agent_online: 'Handover, no agent online',
};

function variantKey(flow: FlowDocument, language: string): string | undefined {
  return Object.keys(flow.variants).find((tag) => sameTag(tag, language));
}

function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
