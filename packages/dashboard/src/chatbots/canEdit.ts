import type { AgentRole } from '../api/types';

/** Only owners and admins change chatbots (docs/api.md); agents may look. */
export function canEditChatbots(role: AgentRole): boolean {
  return role === 'owner' || role === 'admin';
}
