import { resolveTexts, untranslatedTexts } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { sampleFlow } from './testFlow';
import { addVariant, isLanguageTag, normaliseTag, removeVariant, setVariantText, textsOf, variantText } from './variants';

describe('language variants', () => {
  it('adds a variant once, never for the default language', () => {
    const flow = addVariant(sampleFlow(), 'cs');
    expect(flow.variants).toEqual({ cs: { nodes: {} } });
    expect(addVariant(flow, 'CS')).toBe(flow);
    expect(addVariant(flow, 'en')).toBe(flow);
    expect(untranslatedTexts(flow, 'cs').length).toBe(textsOf(flow, 'welcome').length + 3 + 2);
  });

  it('sets and clears translations, which the engine then uses', () => {
    let flow = setVariantText(sampleFlow(), 'cs', { nodeId: 'menu', slot: 'choice', choiceId: 'pricing' }, 'Ceník');
    flow = setVariantText(flow, 'cs', { nodeId: 'welcome', slot: 'text' }, 'Ahoj!');
    expect(variantText(flow, 'cs', { nodeId: 'welcome', slot: 'text' })).toBe('Ahoj!');
    const resolved = resolveTexts(flow, 'cs');
    expect(resolved.nodes.welcome).toMatchObject({ text: 'Ahoj!' });
    expect(resolved.nodes.menu).toMatchObject({ text: 'How can we help?', choices: [{ label: 'Ceník' }, { label: 'Contact me' }] });
    expect(untranslatedTexts(flow, 'cs').some((t) => t.nodeId === 'welcome')).toBe(false);
    flow = setVariantText(flow, 'cs', { nodeId: 'welcome', slot: 'text' }, '');
    expect(flow.variants.cs?.nodes.welcome).toEqual({});
    expect(untranslatedTexts(flow, 'cs').some((t) => t.nodeId === 'welcome')).toBe(true);
  });

  it('translates the handover messages', () => {
    const base = { ...sampleFlow(), handoverMessages: { agentsOnline: 'Soon.', noAgentOnline: 'Email?' } };
    const flow = setVariantText(base, 'de', { nodeId: null, slot: 'handover_agents_online' }, 'Gleich.');
    expect(flow.variants.de?.handoverMessages).toEqual({ agentsOnline: 'Gleich.' });
    expect(variantText(flow, 'de', { nodeId: null, slot: 'handover_agents_online' })).toBe('Gleich.');
  });

  it('removes a variant', () => {
    const flow = addVariant(sampleFlow(), 'cs');
    expect(removeVariant(flow, 'cs').variants).toEqual({});
    expect(removeVariant(flow, 'fr')).toBe(flow);
  });

  it('checks and normalises tags', () => {
    expect(isLanguageTag('pt-BR')).toBe(true);
    expect(isLanguageTag('czech!')).toBe(false);
    expect(normaliseTag(' PT_br ')).toBe('pt-BR');
  });
});
