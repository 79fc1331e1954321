import { describe, expect, it } from 'vitest';
import { supportFlow } from '../testing/flows.js';
import { chooseLanguage } from './choose-language.js';
import { availableLanguages } from './available-languages.js';
import { resolveTexts } from './resolve-texts.js';

describe('resolveTexts', () => {
  const flow = supportFlow();

  it('gives a Czech browser the Czech texts, falling back to English text by text', () => {
    const { chatbotLanguage } = chooseLanguage({ browserLanguages: ['cs-CZ'], workspaceDefault: 'en', available: availableLanguages(flow) });
    const cs = resolveTexts(flow, chatbotLanguage);
    expect(cs.nodes.welcome).toMatchObject({ text: 'Ahoj! Jsem robot Acme.' });
    expect(cs.nodes.menu).toMatchObject({
      text: 'Jak vám můžeme pomoci?',
      choices: [
        { id: 'pricing', label: 'Ceník', next: 'pricing' },
        { id: 'contact', label: 'Kontaktujte mě', next: 'ask_email' },
        { id: 'agent', label: 'Chat with the team', next: 'route' }, // untranslated: English
      ],
      humanChoice: { id: 'human', label: 'Mluvit s člověkem' },
    });
    // A blank translation falls back too.
    expect(cs.nodes.ask_email).toMatchObject({ prompt: 'Jaký je váš e-mail?', retryMessage: 'That does not look like an email. Try again?' });
    expect(cs.nodes.pricing).toMatchObject({ text: 'Tarify začínají na 10 $ měsíčně.', link: { label: 'See plans' } });
    expect(cs.handoverMessages).toEqual({
      agentsOnline: 'Někdo vám brzy odpoví.',
      noAgentOnline: 'Nobody is online right now; leave your email and we will write back.',
    });
  });

  it('keeps the graph: same node ids, same edges', () => {
    const cs = resolveTexts(flow, 'cs');
    expect(Object.keys(cs.nodes)).toEqual(Object.keys(flow.nodes));
    expect(cs.startNodeId).toBe(flow.startNodeId);
    expect(cs.nodes.route).toBe(flow.nodes.route);
  });

  it('gives a French browser the default language', () => {
    const { chatbotLanguage } = chooseLanguage({ browserLanguages: ['fr'], workspaceDefault: 'en', available: availableLanguages(flow) });
    expect(resolveTexts(flow, chatbotLanguage)).toBe(flow);
    expect(resolveTexts(flow, 'fr')).toBe(flow);
    expect(resolveTexts(flow, 'en')).toBe(flow);
  });

  it('does not change the flow it was given', () => {
    const before = JSON.stringify(flow);
    resolveTexts(flow, 'cs');
    expect(JSON.stringify(flow)).toBe(before);
  });

  it('returns the same object for the same flow and language (cheap per conversation)', () => {
    expect(resolveTexts(flow, 'cs')).toBe(resolveTexts(flow, 'cs-CZ'));
  });
});
