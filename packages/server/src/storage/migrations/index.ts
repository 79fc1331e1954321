import type { Migration } from 'kysely';
import * as liveChat from './2026-11-24-001-live-chat.js';
import * as chatbots from './2026-11-24-002-chatbots.js';
import * as chatbotRuntime from './2026-11-24-003-chatbot-runtime.js';
import * as targeting from './2026-11-24-004-targeting.js';
import * as statistics from './2026-11-25-005-statistics.js';
import * as billing from './2026-11-25-006-billing.js';
import * as chatbotEventIndexes from './2026-11-25-007-chatbot-event-indexes.js';

/** Every migration, by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-001-live-chat': liveChat,
  '2026-11-24-002-chatbots': chatbots,
  '2026-11-24-003-chatbot-runtime': chatbotRuntime,
  '2026-11-24-004-targeting': targeting,
  '2026-11-25-005-statistics': statistics,
  '2026-11-25-006-billing': billing,
  '2026-11-25-007-chatbot-event-indexes': chatbotEventIndexes,
};
