/** Flows and contexts shared by the tests (not part of the package build). */
import { FlowDocumentSchema, type FlowDocument, type FlowDocumentInput } from '../schema/flow-document.js';
import type { FlowNodeInput } from '../schema/nodes.js';
import type { FlowContext } from '../engine/context.js';

/** A flow from a few nodes, with the schema's defaults applied. */
export function flowOf(
  nodes: Record<string, FlowNodeInput>,
  extra: Partial<Omit<FlowDocumentInput, 'nodes'>> = {},
): FlowDocument {
  return FlowDocumentSchema.parse({
    schemaVersion: 1,
    startNodeId: Object.keys(nodes)[0] ?? 'start',
    defaultLanguage: 'en',
    ...extra,
    nodes,
  });
}

export function contextOf(overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    agentsOnline: true,
    officeHoursOpen: true,
    language: 'en',
    contact: { name: null, email: null, phone: null, properties: {} },
    now: 1_700_000_000_000,
    ...overrides,
  };
}

/**
 * A support chatbot touching every common feature: a welcome message, a menu
 * with a "talk to a human" button, an email question, an office-hours
 * condition, a handover with both branches, a Czech variant.
 */
export function supportFlowInput(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    startNodeId: 'welcome',
    defaultLanguage: 'en',
    nodes: {
      welcome: { kind: 'message', name: 'Welcome', text: 'Hi! I am the Acme bot.', next: 'menu' },
      menu: {
        kind: 'buttons',
        text: 'How can we help?',
        choices: [
          { id: 'pricing', label: 'Pricing', next: 'pricing' },
          { id: 'contact', label: 'Contact me', next: 'ask_email' },
          { id: 'agent', label: 'Chat with the team', next: 'route' },
        ],
        humanChoice: { id: 'human', label: 'Talk to a human' },
      },
      pricing: { kind: 'message', text: 'Plans start at $10 a month.', link: { url: 'https://acme.example/pricing', label: 'See plans' }, next: 'bye' },
      ask_email: {
        kind: 'question',
        field: 'email',
        prompt: 'What is your email?',
        retryMessage: 'That does not look like an email. Try again?',
        next: 'thanks',
      },
      thanks: { kind: 'message', text: 'Thanks! We will write to you.', next: 'bye' },
      route: {
        kind: 'condition',
        branches: [
          {
            id: 'open',
            when: { match: 'all', conditions: [{ field: { source: 'office_hours_open' }, operator: 'is_true' }] },
            next: 'handover',
          },
        ],
        else: 'closed',
      },
      handover: { kind: 'action', action: 'handover', groupId: 'sales', agentsOnline: 'agent_soon', noAgentOnline: 'ask_email' },
      agent_soon: { kind: 'message', text: 'An agent will reply shortly.', next: 'bye' },
      closed: { kind: 'message', text: 'We are closed now.', next: 'ask_email' },
      bye: { kind: 'end' },
    },
    variants: {
      cs: {
        nodes: {
          welcome: { text: 'Ahoj! Jsem robot Acme.' },
          menu: { text: 'Jak vám můžeme pomoci?', choices: { pricing: 'Ceník', contact: 'Kontaktujte mě' }, humanChoice: 'Mluvit s člověkem' },
          pricing: { text: 'Tarify začínají na 10 $ měsíčně.' },
          ask_email: { prompt: 'Jaký je váš e-mail?', retryMessage: '' },
        },
        handoverMessages: { agentsOnline: 'Někdo vám brzy odpoví.' },
      },
    },
    handoverMessages: {
      agentsOnline: 'Someone will reply shortly.',
      noAgentOnline: 'Nobody is online right now; leave your email and we will write back.',
    },
  };
}

export function supportFlow(): FlowDocument {
  return FlowDocumentSchema.parse(supportFlowInput());
}
