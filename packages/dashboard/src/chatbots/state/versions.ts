import type { ChatbotSummary, ChatbotVersion } from '../../api/types';

/** Published versions (`GET /chatbots/:id/versions`) as the builder shows them. Pure. */

/** Who published: "You", the agent's name, or a neutral label when the agent is gone (or names are not loaded yet). */
export function publisherName(agentId: string, names: ReadonlyMap<string, string> | null, meId: string): string {
  if (agentId === meId) return 'You';
  const name = names?.get(agentId);
  if (name) return name;
  return names === null ? 'An agent' : 'A former team member';
}

/**
 * Whether a version is what visitors run: `live` = the published version of an
 * active chatbot; `published` = the published version of an inactive one (no
 * visitor meets it until it is activated); `old` otherwise.
 */
export function versionState(
  version: Pick<ChatbotVersion, 'id'>,
  chatbot: Pick<ChatbotSummary, 'status' | 'publishedVersion'>,
): 'live' | 'published' | 'old' {
  if (chatbot.publishedVersion?.id !== version.id) return 'old';
  return chatbot.status === 'active' ? 'live' : 'published';
}

/** "v3" for a version id of the list, null when unknown (not loaded, or deleted). */
export function versionLabel(versionId: string, versions: readonly Pick<ChatbotVersion, 'id' | 'number'>[] | null): string | null {
  const v = versions?.find((x) => x.id === versionId);
  return v ? `v${v.number}` : null;
}
