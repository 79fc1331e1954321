/**
 * The real-time protocol spoken over WebSocket by the widget and the inbox.
 * docs/protocol.md is the human description; these schemas are the contract.
 */
import { z } from 'zod';
import { ClientIdSchema, MessageTextSchema, type AnswerField, type Author, type Message } from './message.js';
import type { Conversation } from './conversation.js';

export const PROTOCOL_VERSION = 1;

const Seq = z.number().int().nonnegative();
const Id = z.string().min(1).max(64);

export const SyncFrameSchema = z.object({
  type: z.literal('sync'),
  /** Visitors may omit it: their current conversation is meant. */
  conversationId: Id.optional(),
  /** The last seq the client holds; the server sends everything after it. */
  afterSeq: Seq.default(0),
});

export const SendMessageFrameSchema = z.object({
  type: z.literal('message.send'),
  clientId: ClientIdSchema,
  /** Visitors may omit it: the message goes to their open conversation, or starts one. */
  conversationId: Id.optional(),
  text: MessageTextSchema,
});

export const TypingFrameSchema = z.object({
  type: z.literal('typing'),
  conversationId: Id,
  typing: z.boolean(),
});

export const ReadFrameSchema = z.object({
  type: z.literal('read'),
  conversationId: Id,
  seq: Seq,
});

export const PingFrameSchema = z.object({ type: z.literal('ping') });

/**
 * The visitor opened the chat box. When they have no conversation going on,
 * the chatbot that applies starts (its messages arrive as `message` frames,
 * after a `conversation` frame naming the new conversation). Harmless to repeat.
 */
export const ChatbotOpenFrameSchema = z.object({ type: z.literal('chatbot.open') });

/**
 * The visitor clicked a chatbot button. Acknowledged like `message.send` (the
 * choice is stored as the visitor's message, its text the button's label); a
 * button that is not the current node's is refused with `unknown_choice`.
 */
export const ChatbotChooseFrameSchema = z.object({
  type: z.literal('chatbot.choose'),
  clientId: ClientIdSchema,
  conversationId: Id,
  nodeId: Id,
  choiceId: Id,
});

/**
 * The visitor closed the chat box. For statistics it ends the conversation
 * (docs/statistics.md): a chatbot conversation with no escalation is then
 * resolved by the chatbot. Reopening and interacting again makes it run again.
 */
export const ChatboxClosedFrameSchema = z.object({ type: z.literal('chatbox.closed'), conversationId: Id });

export const ClientFrameSchema = z.discriminatedUnion('type', [
  SyncFrameSchema,
  SendMessageFrameSchema,
  TypingFrameSchema,
  ReadFrameSchema,
  PingFrameSchema,
  ChatbotOpenFrameSchema,
  ChatbotChooseFrameSchema,
  ChatboxClosedFrameSchema,
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameInput = z.input<typeof ClientFrameSchema>;

export type ErrorCode =
  | 'bad_frame'
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conversation_closed'
  | 'rate_limited'
  /** A chatbot button that is not (or no longer) offered: the state is unchanged. */
  | 'unknown_choice'
  | 'internal';

/** Frames the server sends. */
export type ServerFrame =
  | {
      type: 'hello';
      protocol: number;
      connectionId: string;
      role: 'visitor' | 'agent';
      /** Agents: their id; visitors: their visitor id. */
      userId: string;
      serverTime: string;
    }
  | { type: 'sync'; conversationId: string | null; messages: Message[]; lastSeq: number; hasMore: boolean }
  | { type: 'message.ack'; clientId: string; message: Message }
  /** Agents' copies also carry the conversation's new summary, so one frame updates transcript and list. */
  | { type: 'message'; message: Message; conversation?: Conversation }
  | { type: 'typing'; conversationId: string; author: Author; typing: boolean }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'conversation'; conversation: VisitorConversationState }
  | { type: 'presence'; agentsOnline: number; agents?: { id: string; online: boolean }[] }
  | { type: 'pong' }
  | { type: 'error'; code: ErrorCode; message: string; ref?: string; path?: string };

/** What a visitor is told about their own conversation (never tags, assignee or notes). */
export interface VisitorConversationState {
  id: string;
  status: 'open' | 'closed';
  lastSeq: number;
  /** The chatbot in this conversation, when one is running or ran. */
  chatbot: VisitorChatbotState | null;
}

/**
 * What the widget needs to draw the chatbot's prompt: the buttons of the
 * message from `nodeId` are clickable while `awaiting` is "button"; while it is
 * "answer", typed text answers the question (`field` sets the input's kind).
 */
export interface VisitorChatbotState {
  status: 'waiting' | 'running' | 'handed_over' | 'ended';
  nodeId: string | null;
  awaiting: 'button' | 'answer' | 'nothing';
  field: AnswerField | null;
}

export type ParsedClientFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; error: Extract<ServerFrame, { type: 'error' }> };

/** Parses one raw frame without throwing; a bad frame yields the error frame to send back. */
export function parseClientFrame(raw: string): ParsedClientFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, error: { type: 'error', code: 'bad_frame', message: 'Frame is not valid JSON' } };
  }
  const parsed = ClientFrameSchema.safeParse(data);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  const ref =
    data && typeof data === 'object' && typeof (data as { clientId?: unknown }).clientId === 'string'
      ? (data as { clientId: string }).clientId
      : undefined;
  return {
    ok: false,
    error: {
      type: 'error',
      // An unknown shape or type is a bad frame; a known frame with a wrong field is invalid.
      code: !issue || issue.code === 'invalid_union' || issue.path.length === 0 || issue.path[0] === 'type' ? 'bad_frame' : 'invalid',
      message: issue?.message ?? 'Invalid frame',
      path: issue ? issue.path.join('.') : undefined,
      ...(ref ? { ref } : {}),
    },
  };
}
