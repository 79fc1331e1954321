import type { FlowDocument, Problem } from '@parley/flow';
import type {
  AddonPackageView,
  AgentListItem,
  BillingOverview,
  BillingRecord,
  ChatbotUsage,
  LedgerEntry,
  PeriodView,
  PlanChangeOutcome,
  Chatbot,
  ChatbotSummary,
  ChatbotRunError,
  ChatbotVersion,
  ChatbotVersionWithFlow,
  ChatbotRole,
  Conversation,
  DebugAnswer,
  InsightsResponse,
  StatisticsResponse,
  ConversationPage,
  ErrorBody,
  MessagePage,
  Session,
  TargetingAnswer,
  Targeting,
  Visitor,
  WorkspaceSettings,
  WorkspaceSettingsPatch,
} from './types';
import type { DebugRequest } from '../targeting/state/debugForm';

/** Every API failure, with the server's error code and message (docs/api.md) or `network`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    /** A refused publish (`422 invalid`): the draft's problems. */
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const BASE = '/api/v1';

let unauthorizedHandler: (() => void) | null = null;
/** Called when an authenticated call answers 401 (the session expired or was revoked). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Don't treat 401 as an expired session (login, me). */
  quiet401?: boolean;
}

function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Please sign in.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Try again in a moment.';
  if (status >= 500) return 'The server had a problem. Try again.';
  return `Request failed (${status}).`;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', "Can't reach the server. Check your connection.");
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const body = (data as Partial<ErrorBody> | null)?.error;
    const error = new ApiError(
      res.status,
      body?.code ?? 'http',
      body?.message || fallbackMessage(res.status),
      body?.issues ?? [],
      body?.problems ?? [],
    );
    if (res.status === 401 && !opts.quiet401) unauthorizedHandler?.();
    throw error;
  }
  return data as T;
}

