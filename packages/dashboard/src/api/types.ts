import type { Conversation, InsightsResponse, Message, StatisticsFigures, StatisticsResponse, Visitor } from '@parley/core';
import type { FlowDocument, Problem } from '@parley/flow';
import type { LintWarning, OfficeHours, Targeting } from '@parley/targeting';

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

// ---- statistics and insights (docs/statistics.md; schemas in @parley/core) ----

export type { InsightsResponse, StatisticsFigures, StatisticsResponse };

// ---- billing (docs/billing.md; schemas in @parley/core `billing/api.ts`) ----

export type {
  AddonOffer,
  AddonPackageView,
  BillingOverview,
  BillingRecord,
  ChatbotUsage,
  LedgerEntry,
  PeriodView,
  Plan,
} from '@parley/core';

/** `POST /billing/plan`: what the change did; `effectiveAt` = now (upgrade) or the renewal (downgrade). */
export type PlanChangeOutcome = 'upgrade' | 'downgrade' | 'cancel_pending';

/** How an agent brings a chatbot into a conversation (`POST /conversations/:id/chatbot`). */
export type ChatbotRole = 'joined' | 'finished';

// ---- chatbots (docs/api.md "Chatbots") ----

export type { Chatbot, ChatbotSummary, ChatbotVersionRef, ChatbotVersionSummary as ChatbotVersion } from '@parley/flow';

export type { ChatbotVersion as ChatbotVersionWithFlow } from '@parley/flow';

/** What went wrong while a chatbot ran in a conversation (`GET /chatbots/:id/errors`, newest first). */
export interface ChatbotRunError {
  id: string;
  versionId: string;
  conversationId: string;
  /** The step it happened at, null when it concerns no step (an unavailable "go to flow" target). */
  nodeId: string | null;
  /** `webhook_failed`, `webhook_timeout`, `missing_node`, `step_limit`, `go_to_flow_unavailable` (others may come). */
  code: string;
  message: string;
  /** ISO 8601 */
  at: string;
}

// ---- targeting (docs/targeting.md "API") ----

export type { LintWarning, OfficeHours, Targeting };

/** `GET|PUT /chatbots/:id/targeting`. */
export interface TargetingAnswer {
  targeting: Targeting;
  priority: number;
  /** The linter's warnings on the stored targeting. */
  warnings: LintWarning[];
}

/** When nobody answers a visitor's message within `afterSeconds`, this chatbot joins the conversation. */
export interface UnansweredChatbot {
  chatbotId: string;
  /** 10–3 600 */
  afterSeconds: number;
}

/** `GET|PATCH /workspace/settings`. */
export interface WorkspaceSettings {
  name: string;
  /** IANA zone: scheduling conditions and office hours use it. */
  timeZone: string;
  defaultLanguage: string;
  /** null: always open. */
  officeHours: OfficeHours | null;
  /** 1–1 440 (default 30): a chatbot conversation quiet this long has ended (resolved when not escalated). */
  inactivityTimeoutMinutes: number;
  /** null: off. */
  unansweredChatbot: UnansweredChatbot | null;
}

export type WorkspaceSettingsPatch = Partial<Pick<WorkspaceSettings, 'timeZone' | 'officeHours' | 'inactivityTimeoutMinutes' | 'unansweredChatbot'>>;

/** One chatbot's outcome in the targeting debugger. */
export interface DebugVerdict {
  chatbotId: string;
  name: string;
  outcome: 'starts' | 'excluded' | 'outranked';
  /** Null for the chatbot that starts; `path` for a condition (index path into the tree). */
  reason: { code: string; message: string; path?: number[] } | null;
}

/** `POST /chatbots/targeting/debug`. */
export interface DebugAnswer {
  chatbotId: string | null;
  verdicts: DebugVerdict[];
  /** The moment in the workspace's time zone, as a sentence. */
  localTime: string;
  timeZone: string;
}
