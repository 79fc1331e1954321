import type { Migration } from './apply-migrations.js';

/**
 * `FLOW_MIGRATIONS[v]` turns a version-`v` flow document into version `v + 1`.
 * To change the format: bump `FLOW_SCHEMA_VERSION`, add the step here (over
 * plain objects, never importing the current schemas), and add a test proving
 * that documents stored in the old format still parse.
 */
export const FLOW_MIGRATIONS: Readonly<Record<number, Migration>> = {};
