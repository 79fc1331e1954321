import { describe, expect, it } from 'vitest';
import { browserLanguages, chatStrings, fill, LANGUAGES, loaderStrings, pickLanguage } from './i18n';

describe('i18n', () => {
  it('picks the first supported language', () => {
    expect(pickLanguage('fr-CA')).toBe('fr');
    expect(pickLanguage('', null, 'de_AT', 'en')).toBe('de');
    expect(pickLanguage('pt-BR', 'es')).toBe('es');
    expect(pickLanguage('zz')).toBe('en');
    expect(pickLanguage()).toBe('en');
  });

  it('has every text in every language', () => {
    const chatKeys = Object.keys(chatStrings.en).sort();
    const loaderKeys = Object.keys(loaderStrings.en).sort();
    for (const l of LANGUAGES) {
      expect(Object.keys(chatStrings[l]).sort()).toEqual(chatKeys);
      expect(Object.keys(loaderStrings[l]).sort()).toEqual(loaderKeys);
      for (const v of Object.values(chatStrings[l])) expect(v.trim()).not.toBe('');
    }
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(fill('Chat with {name}', { name: 'Northwind' })).toBe('Chat with Northwind');
    expect(fill('{n} of {max} {x}', { n: 3, max: 4000 })).toBe('3 of 4000 {x}');
    expect(fill(chatStrings.en.tooLong, { max: 4000 })).toBe('Message is longer than 4000 characters');
  });

  it('sends the browser languages sanitized: strings, trimmed, 1–35 characters, unique, at most 10', () => {
    expect(browserLanguages(['cs-CZ', 'cs', 'en-US', 'en'], 'cs-CZ')).toEqual(['cs-CZ', 'cs', 'en-US', 'en']);
    expect(browserLanguages([], 'fr-CA')).toEqual(['fr-CA']);
    expect(browserLanguages(undefined, 'de')).toEqual(['de']);
    expect(browserLanguages(undefined, undefined)).toEqual([]);
    expect(browserLanguages([' de ', 'de', '', 42, null, 'x'.repeat(36), 'x'.repeat(35)])).toEqual(['de', 'x'.repeat(35)]);
    const many = Array.from({ length: 15 }, (_, i) => 'l' + i);
    expect(browserLanguages(many)).toEqual(many.slice(0, 10));
  });
});
