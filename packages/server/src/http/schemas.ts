import { z } from 'zod';

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('Error');

export const AgentRoleSchema = z.enum(['owner', 'admin', 'agent']);

export const AgentPublicSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: AgentRoleSchema,
});

export const WorkspacePublicSchema = z.object({ id: z.string(), name: z.string(), timezone: z.string() });

export const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const errorResponses = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  404: ErrorResponseSchema,
} as const;
