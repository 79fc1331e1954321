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
  /** Custom variables set by the website's script (`parley('set', {...})`), for targeting. */
  variables: z.lazy(() => VisitorVariablesSchema).optional(),
  /** The visitor group set by the website's script (`parley('setGroup', 'vip')`). */
  group: z.string().trim().min(1).max(64).nullable().optional(),
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
  /** Triggers to arm on this page, highest priority first (docs/targeting.md). */
  triggers: z.array(z.lazy(() => ArmedChatbotSchema)),
});
export type WidgetSession = z.infer<typeof WidgetSessionSchema>;

/** Custom variables: at most 50, names of letters, digits, "_", "-", "." (≤ 64), string values ≤ 500 characters. */
export const VisitorVariablesSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'Variable names are 1–64 letters, digits, "_", "-" or "."'),
    z.union([z.string().max(500, 'Variable values are at most 500 characters'), z.number().finite(), z.boolean()]),
  )
  .refine((v) => Object.keys(v).length <= 50, 'At most 50 variables');
export type VisitorVariables = z.infer<typeof VisitorVariablesSchema>;

/**
 * A trigger the widget arms on this page (docs/targeting.md): the server sends
 * the chatbots that could start here; `chat_opened` is the `chatbot.open` frame.
 */
export const ArmedTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('time_on_page'), seconds: z.number() }),
  z.object({ kind: z.literal('scroll'), percent: z.number() }),
  z.object({ kind: z.literal('exit_intent') }),
  z.object({ kind: z.literal('returning_visit') }),
  z.object({ kind: z.literal('custom_event'), name: z.string() }),
]);
export type ArmedTrigger = z.infer<typeof ArmedTriggerSchema>;

export const ArmedChatbotSchema = z.object({ chatbotId: z.string(), trigger: ArmedTriggerSchema });
export type ArmedChatbot = z.infer<typeof ArmedChatbotSchema>;

/** POST /api/v1/widget/trigger: a trigger fired in the page; the server decides. */
export const WidgetTriggerRequestSchema = z.object({
  token: z.string().min(1).max(2000),
  chatbotId: z.string().min(1).max(64),
  trigger: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('time_on_page'), secondsOnPage: z.number().min(0).max(86_400) }),
    z.object({ kind: z.literal('scroll'), scrollPercent: z.number().min(0).max(100) }),
    z.object({ kind: z.literal('exit_intent') }),
    z.object({ kind: z.literal('returning_visit') }),
    z.object({ kind: z.literal('custom_event'), name: z.string().min(1).max(64) }),
  ]),
  page: PageViewSchema,
});
export type WidgetTriggerRequest = z.input<typeof WidgetTriggerRequestSchema>;

export const WidgetTriggerResponseSchema = z.object({
  started: z.boolean(),
  /** The conversation the chatbot started in (hidden from the team until the visitor interacts). */
  conversationId: z.string().nullable(),
  /** The chatbot's first message, shown as a bubble above the launcher. */
  welcome: z.string().nullable(),
  /** Why nothing started (e.g. "Already shown during this visit"). */
  reason: z.string().nullable(),
});
export type WidgetTriggerResponse = z.infer<typeof WidgetTriggerResponseSchema>;

/** POST /api/v1/widget/visitor: the script API changed the visitor's language, variables or group after load. */
export const WidgetVisitorUpdateSchema = z.object({
  token: z.string().min(1).max(2000),
  language: z.string().max(35).nullable().optional(),
  variables: VisitorVariablesSchema.optional(),
  group: z.string().trim().min(1).max(64).nullable().optional(),
});
export type WidgetVisitorUpdate = z.input<typeof WidgetVisitorUpdateSchema>;
