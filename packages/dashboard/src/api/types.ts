import type { Conversation, Message, Visitor } from '@parley/core';
import type { FlowDocument, Problem } from '@parley/flow';

/** Shapes of the REST answers (docs/api.md). Conversation, Message and Visitor come from @parley/core. */
export type AgentRole = 'owner' | 'admin' | 'agent';

export interface AgentProfile {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface Session {
  agent: AgentProfile;
  workspace: Workspace;
}

export interface AgentListItem extends AgentProfile {
  online: boolean;
}

export interface ConversationPage {
  conversations: Conversation[];
  nextCursor: string | null;
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; problems?: Problem[] };
}

export type { Conversation, Message, Visitor };

// ---- chatbots (docs/api.md "Chatbots") ----

export type { Chatbot, ChatbotSummary, ChatbotVersionRef, ChatbotVersionSummary as ChatbotVersion } from '@parley/flow';
