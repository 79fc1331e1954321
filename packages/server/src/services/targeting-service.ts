/**
 * Targeting on the server, the authority (docs/targeting.md): gathers the
 * facts about a visitor and a page, reads the workspace's chatbots with their
 * targeting and what each visitor was already shown, and asks the pure rules of
 * @parley/targeting which chatbot starts, which triggers the widget should arm,
 * and — for the debugger — why every other chatbot would not start.
 */
import { sql, type Kysely } from 'kysely';
import {
  armableChatbots,
  chooseChatbot,
  compileTargeting,
  OfficeHoursSchema,
  defaultTargeting,
  TargetingSchema,
  UTM_KEYS,
  type Candidate,
  type CompiledTargeting,
  type OfficeHours,
  type Situation,
  type Targeting,
  type TargetingFacts,
  type Trigger,
  type TriggerKind,
  type Verdict,
} from '@parley/targeting';
import type { ArmedChatbot } from '@parley/core';
import type { Clock } from '../clock.js';
import type { Database, VisitorRow } from '../storage/schema.js';
import { parseJsonObject } from '../storage/json-columns.js';
import type { PresenceService } from './presence-service.js';

export interface FiredTrigger {
  kind: TriggerKind;
  name?: string;
  scrollPercent?: number;
  secondsOnPage?: number;
}

export interface Decision {
  chatbotId: string | null;
  verdicts: Verdict[];
}


/** "utm_source=x" → {source: "x"} for the five UTM parameters. */
export function utmOf(url: string): TargetingFacts['utm'] {
  const utm: TargetingFacts['utm'] = {};
  try {
    const params = new URL(url).searchParams;
    for (const key of UTM_KEYS) {
      const value = params.get(`utm_${key}`);
      if (value) utm[key] = value.slice(0, 200);
    }
  } catch {
    /* not a URL: no UTM */
  }
  return utm;
}

/** A stored targeting document (written by this server, so valid); anything unreadable is the default. */
export function parseStoredTargeting(text: string): Targeting {
  const parsed = TargetingSchema.safeParse(parseJsonObject<object | null>(text, null));
  return parsed.success ? parsed.data : defaultTargeting();
}

/** "Chrome 156" → "Chrome": conditions compare the browser's name. */
function browserName(browser: string | null): string | null {
  return browser ? browser.replace(/\s+[\d.]+$/, '') : null;
}

/** When each chatbot last started for this visitor (its `triggered` records, through the partial index of migration 007). */
export function lastShownQuery(db: Kysely<Database>, visitorId: string) {
  return db
    .selectFrom('chatbot_events')
    .select((eb) => ['chatbot_id', eb.fn.max('at').as('last')])
    .where('visitor_id', '=', visitorId)
    .where('event', '=', sql.lit('triggered'))
    .groupBy('chatbot_id');
}

