import type { Author, Conversation, Message } from '@parley/core';

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
    }
  | { kind: 'conversation.updated'; workspaceId: string; visitorId: string; conversation: Conversation }
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
