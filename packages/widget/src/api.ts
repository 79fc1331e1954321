/**
 * The widget's only REST call: POST /api/v1/widget/session (docs/api.md).
 * Its shapes are @parley/core's (types only: no zod in the widget).
 */
import type { WebsiteSettings, WidgetSession, WidgetSessionRequest } from '@parley/core';

export type SessionRequest = WidgetSessionRequest;
export type { WebsiteSettings };
export type Session = WidgetSession;

/** A failed session call; `status` is 0 for network failures. */
export class SessionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  /** 403 (origin not allowed) and 404 (unknown key) will not get better by retrying. */
  get fatal(): boolean {
    return this.status === 403 || this.status === 404 || this.status === 400;
  }
}

export async function requestSession(base: string, body: SessionRequest): Promise<Session> {
  let res: Response;
  try {
    res = await fetch(base + 'api/v1/widget/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (e) {
    throw new SessionError(0, String(e));
  }
  if (!res.ok) {
    let message = 'HTTP ' + res.status;
    try {
      const data = (await res.json()) as { error?: { message?: string } };
      if (data && data.error && data.error.message) message = data.error.message;
    } catch {
      /* not JSON */
    }
    throw new SessionError(res.status, message);
  }
  return (await res.json()) as Session;
}