export class TargetingService {
  /** Compiled targeting per chatbot, replaced when the chatbot's row changes. */
  readonly #compiled = new Map<string, { updatedAt: number; compiled: CompiledTargeting }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly presence: PresenceService,
  ) {}

  /** What evaluation knows about this visitor on this page now. */
  async facts(workspaceId: string, visitor: VisitorRow, page?: { url: string; title: string }): Promise<TargetingFacts> {
    const [workspace, contact, online] = await Promise.all([
      this.db.selectFrom('workspaces').select(['timezone', 'office_hours']).where('id', '=', workspaceId).executeTakeFirst(),
      visitor.contact_id ? this.db.selectFrom('contacts').select(['properties']).where('id', '=', visitor.contact_id).executeTakeFirst() : undefined,
      this.presence.onlineAgentIds(workspaceId),
    ]);
    const url = page?.url ?? visitor.current_url ?? '';
    const pageUtm = utmOf(url);
    let officeHours: OfficeHours | null = null;
    if (workspace?.office_hours) {
      const parsed = OfficeHoursSchema.safeParse(parseJsonObject<object | null>(workspace.office_hours, null));
      officeHours = parsed.success ? parsed.data : null;
    }
    const deviceType = visitor.device_type === 'desktop' || visitor.device_type === 'mobile' || visitor.device_type === 'tablet' ? visitor.device_type : 'unknown';
    return {
      page: { url, title: page?.title ?? visitor.current_title ?? '' },
      referrer: visitor.referrer ?? '',
      utm: Object.keys(pageUtm).length > 0 ? pageUtm : parseJsonObject(visitor.utm, {}),
      language: visitor.language,
      country: visitor.country,
      city: visitor.city,
      deviceType,
      browser: browserName(visitor.browser),
      os: visitor.os,
      visitCount: visitor.visit_count,
      visitorGroup: visitor.visitor_group,
      variables: parseJsonObject(visitor.variables),
      contactProperties: parseJsonObject<Record<string, string>>(contact?.properties, {}),
      now: this.clock.now(),
      timeZone: workspace?.timezone ?? 'UTC',
      officeHours,
      agentsOnline: online.length > 0,
    };
  }

  /** Every chatbot of the workspace as a candidate, with what this visitor was shown already. */
  async candidates(workspaceId: string, visitor: Pick<VisitorRow, 'id' | 'visit_started_at'> | null): Promise<Candidate[]> {
    const [rows, shown] = await Promise.all([
      this.db
        .selectFrom('chatbots')
        .select(['id', 'name', 'status', 'priority', 'created_at', 'updated_at', 'published_version_id', 'targeting'])
        .where('workspace_id', '=', workspaceId)
        .execute(),
      visitor ? lastShownQuery(this.db, visitor.id).execute() : Promise.resolve([]),
    ]);
    const last = new Map(shown.map((s) => [s.chatbot_id, Number(s.last)]));
    return rows.map((row) => {
      const at = last.get(row.id);
      return {
        chatbotId: row.id,
        name: row.name,
        priority: row.priority,
        createdAt: row.created_at,
        active: row.status === 'active',
        published: row.published_version_id !== null,
        targeting: this.#compile(row.id, row.updated_at, row.targeting),
        shownToVisitor: at !== undefined,
        shownThisVisit: at !== undefined && visitor !== null && at >= visitor.visit_started_at,
      };
    });
  }

  #compile(chatbotId: string, updatedAt: number, text: string): CompiledTargeting {
    const cached = this.#compiled.get(chatbotId);
    if (cached && cached.updatedAt === updatedAt) return cached.compiled;
    const compiled = compileTargeting(parseStoredTargeting(text));
    this.#compiled.set(chatbotId, { updatedAt, compiled });
    return compiled;
  }

  async #openConversation(visitorId: string): Promise<boolean> {
    const open = await this.db.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId).where('status', '=', 'open').executeTakeFirst();
    return open !== undefined;
  }

  /** Which chatbot starts for this visitor now, given the trigger that fired. */
  async decide(workspaceId: string, visitor: VisitorRow, trigger: FiredTrigger, page?: { url: string; title: string }): Promise<Decision> {
    const [facts, candidates, openConversation] = await Promise.all([
      this.facts(workspaceId, visitor, page),
      this.candidates(workspaceId, visitor),
      this.#openConversation(visitor.id),
    ]);
    const situation: Situation = { facts, trigger, openConversation };
    return chooseChatbot(candidates, situation);
  }

  /** The triggers the widget should arm on this page (everything else already checked), highest priority first. */
  async armable(workspaceId: string, visitor: VisitorRow): Promise<ArmedChatbot[]> {
    const [facts, candidates, openConversation] = await Promise.all([
      this.facts(workspaceId, visitor),
      this.candidates(workspaceId, visitor),
      this.#openConversation(visitor.id),
    ]);
    if (openConversation) return [];
    return armableChatbots(candidates, { facts, openConversation })
      .filter((a): a is { chatbotId: string; trigger: Exclude<Trigger, { kind: 'chat_opened' }> } => a.trigger.kind !== 'chat_opened')
      .map((a) => ({ chatbotId: a.chatbotId, trigger: a.trigger }));
  }

  /** The debugger: a hypothetical visitor and moment. */
  async debug(workspaceId: string, facts: TargetingFacts, trigger: FiredTrigger | null, history: { shownThisVisit: string[]; shownToVisitor: string[]; openConversation: boolean }): Promise<Decision> {
    const candidates = (await this.candidates(workspaceId, null)).map((c) => ({
      ...c,
      shownThisVisit: history.shownThisVisit.includes(c.chatbotId),
      shownToVisitor: history.shownToVisitor.includes(c.chatbotId) || history.shownThisVisit.includes(c.chatbotId),
    }));
    return chooseChatbot(candidates, { facts, trigger, openConversation: history.openConversation });
  }
}
