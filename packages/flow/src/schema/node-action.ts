import { z } from 'zod';
import { DELAY_MAX_SECONDS, VALUE_MAX_LENGTH, WEBHOOK_BODY_MAX_LENGTH } from '../limits.js';
import { HttpUrlSchema } from './http-url.js';
import {
  AgentIdSchema,
  FlowIdSchema,
  GroupIdSchema,
  NextSchema,
  PropertyKeySchema,
  TagSchema,
  VariableNameSchema,
} from './identifiers.js';
import { NodeBaseShape } from './node-base.js';

const ActionBase = { kind: z.literal('action'), ...NodeBaseShape };

export const AddTagActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('add_tag'),
  tag: TagSchema,
  next: NextSchema,
});

export const RemoveTagActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('remove_tag'),
  tag: TagSchema,
  next: NextSchema,
});

export const SetContactPropertyActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('set_contact_property'),
  key: PropertyKeySchema,
  value: z.string().max(VALUE_MAX_LENGTH, `Value must be at most ${VALUE_MAX_LENGTH} characters`),
  next: NextSchema,
});

/**
 * Hands the conversation to a human (optionally a group or one agent), then
 * continues on `agentsOnline` or `noAgentOnline` — e.g. "someone will reply
 * shortly" or a question asking for the visitor's email.
 */
export const HandoverActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('handover'),
  groupId: GroupIdSchema.nullable().default(null),
  agentId: AgentIdSchema.nullable().default(null),
  agentsOnline: NextSchema,
  noAgentOnline: NextSchema,
});

/** Closes the conversation; the chatbot ends. */
export const CloseConversationActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('close_conversation'),
});

export const OpenUrlActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('open_url'),
  url: HttpUrlSchema,
  newTab: z.boolean().default(true),
  next: NextSchema,
});

/** Waits, e.g. to pace messages; the server's scheduler answers with `delay_elapsed`. */
export const DelayActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('delay'),
  seconds: z
    .number()
    .int('Delay must be a whole number of seconds')
    .min(1, 'Delay must be at least 1 second')
    .max(DELAY_MAX_SECONDS, `Delay must be at most ${DELAY_MAX_SECONDS} seconds`),
  next: NextSchema,
});

export const WebhookMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type WebhookMethod = z.infer<typeof WebhookMethodSchema>;

/** Copies one value of the webhook's JSON response (`order.status`) into a variable. */
export const ResponseMappingSchema = z.strictObject({
  from: z
    .string()
    .max(200, 'Response path must be at most 200 characters')
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'Response path must look like "order.status"'),
  to: VariableNameSchema,
});
export type ResponseMapping = z.infer<typeof ResponseMappingSchema>;

/**
 * Calls an HTTP endpoint. `body` is a template: `{{variable.NAME}}`,
 * `{{contact.email}}`, `{{contact_property.KEY}}`, `{{visitor_language}}`
 * are replaced (JSON-escaped). The flow continues on `next` when the call
 * succeeds and on `onFailure` when it fails or times out.
 */
export const CallWebhookActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('call_webhook'),
  url: HttpUrlSchema,
  method: WebhookMethodSchema.default('POST'),
  body: z
    .string()
    .max(WEBHOOK_BODY_MAX_LENGTH, `Body must be at most ${WEBHOOK_BODY_MAX_LENGTH} characters`)
    .nullable()
    .default(null),
  responseMapping: z.array(ResponseMappingSchema).max(20).default([]),
  next: NextSchema,
  onFailure: NextSchema,
});

/** Ends this flow and starts another chatbot flow in the same conversation. */
export const GoToFlowActionSchema = z.strictObject({
  ...ActionBase,
  action: z.literal('go_to_flow'),
  flowId: FlowIdSchema,
});

export const ActionNodeSchema = z.discriminatedUnion('action', [
  AddTagActionSchema,
  RemoveTagActionSchema,
  SetContactPropertyActionSchema,
  HandoverActionSchema,
  CloseConversationActionSchema,
  OpenUrlActionSchema,
  DelayActionSchema,
  CallWebhookActionSchema,
  GoToFlowActionSchema,
]);
export type ActionNode = z.infer<typeof ActionNodeSchema>;
export type ActionType = ActionNode['action'];
export type HandoverAction = z.infer<typeof HandoverActionSchema>;
export type CallWebhookAction = z.infer<typeof CallWebhookActionSchema>;
export type DelayAction = z.infer<typeof DelayActionSchema>;
