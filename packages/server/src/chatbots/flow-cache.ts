/**
 * Published versions never change, so their parsed flows (and each language's
 * resolved texts) are cached per process. Bounded: the oldest entries go first.
 */
import type { Kysely } from 'kysely';
import { parseFlowDocument, resolveTexts, type FlowDocument } from '@parley/flow';
import type { Database } from '../storage/schema.js';

export interface CachedVersion {
  id: string;
  chatbotId: string;
  flow: FlowDocument;
}

export class FlowCache {
  readonly #versions = new Map<string, CachedVersion>();
  readonly #resolved = new Map<string, FlowDocument>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly capacity = 500,
  ) {}

  async version(workspaceId: string, versionId: string): Promise<CachedVersion | undefined> {
    const cached = this.#versions.get(versionId);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('chatbot_versions')
      .select(['id', 'chatbot_id', 'flow'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!row) return undefined;
    const parsed = parseFlowDocument(JSON.parse(row.flow) as unknown);
    if (!parsed.ok) throw new Error(`Published version ${versionId} does not parse: ${parsed.problems.map((p) => p.message).join('; ')}`);
    const entry = { id: row.id, chatbotId: row.chatbot_id, flow: parsed.flow };
    this.#remember(this.#versions, versionId, entry);
    return entry;
  }

  /** The flow with the texts of `language` applied (null: the default language). */
  resolved(version: CachedVersion, language: string | null): FlowDocument {
    if (!language) return version.flow;
    const key = `${version.id}\u0000${language}`;
    let flow = this.#resolved.get(key);
    if (!flow) {
      flow = resolveTexts(version.flow, language);
      this.#remember(this.#resolved, key, flow);
    }
    return flow;
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    if (map.size >= this.capacity) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, value);
  }
}
