import type { Author, Conversation, Message, VisitorChatbotState } from '@parley/core';

/** What happened, fanned out to every node so each can tell its own sockets. */
export type ParleyEvent =
  | {
      kind: 'message.created';
      workspaceId: string;
      visitorId: string;
      message: Message;
      /** The conversation's summary after this message (for agents). */
      conversation: Conversation;
      /** The connection that sent it; it already got a message.ack. */
      originConnectionId?: string;
      /** A chatbot's impression the visitor has not touched: not the team's business yet. */
      hiddenFromAgents?: boolean;
    }
  | {
      kind: 'conversation.updated';
      workspaceId: string;
      visitorId: string;
      conversation: Conversation;
      /** What the visitor's widget needs to draw the chatbot's prompt. */
      visitorChatbot: VisitorChatbotState | null;
      hiddenFromAgents?: boolean;
    }
  | {
      kind: 'typing';
      workspaceId: string;
      visitorId: string;
      conversationId: string;
      author: Author;
      typing: boolean;
      originConnectionId: string;
    }
  | { kind: 'presence.changed'; workspaceId: string; agents: { id: string; online: boolean }[] };

export type EventHandler = (event: ParleyEvent) => void;

/** Fan-out of events to every node (in-process by default, Redis pub/sub with several nodes). */
export interface EventBus {
  publish(event: ParleyEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
