import type { FlowDocument } from '../schema/flow-document.js';
import { flowTexts, type FlowTextEntry } from './flow-texts.js';
import { translatedText } from './translated-text.js';

/**
 * The texts a language variant lacks (missing or blank), with their default
 * text, for the builder to show. Empty for the flow's default language; every
 * non-empty text when the variant does not exist yet.
 */
export function untranslatedTexts(flow: FlowDocument, language: string): FlowTextEntry[] {
  if (language.toLowerCase() === flow.defaultLanguage.toLowerCase()) return [];
  const key = Object.keys(flow.variants).find((tag) => tag.toLowerCase() === language.toLowerCase());
  const variant = key === undefined ? undefined : flow.variants[key];
  return flowTexts(flow).filter(
    (entry) => entry.text.trim() !== '' && (variant === undefined || translatedText(variant, entry) === undefined),
  );
}
