import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OfficeHoursSchema } from '@parley/targeting';
import { notFound, ParleyError } from '../../errors.js';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { errorResponses, ErrorResponseSchema } from '../schemas.js';

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
});

/** The workspace's settings that targeting reads: time zone and office hours. */
export function workspaceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preValidation', requireAgent(ctx.auth, ctx.config.cookieSecure));

    async function load(workspaceId: string) {
      const row = await ctx.db
        .selectFrom('workspaces')
        .select(['name', 'timezone', 'default_language', 'office_hours'])
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) throw notFound('Workspace');
      const hours = row.office_hours ? OfficeHoursSchema.safeParse(JSON.parse(row.office_hours)) : null;
      return { name: row.name, timeZone: row.timezone, defaultLanguage: row.default_language, officeHours: hours?.success ? hours.data : null };
    }

    app.get(
      '/workspace/settings',
      { schema: { tags: ['workspace'], summary: 'Time zone, default language and office hours', response: { 200: SettingsSchema, ...errorResponses } } },
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
          summary: 'Change the time zone or office hours (owners and admins)',
          body: z.object({
            timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone; use an IANA name such as "Europe/Prague"').optional(),
            officeHours: OfficeHoursSchema.nullable().optional(),
          }),
          response: { 200: SettingsSchema, ...errorResponses, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        const workspaceId = agentOf(request).workspace_id;
        const changes: { timezone?: string; office_hours?: string | null } = {};
        if (request.body.timeZone !== undefined) changes.timezone = request.body.timeZone;
        if (request.body.officeHours !== undefined) changes.office_hours = request.body.officeHours === null ? null : JSON.stringify(request.body.officeHours);
        if (Object.keys(changes).length > 0) await ctx.db.updateTable('workspaces').set(changes).where('id', '=', workspaceId).execute();
        return load(workspaceId);
      },
    );
  };
}
