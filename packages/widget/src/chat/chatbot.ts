/**
 * What the widget draws for chatbots, over plain data (no DOM): which
 * message's buttons are clickable, the composer's hints while a question
 * waits, and the parts of a message (bot bubble, image, link, retry).
 */
import type { AnswerField, ChatbotButton, VisitorChatbotState } from '@parley/core';
import type { ChatStrings } from '../i18n';
import { httpUrl } from '../url';
import type { TranscriptItem } from './transcript';

export type ChatbotState = VisitorChatbotState | null;

/** The buttons shown under one chatbot message (at most one message shows buttons). */
export interface ChatbotPrompt {
  /** The transcript item (its `key`) the buttons belong to. */
  key: string;
  chatbotId: string;
  nodeId: string;
  buttons: ChatbotButton[];
  /** Clickable. False while the visitor's choice is on its way: then `chosen` is its id. */
  active: boolean;
  chosen: string | null;
  /** Buttons the server refused (`unknown_choice`): shown disabled. */
  refused: string[];
}

function validButtons(list: unknown): ChatbotButton[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (b): b is ChatbotButton => !!b && typeof b === 'object' && typeof b.id === 'string' && !!b.id && typeof b.label === 'string',
  );
}

/** Key of a refused button, as kept by the core: the message's key and the button id. */
export const refusedKey = (itemKey: string, choiceId: string): string => itemKey + '\u0000' + choiceId;

/**
 * The buttons to show, or null. Only the latest chatbot message of the current
 * conversation from `state.nodeId` shows buttons, and only while the chatbot
 * waits for a button (`awaiting: "button"`) and the visitor has not answered
 * that message yet. A choice on its way (pending) keeps them shown but
 * disabled with the chosen one marked; once it is acknowledged — or when the
 * visitor typed instead — they disappear and the choice stays in the
 * transcript as the visitor's bubble. Earlier messages never show buttons.
 */
export function currentPrompt(
  items: readonly TranscriptItem[],
  conversationId: string | null,
  state: ChatbotState,
  refused: ReadonlySet<string> = new Set(),
): ChatbotPrompt | null {
  if (!conversationId || !state || state.awaiting !== 'button' || !state.nodeId) return null;
  let index = -1;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i] as TranscriptItem;
    if (it.conversationId === conversationId && it.author.type === 'chatbot' && it.status === 'sent') {
      const bot = it.meta && it.meta.chatbot;
      if (bot && bot.nodeId === state.nodeId) {
        index = i;
        break;
      }
    }
  }
  if (index < 0) return null;
  const message = items[index] as TranscriptItem;
  const meta = message.meta as NonNullable<TranscriptItem['meta']>;
  const buttons = validButtons(meta.buttons);
  if (!buttons.length) return null;
  let chosen: string | null = null;
  for (let j = index + 1; j < items.length; j++) {
    const it = items[j] as TranscriptItem;
    if (it.author.type !== 'visitor' || it.status === 'failed') continue;
    const choice = it.meta && it.meta.choice;
    // The visitor's choice on its way for these buttons: keep them, disabled.
    if (it.status === 'pending' && choice && choice.nodeId === state.nodeId && chosen === null) {
      chosen = choice.choiceId;
      continue;
    }
    // Answered (an acknowledged choice) or typed instead: the chatbot moves on.
    return null;
  }
  return {
    key: message.key,
    chatbotId: (meta.chatbot as { id: string }).id,
    nodeId: state.nodeId,
    buttons,
    active: chosen === null,
    chosen,
    refused: buttons.filter((b) => refused.has(refusedKey(message.key, b.id))).map((b) => b.id),
  };
}

/** The composer's attributes: null removes one (the browser's default). */
export interface ComposerHints {
  /** The kind of answer a chatbot question waits for; null when none waits. */
  field: AnswerField | null;
  placeholder: string;
  attrs: {
    inputmode: string | null;
    autocomplete: string | null;
    autocapitalize: string | null;
    spellcheck: string | null;
    'aria-invalid': string | null;
    'data-field': string | null;
  };
}

type FieldHints = [placeholder: keyof ChatStrings, inputmode: string, autocomplete: string, autocapitalize: string, spellcheck: string];

/**
 * Per field: the composer stays a <textarea> (a visitor may always type
 * freely, e.g. to ask for a human), so `inputmode` — not `type` — picks the
 * on-screen keyboard and `autocomplete` lets the browser fill it in.
 */
const FIELDS: Record<AnswerField, FieldHints> = {
  name: ['askName', 'text', 'name', 'words', 'false'],
  email: ['askEmail', 'email', 'email', 'none', 'false'],
  phone: ['askPhone', 'tel', 'tel', 'none', 'false'],
  number: ['askNumber', 'decimal', 'off', 'none', 'false'],
  text: ['askText', 'text', 'off', 'sentences', 'true'],
};

/** The composer's hints for the chatbot's state; `retry` after an invalid answer marks it invalid. */
export function composerHints(state: ChatbotState, strings: ChatStrings, retry = false): ComposerHints {
  if (!state || state.awaiting !== 'answer') {
    return {
      field: null,
      placeholder: strings.placeholder,
      attrs: { inputmode: null, autocomplete: null, autocapitalize: null, spellcheck: null, 'aria-invalid': null, 'data-field': null },
    };
  }
  const field: AnswerField = state.field && FIELDS[state.field] ? state.field : 'text';
  const [placeholder, inputmode, autocomplete, autocapitalize, spellcheck] = FIELDS[field];
  return {
    field,
    placeholder: strings[placeholder] as string,
    attrs: { inputmode, autocomplete, autocapitalize, spellcheck, 'aria-invalid': retry ? 'true' : null, 'data-field': field },
  };
}

/** True when the latest message of the conversation is the chatbot's retry (an invalid answer). */
export function awaitingRetry(items: readonly TranscriptItem[], conversationId: string | null, state: ChatbotState): boolean {
  if (!conversationId || !state || state.awaiting !== 'answer') return false;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i] as TranscriptItem;
    if (it.conversationId !== conversationId || it.status !== 'sent') continue;
    return it.author.type === 'chatbot' && !!(it.meta && it.meta.question && it.meta.question.retry);
  }
  return false;
}

/** How one transcript item is drawn. Plain (meta-less) messages get no extra parts. */
export interface MessageParts {
  /** Row style: the visitor's own, an agent's, a chatbot's, or a system line. */
  kind: 'me' | 'ag' | 'bot' | 'sys';
  /** The chatbot's feedback on an invalid answer. */
  retry: boolean;
  /** An image under the text: an absolute http(s) URL, else none. */
  image: string | null;
  /** A link under the text: an absolute http(s) URL, else none. */
  link: { href: string; label: string } | null;
  /** The visitor's click on a chatbot button. */
  choice: boolean;
}

export function messageParts(it: TranscriptItem): MessageParts {
  const type = it.author.type;
  const meta = it.meta && typeof it.meta === 'object' ? it.meta : null;
  const kind = type === 'visitor' ? 'me' : type === 'system' ? 'sys' : type === 'chatbot' ? 'bot' : 'ag';
  if (!meta) return { kind, retry: false, image: null, link: null, choice: false };
  const bot = kind === 'bot';
  const href = bot && meta.link ? httpUrl(meta.link.url) : null;
  return {
    kind,
    retry: bot && !!(meta.question && meta.question.retry === true),
    image: bot ? httpUrl(meta.imageUrl) : null,
    link: href ? { href, label: (meta.link && typeof meta.link.label === 'string' && meta.link.label.trim()) || href } : null,
    choice: kind === 'me' && !!meta.choice,
  };
}
