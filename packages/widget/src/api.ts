/**
 * The widget's only REST call: POST /api/v1/widget/session (docs/api.md).
 * Its shapes are @parley/core's (types only: no zod in the widget).
 */
import type { WebsiteSettings, WidgetSession, WidgetSessionRequest } from '@parley/core';

export type SessionRequest = WidgetSessionRequest;
export type { WebsiteSettings };
export type Session = WidgetSession;

/** A failed session call; `status` is 0 for network failures. */
export interface SessionError {
  status: number;
  message: string;
  /** 400, 403 (origin not allowed) and 404 (unknown key) will not get better by retrying. */
  fatal: boolean;
}

export const sessionError = (status: number, message: string): SessionError => ({
  status,
  message,
  fatal: status == 400 || status == 403 || status == 404,
});

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
    throw sessionError(0, String(e));
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw sessionError(res.status, (data && data.error && data.error.message) || 'HTTP ' + res.status);
  }
  return (await res.json()) as Session;
}
