import type { WorkspaceSettings, WorkspaceSettingsPatch } from '../api/types';

/**
 * The workspace's chatbot-conversation settings, pure: the inactivity timeout
 * (a chatbot conversation quiet this long has ended — resolved when nobody
 * escalated) and the chatbot that joins when a visitor's message stays
 * unanswered. The limits mirror the server's.
 */
export const INACTIVITY_MIN = 1;
export const INACTIVITY_MAX = 1440;
export const INACTIVITY_DEFAULT = 30;
export const UNANSWERED_MIN = 10;
export const UNANSWERED_MAX = 3600;
export const UNANSWERED_DEFAULT = 60;

export interface ChatbotConversationsForm {
  /** Minutes; null while the input is empty or not a number. */
  inactivity: number | null;
  /** null: off. `afterSeconds` null while its input is empty. */
  unanswered: { chatbotId: string; afterSeconds: number | null } | null;
}

export interface ChatbotConversationsProblems {
  inactivity?: string;
  chatbotId?: string;
  afterSeconds?: string;
}

/** The form of saved settings (the defaults where a server does not send them yet). */
export function formOf(settings: Partial<Pick<WorkspaceSettings, 'inactivityTimeoutMinutes' | 'unansweredChatbot'>>): ChatbotConversationsForm {
  const u = settings.unansweredChatbot ?? null;
  return {
    inactivity: settings.inactivityTimeoutMinutes ?? INACTIVITY_DEFAULT,
    unanswered: u ? { chatbotId: u.chatbotId, afterSeconds: u.afterSeconds } : null,
  };
}

function wholeIn(value: number | null, min: number, max: number, unit: string): string | undefined {
  if (value === null || !Number.isFinite(value)) return `Enter a number of ${unit}`;
  if (!Number.isInteger(value)) return `Whole ${unit} only`;
  if (value < min || value > max) return `Between ${min.toLocaleString('en')} and ${max.toLocaleString('en')} ${unit}`;
  return undefined;
}

/** What the server would refuse, by input; empty when it can be saved. */
export function chatbotConversationsProblems(form: ChatbotConversationsForm): ChatbotConversationsProblems {
  const problems: ChatbotConversationsProblems = {};
  const inactivity = wholeIn(form.inactivity, INACTIVITY_MIN, INACTIVITY_MAX, 'minutes');
  if (inactivity) problems.inactivity = inactivity;
  if (form.unanswered) {
    if (!form.unanswered.chatbotId) problems.chatbotId = 'Choose a chatbot';
    const seconds = wholeIn(form.unanswered.afterSeconds, UNANSWERED_MIN, UNANSWERED_MAX, 'seconds');
    if (seconds) problems.afterSeconds = seconds;
  }
  return problems;
}

export function hasProblems(problems: ChatbotConversationsProblems): boolean {
  return Object.keys(problems).length > 0;
}

function sameUnanswered(a: ChatbotConversationsForm['unanswered'], b: ChatbotConversationsForm['unanswered']): boolean {
  if (a === null || b === null) return a === b;
  return a.chatbotId === b.chatbotId && a.afterSeconds === b.afterSeconds;
}

/** The fields that differ from `saved`, as `PATCH /workspace/settings` takes them (the form must have no problems). */
export function chatbotConversationsPatch(form: ChatbotConversationsForm, saved: ChatbotConversationsForm): WorkspaceSettingsPatch {
  const patch: WorkspaceSettingsPatch = {};
  if (form.inactivity !== saved.inactivity && form.inactivity !== null) patch.inactivityTimeoutMinutes = form.inactivity;
  if (!sameUnanswered(form.unanswered, saved.unanswered)) {
    patch.unansweredChatbot =
      form.unanswered === null ? null : { chatbotId: form.unanswered.chatbotId, afterSeconds: form.unanswered.afterSeconds ?? UNANSWERED_DEFAULT };
  }
  return patch;
}

export function sameChatbotConversations(a: ChatbotConversationsForm, b: ChatbotConversationsForm): boolean {
  return a.inactivity === b.inactivity && sameUnanswered(a.unanswered, b.unanswered);
}

/** Picking a chatbot (or "" = off) keeps the seconds typed, starting at the default. */
export function chooseUnansweredChatbot(form: ChatbotConversationsForm, chatbotId: string): ChatbotConversationsForm {
  if (!chatbotId) return { ...form, unanswered: null };
  return { ...form, unanswered: { chatbotId, afterSeconds: form.unanswered?.afterSeconds ?? UNANSWERED_DEFAULT } };
}
