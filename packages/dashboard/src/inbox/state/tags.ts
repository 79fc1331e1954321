import type { ConversationMap } from './conversations';

/** The server's rule (POST /conversations/:id/tags): 1–50 characters after trimming. */
export const TAG_MAX = 50;

export type TagCheck = { ok: true; tag: string } | { ok: false; error: string };

/** Trims and collapses inner whitespace ("  vip   lead " → "vip lead"). Case is kept: the server matches tags exactly. */
export function normalizeTag(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/**
 * Checks a tag typed by the agent against the server's rule and the conversation's tags.
 * A tag already there in another case resolves to the existing spelling (so "VIP" does not
 * sit beside "vip"); already present → an error saying so.
 */
export function checkNewTag(raw: string, existing: readonly string[], known: readonly string[] = []): TagCheck {
  const tag = normalizeTag(raw);
  if (tag.length === 0) return { ok: false, error: 'Tag is empty' };
  if (tag.length > TAG_MAX) return { ok: false, error: `Tag is longer than ${TAG_MAX} characters` };
  const lower = tag.toLowerCase();
  if (existing.some((t) => t.toLowerCase() === lower)) return { ok: false, error: 'Already tagged' };
  // Reuse the workspace's spelling of a tag seen elsewhere, so the filter finds both.
  const seen = known.find((t) => t.toLowerCase() === lower);
  return { ok: true, tag: seen ?? tag };
}

/** Tags carried by the loaded conversations (plus `extra`, e.g. the active filter), sorted case-insensitively. */
export function knownTags(all: ConversationMap, extra: string | null = null): string[] {
  const set = new Set<string>();
  for (const c of Object.values(all)) for (const t of c.tags) set.add(t);
  if (extra) set.add(extra);
  return [...set].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
}
