import { defaultTargeting, lintTargeting, type LintWarning, type Targeting } from '@parley/targeting';
import { parseStoredTargeting } from './targeting-service.js';
import { listChatbotErrors } from '../storage/repositories/chatbot-session-repository.js';
import type { Kysely } from 'kysely';
import {
  availableLanguages,
  parseFlowDocument,
  validateParsedFlow,
  type Chatbot,
  type ChatbotSummary,
  type ChatbotVersion,
  type ChatbotVersionSummary,
  type FlowDocument,
  type Problem,
} from '@parley/flow';
import type { Clock } from '../clock.js';
import { notFound, ParleyError } from '../errors.js';
import { newId } from '../ids.js';
import type { ChatbotStatus, ChatbotVersionRow, Database } from '../storage/schema.js';
import {
  deleteChatbot,
  findChatbot,
  findVersion,
  insertChatbot,
  insertVersion,
  listChatbots,
  listVersions,
  lockChatbotForPublish,
  nextVersionNumber,
  updateChatbot,
  updateChatbotSettings,
  type ChatbotVersionSummaryRow,
  type ChatbotWithPublished,
} from '../storage/repositories/chatbot-repository.js';
import { findWorkspace } from '../storage/repositories/workspace-repository.js';
import { isUniqueViolation } from '../storage/unique-violation.js';
import { starterDraft } from './chatbot-starter-draft.js';

export type { Chatbot, ChatbotSummary, ChatbotVersion, ChatbotVersionSummary };

export type PublishResult =
  | { ok: true; version: ChatbotVersionSummary; chatbot: Chatbot }
  | { ok: false; problems: Problem[] };

/** How often a publish that lost a race for a version number is retried. */
const PUBLISH_ATTEMPTS = 3;

const iso = (ms: number) => new Date(ms).toISOString();

