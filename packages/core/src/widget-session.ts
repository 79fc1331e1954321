import { z } from 'zod';
import { ChatbotSessionStatusSchema, ConversationStatusSchema } from './conversation.js';
import { AnswerFieldSchema } from './message.js';
import { PageViewSchema } from './visitor.js';

/** POST /api/v1/widget/session: what the widget sends at each page load. */
export const WidgetSessionRequestSchema = z.object({
  websiteKey: z.string().min(1, 'websiteKey is required').max(100),
  visitorId: z.string().min(1).max(64).optional(),
  /** Set by the website's script; wins over the browser's languages. */
  language: z.string().max(35).optional(),
  /** The browser's languages in preference order (`navigator.languages`). */
  languages: z.array(z.string().max(35)).max(10).optional(),
  page: PageViewSchema,
  screen: z.object({ width: z.number().int().min(0).max(100000), height: z.number().int().min(0).max(100000) }).optional(),
});
export type WidgetSessionRequest = z.input<typeof WidgetSessionRequestSchema>;

export const WebsiteSettingsSchema = z.object({
  name: z.string(),
  color: z.string(),
  position: z.enum(['right', 'left']),
  greeting: z.string(),
});
export type WebsiteSettings = z.infer<typeof WebsiteSettingsSchema>;

/** The answer: a signed visitor token and what the widget needs to draw itself. */
export const WidgetSessionSchema = z.object({
  visitorId: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  conversation: z
    .object({
      id: z.string(),
      status: ConversationStatusSchema,
      lastSeq: z.number().int(),
      chatbot: z
        .object({
          status: ChatbotSessionStatusSchema,
          nodeId: z.string().nullable(),
          awaiting: z.enum(['button', 'answer', 'nothing']),
          field: AnswerFieldSchema.nullable(),
        })
        .nullable(),
    })
    .nullable(),
  /**
   * The opening message of the chatbot that would start when the box opens,
   * shown as a teaser bubble above the launcher; null when none would start
   * (or the visitor already has a conversation going on).
   */
  welcome: z.object({ chatbotId: z.string(), text: z.string() }).nullable(),
  website: WebsiteSettingsSchema,
  /** How many agents are online now (the `presence` frames keep it current). */
  agentsOnline: z.number().int().nonnegative(),
});
export type WidgetSession = z.infer<typeof WidgetSessionSchema>;
