import type { Kysely } from 'kysely';
import { isNewVisit, type PageView, type WidgetSession } from '@parley/core';
import type { Clock } from '../clock.js';
import { ParleyError } from '../errors.js';
import { newId } from '../ids.js';
import { isOriginAllowed } from '../auth/origin.js';
import { signVisitorToken, VISITOR_TOKEN_TTL_MS } from '../auth/visitor-token.js';
import { parseVisitorDevice } from '../visitor-device.js';
import type { Database, WebsiteRow } from '../storage/schema.js';
import { findWebsiteByKey, parseAllowedOrigins } from '../storage/repositories/workspace-repository.js';
import { findVisitor, insertPageView, insertVisitor, updateVisitor } from '../storage/repositories/visitor-repository.js';
import { findLatestConversationOfVisitor, findOpenConversationOfVisitor } from '../storage/repositories/conversation-repository.js';
import type { PresenceService } from './presence-service.js';
import type { ChatbotRuntime } from '../chatbots/chatbot-runtime.js';
import { visitorChatbotOf } from '../storage/repositories/chatbot-session-repository.js';
import { cleanLanguageTag } from '@parley/flow';
import type { VisitorVariables } from '@parley/core';
import { lookupIp } from '../geo/geoip.js';
import { utmOf, type TargetingService } from './targeting-service.js';
import { parseJsonObject, parseJsonStrings } from '../storage/json-columns.js';


export interface WidgetSessionInput {
  websiteKey: string;
  visitorId?: string | undefined;
  /** Set by the website's script. */
  language?: string | undefined;
  /** The browser's languages, in preference order. */
  languages?: string[] | undefined;
  /** Set by the website's script before the widget loaded. */
  variables?: VisitorVariables | undefined;
  group?: string | null | undefined;
  /** The client's IP address, for country and city. */
  ip?: string | undefined;
  page: PageView;
  origin: string | undefined;
  userAgent: string | undefined;
}


