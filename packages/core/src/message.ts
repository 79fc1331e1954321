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

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Position in the conversation: 1, 2, 3… without gaps. */
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  author: AuthorSchema,
  text: z.string(),
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
