import type { FlowDocument } from '@parley/flow';

/** A small valid flow: welcome → menu (pricing | contact) → ask email → tag → end. */
export function sampleFlow(): FlowDocument {
  return {
    schemaVersion: 1,
    startNodeId: 'welcome',
    defaultLanguage: 'en',
    nodes: {
      welcome: { kind: 'message', text: 'Hi!', imageUrl: null, link: null, next: 'menu', position: { x: 0, y: 0 } },
      menu: {
        kind: 'buttons',
        text: 'How can we help?',
        choices: [
          { id: 'pricing', label: 'Pricing', next: 'bye' },
          { id: 'contact', label: 'Contact me', next: 'ask' },
        ],
        humanChoice: null,
      },
      ask: {
        kind: 'question',
        field: 'email',
        prompt: 'Your email?',
        retryMessage: 'That is not an email.',
        saveTo: null,
        maxRetries: 3,
        whenRetriesExhausted: 'handover',
        next: 'tag',
      },
      tag: { kind: 'action', action: 'add_tag', tag: 'lead', next: 'bye' },
      bye: { kind: 'end' },
    },
    variants: {},
    handoverMessages: null,
  };
}