/** A page load of the widget: checks the key and origin, records the page view, signs a visitor token. */
export class WidgetSessionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly presence: PresenceService,
    private readonly chatbots: ChatbotRuntime | null = null,
    private readonly targeting: TargetingService | null = null,
  ) {}

  /** The website behind a key, if the origin may use it. */
  async authorizeWebsite(websiteKey: string, origin: string | undefined): Promise<WebsiteRow> {
    const website = await findWebsiteByKey(this.db, websiteKey);
    if (!website) throw new ParleyError('not_found', 'Unknown website key');
    if (!isOriginAllowed(origin, parseAllowedOrigins(website))) {
      throw new ParleyError('forbidden', `Origin ${origin ?? '(none)'} is not allowed to use this website key`);
    }
    return website;
  }

  async start(input: WidgetSessionInput): Promise<WidgetSession> {
    const website = await this.authorizeWebsite(input.websiteKey, input.origin);
    const now = this.clock.now();
    const device = parseVisitorDevice(input.userAgent);
    const scriptLanguage = cleanLanguageTag(input.language) ?? null;
    const browserLanguages = (input.languages ?? [])
      .map((tag) => cleanLanguageTag(tag))
      .filter((tag): tag is string => tag !== null)
      .slice(0, 10);
    // The visitor's language as the panel shows it: the script's, else the browser's first.
    const language = scriptLanguage ?? browserLanguages[0] ?? null;

    let visitor = input.visitorId ? await findVisitor(this.db, website.workspace_id, input.visitorId) : undefined;
    // A visitor id from another website (or forged) starts a fresh visitor.
    if (visitor && visitor.website_id !== website.id) visitor = undefined;

    const visitorId = visitor?.id ?? newId(now);
    const newVisit = !visitor || isNewVisit(new Date(visitor.last_seen_at), new Date(now));
    // Country and city from the IP, once per visit (the lookup reads the shipped database from disk).
    const geo = newVisit ? await lookupIp(input.ip) : null;
    const utm = newVisit ? JSON.stringify(utmOf(input.page.url)) : (visitor?.utm ?? '{}');
    const variables = input.variables ? JSON.stringify({ ...parseJsonObject(visitor?.variables), ...input.variables }) : (visitor?.variables ?? '{}');
    const group = input.group !== undefined ? input.group : (visitor?.visitor_group ?? null);
    await this.db.transaction().execute(async (trx) => {
      if (!visitor) {
        await insertVisitor(trx, {
          id: visitorId,
          workspace_id: website.workspace_id,
          website_id: website.id,
          contact_id: null,
          language,
          user_agent: input.userAgent?.slice(0, 512) ?? null,
          device_type: device.type,
          browser: device.browser,
          os: device.os,
          current_url: input.page.url,
          current_title: input.page.title,
          referrer: input.page.referrer,
          visit_count: 1,
          page_view_count: 1,
          first_seen_at: now,
          last_seen_at: now,
          online_until: 0,
          script_language: scriptLanguage,
          browser_languages: JSON.stringify(browserLanguages),
          variables,
          visitor_group: group,
          country: geo?.country ?? null,
          city: geo?.city ?? null,
          utm,
          visit_started_at: now,
        });
      } else {
        await updateVisitor(trx, visitorId, {
          language: language ?? visitor.language,
          script_language: scriptLanguage,
          browser_languages: browserLanguages.length > 0 ? JSON.stringify(browserLanguages) : visitor.browser_languages,
          user_agent: input.userAgent?.slice(0, 512) ?? visitor.user_agent,
          device_type: device.type,
          browser: device.browser,
          os: device.os,
          current_url: input.page.url,
          current_title: input.page.title,
          referrer: newVisit ? input.page.referrer : visitor.referrer,
          visit_count: visitor.visit_count + (newVisit ? 1 : 0),
          page_view_count: visitor.page_view_count + 1,
          last_seen_at: now,
          variables,
          visitor_group: group,
          utm,
          ...(newVisit ? { visit_started_at: now, country: geo?.country ?? null, city: geo?.city ?? null } : {}),
        });
      }
      await insertPageView(trx, {
        id: newId(now),
        workspace_id: website.workspace_id,
        visitor_id: visitorId,
        url: input.page.url,
        title: input.page.title,
        referrer: input.page.referrer,
        at: now,
      });
    });

    const conversation =
      (await findOpenConversationOfVisitor(this.db, visitorId)) ?? (await findLatestConversationOfVisitor(this.db, visitorId));
    const expiresAt = now + VISITOR_TOKEN_TTL_MS;
    const online = await this.presence.onlineAgentIds(website.workspace_id);
    const chatbot = conversation ? await visitorChatbotOf(this.db, conversation.id) : null;
    // The teaser and the triggers to arm: only for a visitor with nothing going on.
    let welcome: WidgetSession['welcome'] = null;
    let triggers: WidgetSession['triggers'] = [];
    if (conversation?.status !== 'open') {
      const visitorRow = await findVisitor(this.db, website.workspace_id, visitorId);
      if (visitorRow && this.chatbots) welcome = await this.chatbots.welcome(website.workspace_id, visitorRow);
      // At the limit no chatbot starts for a new visitor: nothing to arm.
      if (visitorRow && this.targeting && (!this.chatbots || (await this.chatbots.mayStart(website.workspace_id)))) {
        triggers = await this.targeting.armable(website.workspace_id, visitorRow);
      }
    }
    return {
      visitorId,
      token: signVisitorToken(this.secret, { workspaceId: website.workspace_id, websiteId: website.id, visitorId, expiresAt }),
      expiresAt: new Date(expiresAt).toISOString(),
      conversation: conversation ? { id: conversation.id, status: conversation.status, lastSeq: conversation.last_seq, chatbot } : null,
      welcome,
      website: { name: website.name, color: website.color, position: website.position, greeting: website.greeting },
      agentsOnline: online.length,
      triggers,
    };
  }

  /** The script API changed the visitor's language, variables or group after the page loaded. */
  async updateVisitor(
    claims: { workspaceId: string; visitorId: string },
    input: { language?: string | null | undefined; variables?: VisitorVariables | undefined; group?: string | null | undefined },
  ): Promise<void> {
    const visitor = await findVisitor(this.db, claims.workspaceId, claims.visitorId);
    if (!visitor) throw new ParleyError('not_found', 'Visitor not found');
    const changes: Parameters<typeof updateVisitor>[2] = {};
    if (input.language !== undefined) {
      const script = cleanLanguageTag(input.language) ?? null;
      changes.script_language = script;
      changes.language = script ?? (parseJsonStrings(visitor.browser_languages)[0] ?? visitor.language);
    }
    if (input.variables !== undefined) {
      const merged = { ...parseJsonObject(visitor.variables), ...input.variables };
      if (Object.keys(merged).length > 50) throw new ParleyError('invalid', 'A visitor can have at most 50 variables', 'variables');
      changes.variables = JSON.stringify(merged);
    }
    if (input.group !== undefined) changes.visitor_group = input.group;
    if (Object.keys(changes).length > 0) await updateVisitor(this.db, visitor.id, changes);
  }
}
