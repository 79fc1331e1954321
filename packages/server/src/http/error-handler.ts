import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ParleyError } from '../errors.js';

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** One error shape for every route: `{error: {code, message, issues?}}`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const where = error.validationContext ?? 'body';
        const path = [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.');
        return { path, message: v.message ?? 'Invalid value' };
      });
      const body: ApiErrorBody = {
        error: { code: 'invalid', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues },
      };
      return reply.code(400).send(body);
    }
    if (error instanceof ParleyError) {
      return reply.code(error.statusCode).send({
        error: { code: error.code, message: error.message, ...(error.path ? { issues: [{ path: error.path, message: error.message }] } : {}) },
      } satisfies ApiErrorBody);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.code(500).send({ error: { code: 'internal', message: 'Internal server error' } } satisfies ApiErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: { code: 'internal', message: 'Internal server error' } } satisfies ApiErrorBody);
    }
    const code =
      status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : 'invalid';
    const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? `Body is not valid JSON: ${error.message}` : error.message;
    return reply.code(status).send({ error: { code, message } } satisfies ApiErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } } satisfies ApiErrorBody);
  });
}
