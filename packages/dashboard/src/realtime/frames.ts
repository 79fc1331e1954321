import type { Conversation, Message, ServerFrame } from '@parley/core';

/**
 * The frames an *agent* socket receives: like ServerFrame, except that
 * `conversation` frames always carry the full agent-side summary (visitors get a
 * reduced VisitorConversationState instead).
 */
export type AgentServerFrame =
  | Exclude<ServerFrame, { type: 'conversation' | 'message' }>
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'message'; message: Message; conversation?: Conversation };
