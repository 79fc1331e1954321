import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AddonPackageViewSchema, PackagePurchaseInputSchema, BillingOverviewSchema, BillingRecordSchema, ChatbotUsageSchema, LedgerEntrySchema, PeriodViewSchema } from '@parley/core';
import { ParleyError } from '../../errors.js';
import { ledgerCsv } from '../../billing/billing-service.js';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { errorResponses, ErrorResponseSchema, IdParamsSchema } from '../schemas.js';

/** Owners change billing; owners and admins read it (docs/billing.md). */
function requireRole(roles: readonly string[], action: string) {
  return async (request: FastifyRequest) => {
    const { role } = agentOf(request);
    if (!roles.includes(role)) throw new ParleyError('forbidden', `Only ${roles.join(' and ')}s can ${action}`);
  };
}
const readers = requireRole(['owner', 'admin'], 'see billing');
const owners = requireRole(['owner'], 'change billing');

const PeriodQuerySchema = z.object({
  periodIndex: z.coerce.number().int().min(-1200).max(1200).optional().describe('Billing period (0 = the subscription’s first); the current one when absent'),
});

export function billingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preValidation', requireAgent(ctx.auth, ctx.config.cookieSecure));
    const denied = { 403: ErrorResponseSchema };

    app.get(
      '/billing/usage',
      {
        schema: {
          tags: ['billing'],
          summary: 'Chatbot conversations left this month (any agent): "312 of 1 000 left, renews on 3 December"',
          response: { 200: ChatbotUsageSchema, ...errorResponses },
        },
      },
      async (request) => ctx.billing.usage(agentOf(request).workspace_id),
    );

    app.get(
      '/billing',
      {
        preValidation: readers,
        schema: { tags: ['billing'], summary: 'Plan, period, limit, usage, packages, offers (owners and admins)', response: { 200: BillingOverviewSchema, ...errorResponses, ...denied } },
      },
      async (request) => ctx.billing.overview(agentOf(request).workspace_id),
    );

    app.post(
      '/billing/packages',
      {
        preValidation: owners,
        schema: {
          tags: ['billing'],
          summary: 'Buy a package: raises the limit at once, renews every month until disabled (owners)',
          body: PackagePurchaseInputSchema.describe('{offerId, quantity}: an offer of the catalogue, 1–100 units'),
          response: { 201: z.object({ package: AddonPackageViewSchema, record: BillingRecordSchema, overview: BillingOverviewSchema }), ...errorResponses, ...denied },
        },
      },
      async (request, reply) => {
        const result = await ctx.billing.buyPackage(agentOf(request).workspace_id, request.body);
        return reply.code(201).send(result);
      },
    );

    app.patch(
      '/billing/packages/:id',
      {
        preValidation: owners,
        schema: {
          tags: ['billing'],
          summary: 'Switch a package’s auto-renewal: off keeps it until the period ends, then it lapses (owners)',
          params: IdParamsSchema,
          body: z.object({ autoRenew: z.boolean() }),
          response: { 200: z.object({ package: AddonPackageViewSchema, overview: BillingOverviewSchema }), ...errorResponses, ...denied, 409: ErrorResponseSchema },
        },
      },
      async (request) => ctx.billing.setPackageAutoRenew(agentOf(request).workspace_id, request.params.id, request.body.autoRenew),
    );

    app.post(
      '/billing/plan',
      {
        preValidation: owners,
        schema: {
          tags: ['billing'],
          summary: 'Change plan: an upgrade applies now, a downgrade at the renewal (owners)',
          body: z.object({ planCode: z.string().min(1).max(32) }),
          response: {
            200: z.object({ overview: BillingOverviewSchema, outcome: z.enum(['upgrade', 'downgrade', 'cancel_pending']), effectiveAt: z.string() }),
            ...errorResponses,
            ...denied,
          },
        },
      },
      async (request) => ctx.billing.changePlan(agentOf(request).workspace_id, request.body.planCode),
    );

    app.get(
      '/billing/records',
      { preValidation: readers, schema: { tags: ['billing'], summary: 'Purchases, renewals and plan changes, newest first', response: { 200: z.object({ records: z.array(BillingRecordSchema) }), ...errorResponses, ...denied } } },
      async (request) => ({ records: await ctx.billing.records(agentOf(request).workspace_id) }),
    );

    app.get(
      '/billing/ledger',
      {
        preValidation: readers,
        schema: {
          tags: ['billing'],
          summary: 'Every chatbot conversation counted in a period, with the interaction that counted it',
          querystring: PeriodQuerySchema,
          response: { 200: z.object({ period: PeriodViewSchema, entries: z.array(LedgerEntrySchema) }), ...errorResponses, ...denied },
        },
      },
      async (request) => ctx.billing.ledger(agentOf(request).workspace_id, request.query.periodIndex),
    );

    app.get(
      '/billing/ledger.csv',
      {
        preValidation: readers,
        schema: { tags: ['billing'], summary: 'The usage ledger of a period as CSV', querystring: PeriodQuerySchema, response: { 200: z.string(), ...errorResponses, ...denied } },
      },
      async (request, reply) => {
        const ledger = await ctx.billing.ledger(agentOf(request).workspace_id, request.query.periodIndex);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="parley-usage-${ledger.period.startDate}.csv"`)
          .send(ledgerCsv(ledger.entries));
      },
    );
  };
}
