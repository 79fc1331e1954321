import type { AnswerField, ChatbotButton, Message } from '@parley/core';

/**
 * How the transcript shows a message:
 * - `chatbot`: a chatbot's message (buttons, question, image, link may come with it);
 * - `choice`: the visitor clicked a chatbot button (the text is the button's label);
 * - `answer`: the visitor typed an answer to a chatbot question;
 * - `text`: anything else (a plain visitor, agent or system message).
 */
export type MessageKind = 'chatbot' | 'choice' | 'answer' | 'text';

export function messageKind(m: Pick<Message, 'author' | 'meta'>): MessageKind {
  const meta = m.meta;
  if (m.author.type === 'chatbot') return 'chatbot';
  if (!meta) return 'text';
  if (m.author.type === 'visitor' && meta.choice) return 'choice';
  if (m.author.type === 'visitor' && meta.answer) return 'answer';
  return 'text';
}

export interface OfferedButton extends ChatbotButton {
  chosen: boolean;
}

/** The chatbot path through a transcript: which offered button the visitor chose, and what each choice answered. */
export interface ChatbotPath {
  /** By the seq of a chatbot message with buttons: the choice id the visitor picked (absent: none yet). */
  chosen: Readonly<Record<number, string>>;
  /** By the seq of a visitor's choice message: the seq of the chatbot message it answers (absent: not found). */
  offerOf: Readonly<Record<number, number>>;
}

const offerKey = (chatbotId: string, nodeId: string) => `${chatbotId}\u0000${nodeId}`;

/**
 * Pairs every visitor choice (`meta.choice`) with the chatbot message that offered it: the latest
 * earlier message of the same chatbot and node with buttons, not already answered. A node visited
 * twice (a menu the visitor comes back to) therefore marks each visit's own choice.
 * Messages must be in seq order (as the transcript keeps them).
 */
export function chatbotPath(messages: readonly Message[]): ChatbotPath {
  const open = new Map<string, Message>();
  const chosen: Record<number, string> = {};
  const offerOf: Record<number, number> = {};
  for (const m of messages) {
    const meta = m.meta;
    if (!meta) continue;
    if (m.author.type === 'chatbot' && meta.chatbot && meta.buttons && meta.buttons.length > 0) {
      open.set(offerKey(meta.chatbot.id, meta.chatbot.nodeId), m);
    } else if (m.author.type === 'visitor' && meta.choice) {
      const key = offerKey(meta.choice.chatbotId, meta.choice.nodeId);
      const offer = open.get(key);
      if (!offer) continue;
      open.delete(key);
      offerOf[m.seq] = offer.seq;
      if (offer.meta?.buttons?.some((b) => b.id === meta.choice!.choiceId)) chosen[offer.seq] = meta.choice.choiceId;
    }
  }
  return { chosen, offerOf };
}

/** The buttons a chatbot message offered, each marked chosen or not. */
export function offeredButtons(m: Message, path: ChatbotPath): OfferedButton[] {
  const buttons = m.meta?.buttons ?? [];
  const pick = path.chosen[m.seq];
  return buttons.map((b) => ({ ...b, chosen: b.id === pick }));
}

/** The offered button a visitor's choice message stands for (to tell "talk to a human" apart), if found. */
export function choiceButton(m: Message, byseq: ReadonlyMap<number, Message>, path: ChatbotPath): ChatbotButton | null {
  const choiceId = m.meta?.choice?.choiceId;
  const offerSeq = path.offerOf[m.seq];
  if (choiceId === undefined || offerSeq === undefined) return null;
  return byseq.get(offerSeq)?.meta?.buttons?.find((b) => b.id === choiceId) ?? null;
}

const FIELD_TEXT: Readonly<Record<AnswerField, string>> = {
  name: 'name',
  email: 'email',
  phone: 'phone number',
  number: 'number',
  text: 'text answer',
};

/** "email", "phone number"… for a question's field; an unknown field reads as itself. */
export function fieldText(field: string): string {
  return (FIELD_TEXT as Record<string, string>)[field] ?? field;
}

/** What a chatbot question message shows under it: "Asks for email", "Asks again for email" (a retry). */
export function questionText(question: { field: string; retry: boolean }): string {
  return `${question.retry ? 'Asks again for' : 'Asks for'} ${fieldText(question.field)}`;
}

/** What a visitor's typed answer shows under it: "Not a valid email" or "Answer: email". */
export function answerText(answer: { field: string; valid: boolean }): string {
  return answer.valid ? `Answer: ${fieldText(answer.field)}` : `Not a valid ${fieldText(answer.field)}`;
}

/**
 * The highest seq of a message that may have changed the visitor's contact data (a chatbot's
 * message, a choice, an answer): the visitor panel refetches when it grows. 0 when none.
 */
export function lastChatbotActivitySeq(messages: readonly Message[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (messageKind(m) !== 'text') return m.seq;
  }
  return 0;
}
