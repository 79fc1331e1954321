import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Conversation } from '@parley/core';
import { messageRow, type AppendMessageInput, type AppendMessageResult } from './repositories/message-repository.js';
import { openConversationOfVisitorQuery, summaryQuery, toConversation, type SummaryRow } from './repositories/conversation-repository.js';
import type { ConversationRow, Database } from './schema.js';

/**
 * The visitor-message hot path of the embedded engine on prepared better-sqlite3
 * statements, run synchronously, where Kysely's per-query building and the awaits
 * cost more than SQLite itself: the append transaction of `appendMessage` (same
 * rules: a stored clientId fails the insert with a unique violation, which rolls
 * the seq back) and the two reads around it, whose SQL is compiled once by Kysely
 * from the same query builders the repositories use.
 */
export class SqliteHotPath {
  readonly #db: SqliteDatabase.Database;
  readonly #findOpen: SqliteDatabase.Statement<unknown[], ConversationRow>;
  readonly #summary: SqliteDatabase.Statement<unknown[], SummaryRow>;
  readonly #bump: SqliteDatabase.Statement<unknown[], { last_seq: number }>;
  readonly #insert: SqliteDatabase.Statement;
  readonly #control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', SqliteDatabase.Statement>;
  /** Appends waiting for this event-loop turn's group commit. */
  #queue: { input: AppendMessageInput; resolve: (r: AppendMessageResult) => void; reject: (e: unknown) => void }[] = [];

  constructor(db: SqliteDatabase.Database, kysely: Kysely<Database>) {
    this.#db = db;
    // Compiled with marker values; the parameters are bound positionally in the same order.
    this.#findOpen = db.prepare(openConversationOfVisitorQuery(kysely, '?visitor').compile().sql);
    this.#summary = db.prepare(summaryQuery(kysely, '?workspace').where('conversations.id', '=', '?id').compile().sql);
    this.#bump = db.prepare(
      `update conversations set
         last_seq = last_seq + 1,
         visitor_message_count = visitor_message_count + ?,
         last_message_seq = last_seq + 1,
         last_message_text = ?,
         last_message_author_type = ?,
         last_message_at = ?,
         activity_at = ?,
         updated_at = ?
       where workspace_id = ? and id = ?
       returning last_seq`,
    );
    this.#insert = db.prepare(
      `insert into messages (id, workspace_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, meta, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#control = {
      begin: db.prepare('begin'),
      commit: db.prepare('commit'),
      rollback: db.prepare('rollback'),
      savepoint: db.prepare('savepoint parley_message'),
      release: db.prepare('release parley_message'),
      rollbackTo: db.prepare('rollback to parley_message'),
    };
  }

  /** One append, inside the open group transaction. */
  #appendOne(input: AppendMessageInput): AppendMessageResult {
    const bumped = this.#bump.get(
      input.authorType === 'visitor' ? 1 : 0,
      input.text.slice(0, 200),
      input.authorType,
      input.now,
      input.now,
      input.now,
      input.workspaceId,
      input.conversationId,
    );
    if (!bumped) return { kind: 'missing' };
    const row = messageRow(input, bumped.last_seq);
    this.#insert.run(row.id, row.workspace_id, row.conversation_id, row.seq, row.client_id, row.author_type, row.author_id, row.author_name, row.text, row.meta, row.created_at);
    return { kind: 'created', message: row };
  }

  /** False while a Kysely transaction holds the connection: synchronous reads must then go through Kysely. */
  get available(): boolean {
    return !this.#db.inTransaction;
  }

  /**
   * Group commit: every append requested during one event-loop turn is written in
   * one transaction, each under its own savepoint so that a failure (a duplicate
   * clientId, a missing conversation) undoes and rejects only its own message.
   * Promises settle only after COMMIT: nothing is acknowledged before it is durable.
   */
  append(input: AppendMessageInput): Promise<AppendMessageResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    // A Kysely transaction is between two awaits on this connection: wait for it to finish.
    if (this.#db.inTransaction) {
      setImmediate(() => this.#flush());
      return;
    }
    const batch = this.#queue;
    this.#queue = [];
    const outcomes: ({ ok: true; result: AppendMessageResult } | { ok: false; error: unknown })[] = [];
    try {
      this.#control.begin.run();
      for (const { input } of batch) {
        this.#control.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.#appendOne(input) });
          this.#control.release.run();
        } catch (error) {
          this.#control.rollbackTo.run();
          this.#control.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      this.#control.commit.run();
    } catch (error) {
      if (this.#db.inTransaction) this.#control.rollback.run();
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.result);
      else item.reject(outcome.error);
    });
  }

  findOpenConversationOfVisitor(visitorId: string): ConversationRow | undefined {
    return this.#findOpen.get(visitorId);
  }

  loadConversation(workspaceId: string, id: string, now: number): Conversation | undefined {
    const row = this.#summary.get(workspaceId, id);
    return row ? toConversation(row, now) : undefined;
  }
}
