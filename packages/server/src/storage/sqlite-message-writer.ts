import type SqliteDatabase from 'better-sqlite3';
import type { AppendMessageInput, AppendMessageResult } from './repositories/message-repository.js';
import type { MessageRow } from './schema.js';

/**
 * The message-append transaction of `appendMessage`, on prepared better-sqlite3
 * statements and run synchronously: the hot path of the embedded engine, where
 * Kysely's per-query building and the awaits cost more than SQLite itself.
 * Same SQL, same rules (seq bump locks nothing in SQLite but the write is one
 * synchronous transaction; a stored clientId fails the insert with a unique
 * violation and rolls the seq back).
 */
export class SqliteMessageWriter {
  readonly #db: SqliteDatabase.Database;
  readonly #bump: SqliteDatabase.Statement<unknown[], { last_seq: number }>;
  readonly #insert: SqliteDatabase.Statement;
  readonly #append: (input: AppendMessageInput) => AppendMessageResult;

  constructor(db: SqliteDatabase.Database) {
    this.#db = db;
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
      `insert into messages (id, workspace_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#append = db.transaction((input: AppendMessageInput): AppendMessageResult => {
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
      const row: MessageRow = {
        id: input.id,
        workspace_id: input.workspaceId,
        conversation_id: input.conversationId,
        seq: bumped.last_seq,
        client_id: input.clientId,
        author_type: input.authorType,
        author_id: input.authorId,
        author_name: input.authorName,
        text: input.text,
        created_at: input.now,
      };
      this.#insert.run(row.id, row.workspace_id, row.conversation_id, row.seq, row.client_id, row.author_type, row.author_id, row.author_name, row.text, row.created_at);
      return { kind: 'created', message: row };
    });
  }

  /** False while a Kysely transaction holds the connection: then the caller must use the Kysely path. */
  get available(): boolean {
    return !this.#db.inTransaction;
  }

  append(input: AppendMessageInput): AppendMessageResult {
    return this.#append(input);
  }
}
