/** Errors a service raises on purpose; the HTTP and WebSocket adapters map them to 4xx / error frames. */
export type ParleyErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'conversation_closed'
  | 'rate_limited'
  | 'unknown_choice'
  | 'unprocessable';

const STATUS: Record<ParleyErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  conversation_closed: 409,
  rate_limited: 429,
  unknown_choice: 409,
  unprocessable: 422,
};

export class ParleyError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ParleyErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ParleyError';
    this.statusCode = STATUS[code];
  }
}

export const notFound = (what: string) => new ParleyError('not_found', `${what} not found`);
