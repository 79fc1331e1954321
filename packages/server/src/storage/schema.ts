/**
 * Kysely table types. Timestamps are epoch milliseconds (bigint in PostgreSQL,
 * integer in SQLite) so both engines compare and index them the same way.
 * Booleans are 0/1 integers; JSON documents are text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ChatbotSessionStatus, HandoverReason } from '@parley/core';

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  timezone: string;
  default_language: string;
  created_at: number;
  /** JSON OfficeHours, or null: always open. */
  office_hours: string | null;
  /** A chatbot conversation with no activity this long has ended (statistics). */
  inactivity_timeout_minutes: Generated<number>;
  /** JSON {chatbotId, afterSeconds}, or null. */
  unanswered_chatbot: string | null;
  plan_code: Generated<string>;
  /** The subscription's start: its periods are anchored to this local day (null: the workspace's creation). */
  subscription_start: number | null;
  /** The time zone billing periods are counted in (null: the workspace's). */
  billing_timezone: string | null;
  /** A downgrade waiting for the renewal. */
  pending_plan_code: string | null;
  pending_plan_at: number | null;
}

export type AgentRole = 'owner' | 'admin' | 'agent';

export interface AgentsTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: AgentRole;
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  agent_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
}

export interface WebsitesTable {
  id: string;
  workspace_id: string;
  name: string;
  public_key: string;
  /** JSON array of origins ("https://shop.example") or ["*"]. */
  allowed_origins: string;
  color: string;
  position: 'right' | 'left';
  greeting: string;
  created_at: number;
}

export interface ContactsTable {
  id: string;
  workspace_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** JSON object of string properties. */
  properties: string;
  created_at: number;
  updated_at: number;
}

export interface VisitorsTable {
  id: string;
  workspace_id: string;
  website_id: string;
  contact_id: string | null;
  language: string | null;
  user_agent: string | null;
  device_type: string;
  browser: string | null;
  os: string | null;
  current_url: string | null;
  current_title: string | null;
  referrer: string | null;
  visit_count: number;
  page_view_count: number;
  first_seen_at: number;
  last_seen_at: number;
  /** The visitor counts as online until this instant; sockets keep pushing it forward. */
  online_until: number;
  /** The language the website's script set, if any. */
  script_language: string | null;
  /** JSON array: the browser's languages in preference order. */
  browser_languages: string;
  /** JSON object: custom variables set by the website's script. */
  variables: string;
  visitor_group: string | null;
  country: string | null;
  city: string | null;
  /** JSON object: the UTM parameters of the visit's landing page. */
  utm: string;
  visit_started_at: number;
}

export interface PageViewsTable {
  id: string;
  workspace_id: string;
  visitor_id: string;
  url: string;
  title: string;
  referrer: string;
  at: number;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  website_id: string;
  visitor_id: string;
  status: 'open' | 'closed';
  assignee_id: string | null;
  last_seq: number;
  visitor_message_count: number;
  /** Team-wide read state: visitor messages read by any agent. */
  read_visitor_message_count: number;
  /** JSON array, kept equal to the conversation_tags rows (which serve filtering). */
  tags: string;
  /** Unused: labels derive from `first_interaction_at` (the "Joined by chatbot" label). */
  labels: string;
  last_message_seq: number | null;
  last_message_text: string | null;
  last_message_author_type: string | null;
  last_message_at: number | null;
  /** Last activity, for ordering the inbox (and the inactivity timeout of statistics). */
  activity_at: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  /** 0 for a chatbot's impression (the visitor never interacted): hidden from the inbox. */
  inbox_visible: number;
  /** The latest chatbot session's chatbot and status. */
  chatbot_id: string | null;
  chatbot_status: ChatbotSessionStatus | null;
  /** A chatbot handed over and no agent has replied yet. */
  handover_at: number | null;
  handover_reason: HandoverReason | null;
  /** The visitor's first click or answer to a chatbot: a chatbot conversation ("Joined by chatbot") from then on. */
  first_interaction_at: number | null;
  /** A token set whenever something statistics read changed; the projector clears the one it saw. */
  stats_dirty: string | null;
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author_type: 'visitor' | 'agent' | 'chatbot' | 'system';
  author_id: string | null;
  author_name: string | null;
  text: string;
  /** JSON MessageMeta, or null. */
  meta: string | null;
  created_at: number;
}

