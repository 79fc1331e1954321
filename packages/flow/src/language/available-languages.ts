import type { FlowDocument } from '../schema/flow-document.js';

/** The languages a flow speaks: its default language first, then its variants. */
export function availableLanguages(flow: Pick<FlowDocument, 'defaultLanguage' | 'variants'>): string[] {
  return [flow.defaultLanguage, ...Object.keys(flow.variants).filter((tag) => tag !== flow.defaultLanguage)];
}
