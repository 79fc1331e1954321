import type { FlowDocument } from '@parley/flow';
import { dayIn } from '../../statistics/state/dateRange';

/** "v3 · 2026-11-20" (the day it was published, in the workspace's zone). */
export function versionLabel(version: { number: number; publishedAt: string }, timeZone: string): string {
  const at = Date.parse(version.publishedAt);
  return Number.isNaN(at) ? `v${version.number}` : `v${version.number} · ${dayIn(timeZone, at)}`;
}

/** The version whose graph is drawn: the one chosen, else the chatbot's latest published one, else the newest with figures. */
export function graphVersionId(
  selected: string | null,
  publishedVersionId: string | null,
  versions: readonly { id: string }[],
): string | null {
  return selected ?? publishedVersionId ?? versions[0]?.id ?? null;
}

/** The texts to draw: the chosen language's variant when the flow has one, else its default language. */
export function graphLanguage(flow: FlowDocument, language: string | null): string {
  return language !== null && Object.hasOwn(flow.variants, language) ? language : flow.defaultLanguage;
}

/** "English (en)"; the tag alone where the browser has no name for it. */
export function languageName(tag: string, locale?: string): string {
  try {
    const name = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}