export interface ConversationTagsTable {
  conversation_id: string;
  workspace_id: string;
  tag: string;
  created_at: number;
}

export interface ConversationLabelsTable {
  conversation_id: string;
  workspace_id: string;
  label: string;
  created_at: number;
}

export interface AgentPresenceTable {
  agent_id: string;
  workspace_id: string;
  node_id: string;
  connections: number;
  /** Rows older than the presence TTL belong to a node that died. */
  heartbeat_at: number;
}

export type ChatbotStatus = 'active' | 'inactive';

export interface ChatbotsTable {
  id: string;
  workspace_id: string;
  name: string;
  status: ChatbotStatus;
  /** Kept equal to the draft's defaultLanguage. */
  default_language: string;
  /** JSON FlowDocument: the draft being edited. */
  draft: string;
  draft_updated_at: number;
  /** The live version (chatbot_versions.id), null until the first publish. */
  published_version_id: string | null;
  created_at: number;
  updated_at: number;
  /** Which chatbot starts when several could: the highest first. */
  priority: number;
  /** JSON Targeting (docs/targeting.md). */
  targeting: string;
}

export interface ChatbotVersionsTable {
  id: string;
  chatbot_id: string;
  workspace_id: string;
  /** 1, 2, 3… per chatbot; unique with chatbot_id. */
  number: number;
  /** JSON FlowDocument, immutable once published. */
  flow: string;
  published_at: number;
  /** The agent who published. */
  published_by: string;
}

export interface ChatbotSessionsTable {
  conversation_id: string;
  id: string;
  workspace_id: string;
  chatbot_id: string;
  version_id: string;
  /** The variant spoken, or null for the flow's default language. */
  language: string | null;
  visitor_language: string;
  /** JSON FlowState. */
  state: string;
  status: ChatbotSessionStatus;
  /** JSON VisitorChatbotState. */
  visitor_state: string;
  email_capture: 'asking' | null;
  email_capture_retries: number;
  step_count: number;
  started_at: number;
  updated_at: number;
  /** How the chatbot came in: it started the conversation, joined it, or finishes it (then closes it). */
  role: ChatbotRole;
  /** 1 once the conversation counted (or had counted before this session): no metering read on later steps. */
  counted: number;
}

export type ChatbotRole = 'started' | 'joined' | 'finished';

export interface ChatbotEventsTable {
  id: string;
  visitor_id: string | null;
  workspace_id: string;
  conversation_id: string;
  chatbot_id: string;
  version_id: string;
  language: string;
  event: string;
  node_id: string;
  choice_id: string | null;
  reason: string | null;
  at: number;
  dedupe_key: string;
}

/** `unanswered`: a visitor's message waits for an agent; the workspace's unanswered-chatbot joins when it is due. */
export type ChatbotTimerKind = 'delay' | 'webhook' | 'handover_offer' | 'unanswered';

export type ConversationEventKind = 'visitor_typed' | 'chatbox_closed' | 'closed' | 'inactive';

export interface ConversationEventsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  kind: ConversationEventKind;
  session_id: string | null;
  at: number;
  dedupe_key: string;
}

export interface ConversationStatsTable {
  conversation_id: string;
  workspace_id: string;
  kind: string;
  outcome: string;
  /** JSON Contribution (@parley/core): what the conversation adds to the aggregates. */
  contribution: string;
  updated_at: number;
}

export interface StatsDailyTable {
  workspace_id: string;
  /** '' for all chatbots. */
  chatbot_id: string;
  day: string;
  conversations: number;
  chatbot_conversations: number;
  chatbot_shown: number;
  resolved: number;
  escalated: number;
  in_progress: number;
  impressions: number;
}

