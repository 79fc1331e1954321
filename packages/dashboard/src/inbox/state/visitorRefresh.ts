import type { Conversation } from '@parley/core';

/**
 * When the visitor panel refetches GET /visitors/:id (besides every 30 s): whenever this key
 * changes. It moves when the visitor comes online or goes away, when the summary's name or email
 * changes (a chatbot stored the contact), when the chatbot's session or handover changes, and when
 * a message arrives that may have stored contact data (`lastChatbotActivitySeq`: a chatbot message,
 * a button choice, an answer; a phone number or contact property shows in no summary).
 */
export function visitorRefreshKey(
  c: Pick<Conversation, 'visitor' | 'chatbot' | 'handover'>,
  chatbotActivitySeq: number,
): string {
  return JSON.stringify([
    c.visitor.id,
    c.visitor.online,
    c.visitor.displayName,
    c.visitor.email,
    c.chatbot?.id ?? null,
    c.chatbot?.status ?? null,
    c.handover?.at ?? null,
    chatbotActivitySeq,
  ]);
}