export const api = {
  login: (email: string, password: string) =>
    request<Session>('POST', '/auth/login', { body: { email, password }, quiet401: true }),
  logout: () => request<void>('POST', '/auth/logout', { quiet401: true }),
  me: (signal?: AbortSignal) => request<Session>('GET', '/auth/me', { quiet401: true, signal }),

  agents: () => request<{ agents: AgentListItem[] }>('GET', '/agents'),

  conversations: (query: Record<string, string>, before?: string | null, signal?: AbortSignal) =>
    request<ConversationPage>('GET', '/conversations', { query: { ...query, limit: 50, before: before ?? undefined }, signal }),
  conversation: (id: string) =>
    request<{ conversation: Conversation }>('GET', `/conversations/${encodeURIComponent(id)}`),
  messages: (id: string, afterSeq: number, signal?: AbortSignal) =>
    request<MessagePage>('GET', `/conversations/${encodeURIComponent(id)}/messages`, {
      query: { afterSeq, limit: 500 },
      signal,
    }),
  assign: (id: string, assigneeId: string | null) =>
    request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/assign`, { body: { assigneeId } }),
  addTag: (id: string, tag: string) =>
    request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/tags`, { body: { tag } }),
  removeTag: (id: string, tag: string) =>
    request<{ conversation: Conversation }>('DELETE', `/conversations/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`),
  close: (id: string) => request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/close`),
  reopen: (id: string) => request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/reopen`),
  read: (id: string, seq: number) =>
    request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/read`, { body: { seq } }),
  /** `joined`: the chatbot joins now; `finished`: it finishes the conversation. 409 when one already runs, 422 unpublished. */
  handToChatbot: (id: string, chatbotId: string, role: ChatbotRole) =>
    request<{ conversation: Conversation }>('POST', `/conversations/${encodeURIComponent(id)}/chatbot`, { body: { chatbotId, role } }),

  visitor: (id: string, signal?: AbortSignal) =>
    request<{ visitor: Visitor }>('GET', `/visitors/${encodeURIComponent(id)}`, { signal }),

  chatbots: (signal?: AbortSignal) => request<{ chatbots: ChatbotSummary[] }>('GET', '/chatbots', { signal }),
  chatbot: (id: string, signal?: AbortSignal) =>
    request<{ chatbot: Chatbot }>('GET', `/chatbots/${encodeURIComponent(id)}`, { signal }),
  createChatbot: (name: string, defaultLanguage?: string) =>
    request<{ chatbot: Chatbot }>('POST', '/chatbots', { body: { name, defaultLanguage } }),
  saveDraft: (id: string, draft: FlowDocument) =>
    request<{ chatbot: Chatbot }>('PUT', `/chatbots/${encodeURIComponent(id)}/draft`, { body: { draft } }),
  updateChatbot: (id: string, patch: { name?: string; status?: 'active' | 'inactive' }) =>
    request<{ chatbot: Chatbot }>('PATCH', `/chatbots/${encodeURIComponent(id)}`, { body: patch }),
  publishChatbot: (id: string) =>
    request<{ version: ChatbotVersion; chatbot: Chatbot }>('POST', `/chatbots/${encodeURIComponent(id)}/publish`),
  deleteChatbot: (id: string) => request<void>('DELETE', `/chatbots/${encodeURIComponent(id)}`),
  chatbotVersions: (id: string, signal?: AbortSignal) =>
    request<{ versions: ChatbotVersion[] }>('GET', `/chatbots/${encodeURIComponent(id)}/versions`, { signal }),
  chatbotVersion: (id: string, versionId: string, signal?: AbortSignal) =>
    request<{ version: ChatbotVersionWithFlow }>(
      'GET',
      `/chatbots/${encodeURIComponent(id)}/versions/${encodeURIComponent(versionId)}`,
      { signal },
    ),
  /** Newest first; `limit` 1–200 (server default 50). */
  chatbotErrors: (id: string, limit = 50, signal?: AbortSignal) =>
    request<{ errors: ChatbotRunError[] }>('GET', `/chatbots/${encodeURIComponent(id)}/errors`, { query: { limit }, signal }),
  /** Owners and admins only (403 for agents). */
  webhookSigningKey: () => request<{ key: string }>('GET', '/chatbots/webhook-signing-key'),

  /** Who sees the chatbot, when and where (docs/targeting.md), with the linter's warnings. */
  targeting: (id: string, signal?: AbortSignal) =>
    request<TargetingAnswer>('GET', `/chatbots/${encodeURIComponent(id)}/targeting`, { signal }),
  /** Owners and admins; `400 invalid` with `issues[].path` = `body.targeting.conditions.conditions.1.value`. */
  saveTargeting: (id: string, targeting: Targeting, priority?: number) =>
    request<TargetingAnswer>('PUT', `/chatbots/${encodeURIComponent(id)}/targeting`, { body: { targeting, priority } }),
  /** The targeting debugger: which chatbot would start for this visitor and moment. */
  debugTargeting: (body: DebugRequest, signal?: AbortSignal) =>
    request<DebugAnswer>('POST', '/chatbots/targeting/debug', { body, signal }),

  workspaceSettings: (signal?: AbortSignal) => request<WorkspaceSettings>('GET', '/workspace/settings', { signal }),
  /** Owners and admins; `400` on an unknown zone or a value out of range (`issues[].path` = `body.…`). */
  updateWorkspaceSettings: (patch: WorkspaceSettingsPatch) => request<WorkspaceSettings>('PATCH', '/workspace/settings', { body: patch }),

  /** Days `from`..`to` (both included) in the workspace's zone; `400` with `issues[].path` = `querystring.from|to`. */
  statistics: (query: { from: string; to: string; chatbotId?: string }, signal?: AbortSignal) =>
    request<StatisticsResponse>('GET', '/statistics', { query, signal }),
  chatbotInsights: (id: string, query: { from: string; to: string; versionId?: string; language?: string }, signal?: AbortSignal) =>
    request<InsightsResponse>('GET', `/chatbots/${encodeURIComponent(id)}/insights`, { query, signal }),

  /** Chatbot conversations left this period (any agent): "312 of 1 000 left, renews on 3 December". */
  billingUsage: (signal?: AbortSignal) => request<ChatbotUsage>('GET', '/billing/usage', { signal }),
  /** Plan, period, usage, packages, offers, the plans to choose from (owners and admins; 403 for agents). */
  billing: (signal?: AbortSignal) => request<BillingOverview>('GET', '/billing', { signal }),
  /** Owner only; `400` with `issues[].path` = `body.offerId|quantity`. */
  buyPackage: (offerId: string, quantity: number) =>
    request<{ package: AddonPackageView; record: BillingRecord; overview: BillingOverview }>('POST', '/billing/packages', {
      body: { offerId, quantity },
    }),
  /** Owner only; `409` when the package has already lapsed. */
  setPackageAutoRenew: (id: string, autoRenew: boolean) =>
    request<{ package: AddonPackageView; overview: BillingOverview }>('PATCH', `/billing/packages/${encodeURIComponent(id)}`, {
      body: { autoRenew },
    }),
  /** Owner only: an upgrade applies now, a downgrade at the renewal, the current plan takes a pending downgrade back. */
  changePlan: (planCode: string) =>
    request<{ overview: BillingOverview; outcome: PlanChangeOutcome; effectiveAt: string }>('POST', '/billing/plan', { body: { planCode } }),
  /** Purchases, renewals and plan changes, newest first (owners and admins). */
  billingRecords: (signal?: AbortSignal) => request<{ records: BillingRecord[] }>('GET', '/billing/records', { signal }),
  /** Every conversation counted in a period, with the interaction that counted it (owners and admins). */
  billingLedger: (periodIndex: number | undefined, signal?: AbortSignal) =>
    request<{ period: PeriodView; entries: LedgerEntry[] }>('GET', '/billing/ledger', { query: { periodIndex }, signal }),
};

export type Api = typeof api;

/** The usage ledger of one billing period as CSV (a plain link: the session cookie goes with it). */
export function ledgerCsvUrl(periodIndex: number): string {
  return url('/billing/ledger.csv', { periodIndex });
}

/** A message fit for the interface from anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
