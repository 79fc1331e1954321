import type { ChatbotRuntime } from '../chatbots/chatbot-runtime.js';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { EventBus } from '../events/parley-event.js';
import type { AuthService } from '../services/auth-service.js';
import type { ChatbotService } from '../services/chatbot-service.js';
import type { ConversationService } from '../services/conversation-service.js';
import type { PresenceService } from '../services/presence-service.js';
import type { StatisticsService } from '../statistics/statistics-service.js';
import type { BillingService } from '../billing/billing-service.js';
import type { TargetingService } from '../services/targeting-service.js';
import type { WidgetSessionService } from '../services/widget-session-service.js';
import type { DialectName } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import type { Metrics } from './metrics.js';

/** Everything the HTTP routes and the gateway are built from. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  dialect: DialectName;
  bus: EventBus;
  clock: Clock;
  secret: string;
  nodeId: string;
  auth: AuthService;
  conversations: ConversationService;
  chatbots: ChatbotService;
  /** Chatbots running in conversations. */
  runtime: ChatbotRuntime;
  /** Which chatbot starts for whom (docs/targeting.md). */
  targeting: TargetingService;
  presence: PresenceService;
  /** Statistics and insights, read from the aggregates. */
  statistics: StatisticsService;
  /** Plans, usage, packages, billing records and the usage ledger. */
  billing: BillingService;
  widgetSessions: WidgetSessionService;
  metrics: Metrics;
}
