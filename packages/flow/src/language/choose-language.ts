import { cleanLanguageTag, matchLanguage } from './language-tag.js';

export interface LanguageChoiceInput {
  /** Set by the website's script (`parley.setLanguage('cs')`); wins when present. */
  scriptLanguage?: string | null;
  /** The browser's languages in preference order (`navigator.languages`). */
  browserLanguages?: readonly string[];
  /** The workspace's default language. */
  workspaceDefault: string;
  /** The languages the chatbot speaks: its default language and its variants. */
  available: readonly string[];
}

export interface LanguageChoice {
  /** The visitor's language: what conditions on "visitor language" compare. */
  visitorLanguage: string;
  /** The chatbot language to show (an entry of `available`), or null for the chatbot's default. */
  chatbotLanguage: string | null;
}

/**
 * Chooses the visitor's language — set by the website's script, else the
 * browser's languages, else the workspace default — and the chatbot language
 * that serves it. `cs-CZ` is served by `cs`. A script language is taken as
 * the page's language: when the chatbot lacks it, the default is used rather
 * than a browser language. Among browser languages the first one the chatbot
 * speaks wins.
 */
export function chooseLanguage(input: LanguageChoiceInput): LanguageChoice {
  const script = cleanLanguageTag(input.scriptLanguage);
  if (script) return { visitorLanguage: script, chatbotLanguage: matchLanguage(script, input.available) };

  const browser = (input.browserLanguages ?? []).map(cleanLanguageTag).filter((tag): tag is string => tag !== null);
  for (const tag of browser) {
    const match = matchLanguage(tag, input.available);
    if (match) return { visitorLanguage: tag, chatbotLanguage: match };
  }
  if (browser[0]) return { visitorLanguage: browser[0], chatbotLanguage: null };

  const workspace = cleanLanguageTag(input.workspaceDefault) ?? input.workspaceDefault;
  return { visitorLanguage: workspace, chatbotLanguage: matchLanguage(workspace, input.available) };
}
