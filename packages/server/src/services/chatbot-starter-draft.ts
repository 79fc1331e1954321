import { FLOW_SCHEMA_VERSION, FlowDocumentSchema, type FlowDocument, type FlowDocumentInput } from '@parley/flow';

/** Horizontal distance between the builder's columns, and vertical between rows. */
const COLUMN = 320;
const ROW = 180;

const topics = [
  { id: 'products', name: 'Products', label: 'Our products', text: 'Tell your visitors what you offer here.' },
  { id: 'pricing', name: 'Pricing', label: 'Pricing', text: 'Explain your prices or link to your pricing page here.' },
  { id: 'support', name: 'Support', label: 'I need help', text: 'Tell your visitors where to find help here.' },
] as const;

/**
 * The draft a new chatbot starts with: a welcome message, then buttons whose
 * choices each lead to a message and the end. Laid out left to right for the
 * builder. Publishable as it is (see the unit test).
 */
export function starterDraft(defaultLanguage: string): FlowDocument {
  const middle = ((topics.length - 1) * ROW) / 2;
  const nodes: FlowDocumentInput['nodes'] = {
    welcome: {
      kind: 'message',
      name: 'Welcome',
      position: { x: 0, y: middle },
      text: 'Hi! Welcome to our website.',
      next: 'menu',
    },
    menu: {
      kind: 'buttons',
      name: 'Main menu',
      position: { x: COLUMN, y: middle },
      text: 'How can we help you today?',
      choices: topics.map((t) => ({ id: t.id, label: t.label, next: t.id })),
    },
  };
  topics.forEach((t, i) => {
    nodes[t.id] = { kind: 'message', name: t.name, position: { x: 2 * COLUMN, y: i * ROW }, text: t.text, next: 'end' };
  });
  nodes.end = { kind: 'end', name: 'End', position: { x: 3 * COLUMN, y: middle } };
  return FlowDocumentSchema.parse({ schemaVersion: FLOW_SCHEMA_VERSION, startNodeId: 'welcome', defaultLanguage, nodes });
}
