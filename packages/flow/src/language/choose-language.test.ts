import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './choose-language.js';
import { matchLanguage } from './language-tag.js';

describe('chooseLanguage', () => {
  const available = ['en', 'cs', 'de-AT'];

  it('gives a browser in Czech the Czech variant, region or not', () => {
    expect(chooseLanguage({ browserLanguages: ['cs'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'cs', chatbotLanguage: 'cs' });
    expect(chooseLanguage({ browserLanguages: ['cs-CZ'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'cs-CZ', chatbotLanguage: 'cs' });
  });

  it('falls back to the chatbot default for a language it does not speak', () => {
    expect(chooseLanguage({ browserLanguages: ['fr-FR', 'fr'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'fr-FR', chatbotLanguage: null });
  });

  it('takes the first browser language the chatbot speaks', () => {
    expect(chooseLanguage({ browserLanguages: ['fr', 'de', 'cs'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'de', chatbotLanguage: 'de-AT' });
  });

  it("prefers the website script's language over the browser's, even when the chatbot lacks it", () => {
    expect(chooseLanguage({ scriptLanguage: 'cs', browserLanguages: ['en'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'cs', chatbotLanguage: 'cs' });
    expect(chooseLanguage({ scriptLanguage: 'fr', browserLanguages: ['cs'], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'fr', chatbotLanguage: null });
  });

  it('uses the workspace default when neither script nor browser says anything usable', () => {
    expect(chooseLanguage({ scriptLanguage: null, browserLanguages: [], workspaceDefault: 'cs', available })).toEqual({ visitorLanguage: 'cs', chatbotLanguage: 'cs' });
    expect(chooseLanguage({ scriptLanguage: '', browserLanguages: ['*', ''], workspaceDefault: 'pl', available })).toEqual({ visitorLanguage: 'pl', chatbotLanguage: null });
  });

  it('cleans tags as browsers send them', () => {
    expect(chooseLanguage({ browserLanguages: [' cs_CZ;q=0.8 '], workspaceDefault: 'en', available })).toEqual({ visitorLanguage: 'cs-CZ', chatbotLanguage: 'cs' });
  });
});

describe('matchLanguage', () => {
  it('prefers the exact tag, then the bare language, then another region', () => {
    expect(matchLanguage('pt-BR', ['pt-PT', 'pt', 'pt-BR'])).toBe('pt-BR');
    expect(matchLanguage('pt-BR', ['pt-PT', 'pt'])).toBe('pt');
    expect(matchLanguage('pt-BR', ['pt-PT'])).toBe('pt-PT');
    expect(matchLanguage('PT-br', ['pt-BR'])).toBe('pt-BR');
    expect(matchLanguage('es', ['en'])).toBeNull();
  });
});