export interface InsightsDailyTable {
  workspace_id: string;
  chatbot_id: string;
  day: string;
  version_id: string;
  language: string;
  triggered: number;
  engaged: number;
  chatbot_conversations: number;
  resolved: number;
  escalated: number;
}

export interface InsightsPathDailyTable {
  workspace_id: string;
  chatbot_id: string;
  day: string;
  version_id: string;
  language: string;
  metric: string;
  node_id: string;
  target: string;
  count: number;
}

export interface ChatbotTimersTable {
  conversation_id: string;
  kind: ChatbotTimerKind;
  workspace_id: string;
  due_at: number;
  claimed_by: string | null;
  claimed_until: number | null;
}

export interface ChatbotErrorsTable {
  id: string;
  workspace_id: string;
  chatbot_id: string;
  version_id: string;
  conversation_id: string;
  node_id: string | null;
  code: string;
  message: string;
  at: number;
}

export interface BillingUsageTable {
  workspace_id: string;
  period_index: number;
  limit_value: number;
  used: number;
  updated_at: number;
}

export interface UsageLedgerTable {
  conversation_id: string;
  workspace_id: string;
  period_index: number;
  counted_at: number;
  chatbot_id: string;
  version_id: string;
  session_id: string;
  interaction: 'button_chosen' | 'answer_given';
  node_id: string;
  choice_id: string | null;
  visitor_id: string;
}

export interface AddonPackagesTable {
  id: string;
  workspace_id: string;
  offer_id: string;
  name: string;
  kind: 'chatbot_conversations' | 'agent_seats';
  quantity: number;
  amount: number;
  monthly_price_cents: number;
  currency: string;
  purchased_at: number;
  purchased_in_period: number;
  paid_through_period: number;
  auto_renew: number;
  renews_at: number;
  lapses_at: number | null;
  status: 'active' | 'lapsed';
}

export interface BillingRecordsTable {
  id: string;
  workspace_id: string;
  at: number;
  kind: 'package_purchase' | 'package_renewal' | 'plan_change';
  item: string;
  description: string;
  quantity: number;
  amount_cents: number;
  currency: string;
  period_index: number;
  period_start: number;
  period_end: number;
  idempotency_key: string;
}

export interface PaymentChargesTable {
  id: string;
  workspace_id: string;
  billing_record_id: string;
  amount_cents: number;
  currency: string;
  description: string;
  status: 'recorded' | 'captured' | 'failed';
  at: number;
}

export interface UsageNotificationsTable {
  workspace_id: string;
  period_index: number;
  threshold: number;
  at: number;
}

export interface Database {
  instance_settings: InstanceSettingsTable;
  workspaces: WorkspacesTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  websites: WebsitesTable;
  contacts: ContactsTable;
  visitors: VisitorsTable;
  page_views: PageViewsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  conversation_tags: ConversationTagsTable;
  conversation_labels: ConversationLabelsTable;
  agent_presence: AgentPresenceTable;
  chatbots: ChatbotsTable;
  chatbot_versions: ChatbotVersionsTable;
  chatbot_sessions: ChatbotSessionsTable;
  chatbot_events: ChatbotEventsTable;
  chatbot_timers: ChatbotTimersTable;
  chatbot_errors: ChatbotErrorsTable;
  conversation_events: ConversationEventsTable;
  conversation_stats: ConversationStatsTable;
  stats_daily: StatsDailyTable;
  insights_daily: InsightsDailyTable;
  insights_path_daily: InsightsPathDailyTable;
  billing_usage: BillingUsageTable;
  usage_ledger: UsageLedgerTable;
  addon_packages: AddonPackagesTable;
  billing_records: BillingRecordsTable;
  payment_charges: PaymentChargesTable;
  usage_notifications: UsageNotificationsTable;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;
export type AgentRow = Selectable<AgentsTable>;
export type WebsiteRow = Selectable<WebsitesTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type ChatbotRow = Selectable<ChatbotsTable>;
export type ChatbotVersionRow = Selectable<ChatbotVersionsTable>;
