import type { FlowDocument } from '../schema/flow-document.js';
import type { FlowVariant } from '../schema/language-variant.js';
import { availableLanguages } from './available-languages.js';
import { matchLanguage } from './language-tag.js';

/**
 * The variant serving `language` (`cs-CZ` is served by `cs`), or null when
 * the flow's default language serves it best or no variant does.
 */
export function findVariant(
  flow: Pick<FlowDocument, 'defaultLanguage' | 'variants'>,
  language: string | null | undefined,
): { language: string; variant: FlowVariant } | null {
  if (!language) return null;
  const match = matchLanguage(language, availableLanguages(flow));
  if (match === null || match === flow.defaultLanguage) return null;
  const variant = flow.variants[match];
  return variant ? { language: match, variant } : null;
}
