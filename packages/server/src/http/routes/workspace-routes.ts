import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeHoursSchema } from '@parley/targeting';
import { notFound, ParleyError } from '../../errors.js';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { errorResponses, ErrorResponseSchema } from '../schemas.js';
import { InactivityTimeoutSchema, parseUnansweredChatbot, UnansweredChatbotSchema } from '../../services/workspace-settings.js';
import { markWorkspaceForRecount } from '../../statistics/statistics-projector.js';

/** True for an IANA time zone this runtime knows ("Europe/Prague"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const SettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string().describe('IANA time zone: scheduling conditions and office hours use it'),
  defaultLanguage: z.string(),
  officeHours: OfficeHoursSchema.nullable().describe('Weekday → opening intervals; null: always open'),
  inactivityTimeoutMinutes: InactivityTimeoutSchema,
  unansweredChatbot: UnansweredChatbotSchema.nullable(),
});

/** The workspace's settings that targeting reads: time zone and office hours. */
export function workspaceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preValidation', requireAgent(ctx.auth, ctx.config.cookieSecure));

    async function load(workspaceId: string) {
      const row = await ctx.db
        .selectFrom('workspaces')
        .select(['name', 'timezone', 'default_language', 'office_hours', 'inactivity_timeout_minutes', 'unanswered_chatbot'])
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) throw notFound('Workspace');
      const hours = row.office_hours ? OfficeHoursSchema.safeParse(JSON.parse(row.office_hours)) : null;
      return {
        name: row.name,
        timeZone: row.timezone,
        defaultLanguage: row.default_language,
        officeHours: hours?.success ? hours.data : null,
        inactivityTimeoutMinutes: row.inactivity_timeout_minutes,
        unansweredChatbot: parseUnansweredChatbot(row.unanswered_chatbot),
      };
    }

    app.get(
      '/workspace/settings',
      { schema: { tags: ['workspace'], summary: 'Time zone, default language, office hours, inactivity timeout, unanswered chatbot', response: { 200: SettingsSchema, ...errorResponses } } },
      async (request) => load(agentOf(request).workspace_id),
    );

    app.patch(
      '/workspace/settings',
      {
        preValidation: async (request) => {
          const { role } = agentOf(request);
          if (role !== 'owner' && role !== 'admin') throw new ParleyError('forbidden', 'Only owners and admins can change the workspace settings');
        },
        schema: {
          tags: ['workspace'],
          summary: 'Change the settings (owners and admins); a new time zone re-buckets the statistics',
          body: z.object({
            timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone; use an IANA name such as "Europe/Prague"').optional(),
            officeHours: OfficeHoursSchema.nullable().optional(),
            inactivityTimeoutMinutes: InactivityTimeoutSchema.optional(),
            unansweredChatbot: UnansweredChatbotSchema.nullable().optional(),
          }),
          response: { 200: SettingsSchema, ...errorResponses, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        const workspaceId = agentOf(request).workspace_id;
        const body = request.body;
        const before = await load(workspaceId);
        const changes: { timezone?: string; office_hours?: string | null; inactivity_timeout_minutes?: number; unanswered_chatbot?: string | null } = {};
        if (body.timeZone !== undefined) changes.timezone = body.timeZone;
        if (body.officeHours !== undefined) changes.office_hours = body.officeHours === null ? null : JSON.stringify(body.officeHours);
        if (body.inactivityTimeoutMinutes !== undefined) changes.inactivity_timeout_minutes = body.inactivityTimeoutMinutes;
        if (body.unansweredChatbot !== undefined) {
          if (body.unansweredChatbot !== null) {
            const chatbot = await ctx.db
              .selectFrom('chatbots')
              .select('id')
              .where('workspace_id', '=', workspaceId)
              .where('id', '=', body.unansweredChatbot.chatbotId)
              .executeTakeFirst();
            if (!chatbot) throw new ParleyError('invalid', 'No such chatbot in this workspace', 'body.unansweredChatbot.chatbotId');
          }
          changes.unanswered_chatbot = body.unansweredChatbot === null ? null : JSON.stringify(body.unansweredChatbot);
        }
        if (Object.keys(changes).length > 0) await ctx.db.updateTable('workspaces').set(changes).where('id', '=', workspaceId).execute();
        // Statistics count days in the workspace's time zone: every conversation is counted again in the new one.
        if (changes.timezone !== undefined && changes.timezone !== before.timeZone) await markWorkspaceForRecount(ctx.db, workspaceId);
        ctx.runtime.forgetWorkspace(workspaceId);
        return load(workspaceId);
      },
    );
  };
}
