/**
 * Workspace settings read by the chatbot runtime and statistics: when a
 * chatbot joins unanswered conversations, and the inactivity timeout after
 * which a chatbot conversation counts as ended (docs/statistics.md).
 */
import { z } from 'zod';

export const INACTIVITY_TIMEOUT_DEFAULT_MINUTES = 30;

export const InactivityTimeoutSchema = z
  .number()
  .int('Whole minutes')
  .min(1, 'At least 1 minute')
  .max(1440, 'At most 1 440 minutes (a day)')
  .describe('A chatbot conversation with no activity this long has ended (default 30)');

export const UnansweredChatbotSchema = z
  .object({
    chatbotId: z.string().min(1).max(64),
    afterSeconds: z.number().int('Whole seconds').min(10, 'At least 10 seconds').max(3600, 'At most 3 600 seconds'),
  })
  .describe('When a visitor’s message gets no agent reply for afterSeconds, this chatbot joins the conversation');
export type UnansweredChatbot = z.infer<typeof UnansweredChatbotSchema>;

/** The stored JSON, or null when absent or unreadable. */
export function parseUnansweredChatbot(text: string | null): UnansweredChatbot | null {
  if (!text) return null;
  try {
    const parsed = UnansweredChatbotSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