/** Reads a stored flow document (migrating it to the current format). */
function readFlow(text: string): FlowDocument {
  const parsed = parseFlowDocument(JSON.parse(text));
  if (!parsed.ok) throw new Error(`A stored chatbot flow cannot be read: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.flow;
}

/** Thrown inside the publish transaction to roll it back; never leaves the service. */
class UnpublishableDraft extends Error {
  constructor(readonly problems: Problem[]) {
    super('The draft has problems');
  }
}

/**
 * Chatbots: their draft flow, publishing it as immutable numbered versions,
 * and their settings. The flow rules (schema, validation) live in @parley/flow;
 * this service stores and enforces the lifecycle. Every call is scoped to a
 * workspace: another workspace's chatbot is "not found".
 */
export interface ChatbotTargeting {
  targeting: Targeting;
  priority: number;
  warnings: LintWarning[];
}

export interface ChatbotRunError {
  id: string;
  versionId: string;
  conversationId: string;
  nodeId: string | null;
  code: string;
  message: string;
  at: string;
}

export class ChatbotService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(workspaceId: string): Promise<ChatbotSummary[]> {
    const rows = await listChatbots(this.db, workspaceId);
    return rows.map((row) => this.#summary(row, readFlow(row.draft)));
  }

  async get(workspaceId: string, id: string): Promise<Chatbot> {
    const row = await findChatbot(this.db, workspaceId, id);
    if (!row) throw notFound('Chatbot');
    return this.#details(row);
  }

  /** A new, inactive chatbot with the starter draft. */
  async create(workspaceId: string, input: { name: string; defaultLanguage?: string | undefined }): Promise<Chatbot> {
    const now = this.clock.now();
    let language = input.defaultLanguage;
    if (!language) {
      const workspace = await findWorkspace(this.db, workspaceId);
      if (!workspace) throw notFound('Workspace');
      language = workspace.default_language;
    }
    const draft = starterDraft(language);
    const id = newId(now);
    await insertChatbot(this.db, {
      id,
      workspace_id: workspaceId,
      name: input.name,
      status: 'inactive',
      priority: 0,
      targeting: JSON.stringify(defaultTargeting()),
      default_language: draft.defaultLanguage,
      draft: JSON.stringify(draft),
      draft_updated_at: now,
      published_version_id: null,
      created_at: now,
      updated_at: now,
    });
    return this.get(workspaceId, id);
  }

  /**
   * Replaces the draft with a document already checked against the flow
   * schema. It is saved even when it has problems; they are listed on the
   * answer and refused only at publish.
   */
  async saveDraft(workspaceId: string, id: string, draft: FlowDocument): Promise<Chatbot> {
    const now = this.clock.now();
    const saved = await updateChatbot(this.db, workspaceId, id, {
      draft: JSON.stringify(draft),
      default_language: draft.defaultLanguage,
      draft_updated_at: now,
      updated_at: now,
    });
    if (!saved) throw notFound('Chatbot');
    return this.get(workspaceId, id);
  }

  /** Renames and/or switches the chatbot on or off; only a published chatbot can be active. */
  async update(workspaceId: string, id: string, changes: { name?: string | undefined; status?: ChatbotStatus | undefined }): Promise<Chatbot> {
    const activating = changes.status === 'active';
    const updated = await updateChatbotSettings(
      this.db,
      workspaceId,
      id,
      {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        updated_at: this.clock.now(),
      },
      activating,
    );
    if (!updated) {
      if (activating && (await findChatbot(this.db, workspaceId, id))) {
        throw new ParleyError('conflict', 'Publish the chatbot before activating it');
      }
      throw notFound('Chatbot');
    }
    return this.get(workspaceId, id);
  }

  /**
   * Validates the draft and stores it as the next version, which becomes the
   * published one. Concurrent publishes of one chatbot queue up on its row
   * lock; the unique (chatbot_id, number) is the backstop, with a retry.
   */
  async publish(workspaceId: string, id: string, agentId: string): Promise<PublishResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const version = await this.db.transaction().execute(async (trx) => {
          const now = this.clock.now();
          const locked = await lockChatbotForPublish(trx, workspaceId, id, now);
          if (!locked) throw notFound('Chatbot');
          const problems = validateParsedFlow(readFlow(locked.draft));
          if (problems.length > 0) throw new UnpublishableDraft(problems);
          const row: ChatbotVersionRow = {
            id: newId(now),
            chatbot_id: id,
            workspace_id: workspaceId,
            number: await nextVersionNumber(trx, workspaceId, id),
            // The draft's exact text, so "unpublished changes" is a plain comparison.
            flow: locked.draft,
            published_at: now,
            published_by: agentId,
          };
          await insertVersion(trx, row);
          await updateChatbot(trx, workspaceId, id, { published_version_id: row.id });
          return row;
        });
        return { ok: true, version: this.#versionSummary(version), chatbot: await this.get(workspaceId, id) };
      } catch (error) {
        if (error instanceof UnpublishableDraft) return { ok: false, problems: error.problems };
        if (isUniqueViolation(error) && attempt < PUBLISH_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  async listVersions(workspaceId: string, id: string): Promise<ChatbotVersionSummary[]> {
    if (!(await findChatbot(this.db, workspaceId, id))) throw notFound('Chatbot');
    const rows = await listVersions(this.db, workspaceId, id);
    return rows.map((row) => this.#versionSummary(row));
  }

  async getVersion(workspaceId: string, id: string, versionId: string): Promise<ChatbotVersion> {
    const row = await findVersion(this.db, workspaceId, id, versionId);
    if (!row) throw notFound('Chatbot version');
    return { ...this.#versionSummary(row), flow: readFlow(row.flow) };
  }

  /** Who sees the chatbot, when and where (docs/targeting.md), with the linter's warnings. */
  async getTargeting(workspaceId: string, id: string): Promise<ChatbotTargeting> {
    const row = await this.db.selectFrom('chatbots').select(['targeting', 'priority']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Chatbot');
    const targeting = parseStoredTargeting(row.targeting);
    return { targeting, priority: row.priority, warnings: lintTargeting(targeting) };
  }

  /** Replaces the targeting (already checked by `checkTargeting`) and maybe the priority. */
  async setTargeting(workspaceId: string, id: string, input: { targeting: Targeting; priority?: number | undefined }): Promise<ChatbotTargeting> {
    const result = await this.db
      .updateTable('chatbots')
      .set({
        targeting: JSON.stringify(input.targeting),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        updated_at: this.clock.now(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Chatbot');
    return this.getTargeting(workspaceId, id);
  }

  /** What went wrong while the chatbot ran (failed webhooks, broken flows), newest first. */
  async errors(workspaceId: string, id: string, limit: number): Promise<ChatbotRunError[]> {
    const row = await findChatbot(this.db, workspaceId, id);
    if (!row) throw notFound('Chatbot');
    const rows = await listChatbotErrors(this.db, workspaceId, id, limit);
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      conversationId: r.conversation_id,
      nodeId: r.node_id,
      code: r.code,
      message: r.message,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** Deletes the chatbot with all its versions. */
  async delete(workspaceId: string, id: string): Promise<void> {
    if (!(await deleteChatbot(this.db, workspaceId, id))) throw notFound('Chatbot');
  }

  #summary(row: ChatbotWithPublished, draft: FlowDocument): ChatbotSummary {
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      priority: row.priority,
      defaultLanguage: row.default_language,
      languages: availableLanguages(draft),
      publishedVersion:
        row.published_version_id !== null && row.published_number !== null && row.published_at !== null
          ? { id: row.published_version_id, number: row.published_number, publishedAt: iso(row.published_at) }
          : null,
      hasUnpublishedChanges: row.has_unpublished_changes === 1,
      draftUpdatedAt: iso(row.draft_updated_at),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  #details(row: ChatbotWithPublished): Chatbot {
    const draft = readFlow(row.draft);
    return { ...this.#summary(row, draft), draft, problems: validateParsedFlow(draft) };
  }

  #versionSummary(row: ChatbotVersionSummaryRow): ChatbotVersionSummary {
    return { id: row.id, number: row.number, publishedAt: iso(row.published_at), publishedBy: row.published_by };
  }
}
