import { describe, expect, it } from 'vitest';
import { supportFlow } from '../testing/flows.js';
import { flowTexts } from './flow-texts.js';
import { untranslatedTexts } from './untranslated-texts.js';

describe('untranslatedTexts', () => {
  const flow = supportFlow();

  it('lists the texts the Czech variant lacks, blank ones included', () => {
    const missing = untranslatedTexts(flow, 'cs').map(({ nodeId, slot, choiceId }) => ({ nodeId, slot, ...(choiceId ? { choiceId } : {}) }));
    expect(missing).toEqual([
      { nodeId: 'menu', slot: 'choice', choiceId: 'agent' },
      { nodeId: 'pricing', slot: 'link_label' },
      { nodeId: 'ask_email', slot: 'retry_message' },
      { nodeId: 'thanks', slot: 'text' },
      { nodeId: 'agent_soon', slot: 'text' },
      { nodeId: 'closed', slot: 'text' },
      { nodeId: null, slot: 'handover_no_agent_online' },
    ]);
  });

  it('gives the default text and its place in the document', () => {
    expect(untranslatedTexts(flow, 'cs')[0]).toEqual({
      nodeId: 'menu',
      slot: 'choice',
      choiceId: 'agent',
      path: ['nodes', 'menu', 'choices', 2, 'label'],
      text: 'Chat with the team',
    });
  });

  it('lists every text for a language without a variant, and nothing for the default language', () => {
    expect(untranslatedTexts(flow, 'de')).toEqual(flowTexts(flow));
    expect(untranslatedTexts(flow, 'en')).toEqual([]);
  });
});
