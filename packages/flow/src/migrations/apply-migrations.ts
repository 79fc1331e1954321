/** Upgrades a stored document from version `v` to `v + 1`; frozen in time, never imports app code. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

export type MigrationResult =
  | { ok: true; document: Record<string, unknown> }
  | { ok: false; message: string };

/**
 * Brings a raw document to `targetVersion` by applying `migrations[v]` for
 * each version from the document's `schemaVersion` up. Refuses documents
 * without a version, from a newer version, or with a gap in the chain.
 */
export function applyMigrations(
  input: unknown,
  migrations: Readonly<Record<number, Migration>>,
  targetVersion: number,
): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'A flow must be a JSON object' };
  }
  let document = input as Record<string, unknown>;
  let version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: 'The flow has no valid "schemaVersion"' };
  }
  if (version > targetVersion) {
    return {
      ok: false,
      message: `The flow was saved by a newer version of Parley (format ${version}; this one reads up to ${targetVersion})`,
    };
  }
  while (version < targetVersion) {
    const migrate = Object.hasOwn(migrations, version) ? migrations[version] : undefined;
    if (!migrate) return { ok: false, message: `No migration from flow format ${version} to ${version + 1}` };
    document = { ...migrate(document), schemaVersion: version + 1 };
    version += 1;
  }
  return { ok: true, document };
}
