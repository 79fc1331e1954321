import { z } from 'zod';
import { CLIENT_ID_MAX_LENGTH, MESSAGE_TEXT_MAX_LENGTH } from './limits.js';

export const AuthorTypeSchema = z.enum(['visitor', 'agent', 'chatbot', 'system']);
export type AuthorType = z.infer<typeof AuthorTypeSchema>;

export const AuthorSchema = z.object({
  type: AuthorTypeSchema,
  /** Visitor id, agent id or chatbot id; null for system messages. */
  id: z.string().nullable(),
  /** Display name at the time of writing (agents and chatbots); null for visitors. */
  name: z.string().nullable(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const ClientIdSchema = z
  .string()
  .min(1, 'clientId is required')
  .max(CLIENT_ID_MAX_LENGTH, `clientId must be at most ${CLIENT_ID_MAX_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'clientId may only contain letters, digits, "_" and "-"');

/**
 * Message text as typed by a person: plain text, never HTML.
 * Leading/trailing whitespace is trimmed; empty and over-long texts are refused.
 */
export const MessageTextSchema = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'Message is empty')
      .max(MESSAGE_TEXT_MAX_LENGTH, `Message is longer than ${MESSAGE_TEXT_MAX_LENGTH} characters`),
  );

/** A button under a chatbot message. `human`: the "talk to a human" choice. */
export const ChatbotButtonSchema = z.object({ id: z.string(), label: z.string(), human: z.boolean().optional() });
export type ChatbotButton = z.infer<typeof ChatbotButtonSchema>;

/** What a chatbot question asks the visitor to type. */
export const AnswerFieldSchema = z.enum(['name', 'email', 'phone', 'number', 'text']);
export type AnswerField = z.infer<typeof AnswerFieldSchema>;

/**
 * What a message carries besides its text (null for plain messages):
 * - chatbot messages: `chatbot` (which chatbot and node sent it), and maybe
 *   `buttons`, `question` (`retry` after an invalid answer), `imageUrl`, `link`;
 * - a visitor's button choice: `choice` (the text is the button's label);
 * - a visitor's answer to a question: `answer`.
 */
export const MessageMetaSchema = z.object({
  chatbot: z.object({ id: z.string(), nodeId: z.string() }).optional(),
  buttons: z.array(ChatbotButtonSchema).optional(),
  question: z.object({ field: AnswerFieldSchema, retry: z.boolean() }).optional(),
  imageUrl: z.string().optional(),
  link: z.object({ url: z.string(), label: z.string() }).optional(),
  choice: z.object({ chatbotId: z.string(), nodeId: z.string(), choiceId: z.string() }).optional(),
  answer: z.object({ chatbotId: z.string(), nodeId: z.string(), field: AnswerFieldSchema, valid: z.boolean() }).optional(),
});
export type MessageMeta = z.infer<typeof MessageMetaSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Position in the conversation: 1, 2, 3… without gaps. */
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  author: AuthorSchema,
  text: z.string(),
  meta: MessageMetaSchema.nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export type MessageTextCheck = { ok: true; text: string } | { ok: false; error: string };

/** Validates and normalises a message text without throwing. */
export function checkMessageText(input: unknown): MessageTextCheck {
  const parsed = MessageTextSchema.safeParse(input);
  if (parsed.success) return { ok: true, text: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid message' };
}
