import { z } from 'zod';
import { AuthorTypeSchema } from './message.js';

export const ConversationStatusSchema = z.enum(['open', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/** Labels are set by the system (e.g. "joined_by_chatbot"), tags by people. */
export const ConversationLabelSchema = z.enum(['joined_by_chatbot']);
export type ConversationLabel = z.infer<typeof ConversationLabelSchema>;

export const VisitorBriefSchema = z.object({
  id: z.string(),
  /** Contact name or email when the visitor gave one, else a stable pseudonym. */
  displayName: z.string(),
  email: z.string().nullable(),
  online: z.boolean(),
});
export type VisitorBrief = z.infer<typeof VisitorBriefSchema>;

export const LastMessageSchema = z.object({
  seq: z.number().int(),
  authorType: AuthorTypeSchema,
  text: z.string(),
  createdAt: z.string(),
});

/** Where a chatbot session stands: waiting for the visitor, running (webhook, delay), or stopped. */
export const ChatbotSessionStatusSchema = z.enum(['waiting', 'running', 'handed_over', 'ended']);
export type ChatbotSessionStatus = z.infer<typeof ChatbotSessionStatusSchema>;

/** The conversation's latest chatbot session, as agents see it. */
export const ConversationChatbotSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ChatbotSessionStatusSchema,
});
export type ConversationChatbot = z.infer<typeof ConversationChatbotSchema>;

/** quota_exhausted: the month's chatbot conversations ran out before the visitor's first interaction (docs/billing.md). */
export const HandoverReasonSchema = z.enum(['visitor_typed', 'handover_node', 'asked_for_human', 'invalid_answers', 'flow_error', 'quota_exhausted']);
export type HandoverReason = z.infer<typeof HandoverReasonSchema>;

/** A chatbot handed the conversation to the team and no agent has replied yet. */
export const PendingHandoverSchema = z.object({
  at: z.string(),
  reason: HandoverReasonSchema,
});
export type PendingHandover = z.infer<typeof PendingHandoverSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  websiteId: z.string(),
  status: ConversationStatusSchema,
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  labels: z.array(ConversationLabelSchema),
  lastSeq: z.number().int().nonnegative(),
  lastMessage: LastMessageSchema.nullable(),
  /** Visitor messages the requesting agent has not read yet (0 for visitors). */
  unreadCount: z.number().int().nonnegative(),
  visitor: VisitorBriefSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last activity (message, close, reopen): the inbox's order. */
  activityAt: z.string(),
  closedAt: z.string().nullable(),
  chatbot: ConversationChatbotSchema.nullable(),
  /** Set while the team owes the visitor a reply after a chatbot handover: the inbox highlights it. */
  handover: PendingHandoverSchema.nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export type ConversationCommand =
  | { kind: 'close' }
  | { kind: 'reopen' }
  | { kind: 'assign'; assigneeId: string | null };

export type ConversationTransition =
  | { ok: true; status: ConversationStatus; assigneeId: string | null; changed: boolean }
  | { ok: false; error: string };

/**
 * The rules for changing a conversation's status and assignee, over plain data.
 * Closing a closed conversation or reopening an open one is a harmless no-op.
 */
export function applyConversationCommand(
  current: { status: ConversationStatus; assigneeId: string | null },
  command: ConversationCommand,
): ConversationTransition {
  switch (command.kind) {
    case 'close':
      return { ok: true, status: 'closed', assigneeId: current.assigneeId, changed: current.status !== 'closed' };
    case 'reopen':
      return { ok: true, status: 'open', assigneeId: current.assigneeId, changed: current.status !== 'open' };
    case 'assign':
      return {
        ok: true,
        status: current.status,
        assigneeId: command.assigneeId,
        changed: current.assigneeId !== command.assigneeId,
      };
  }
}

/**
 * A visitor's message goes into their open conversation; when the last one is
 * closed (or none exists) a new conversation starts.
 */
export function visitorMessageTarget(
  latest: { id: string; status: ConversationStatus } | null,
): { kind: 'existing'; conversationId: string } | { kind: 'new' } {
  if (latest && latest.status === 'open') return { kind: 'existing', conversationId: latest.id };
  return { kind: 'new' };
}
