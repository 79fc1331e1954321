/**
 * The widget's only REST call: POST /api/v1/widget/session (docs/api.md).
 * @parley/core has no type for this answer yet, so it is described here.
 */
import type { ConversationStatus } from '@parley/core';

export interface SessionRequest {
  websiteKey: string;
  visitorId?: string;
  language: string;
  page: { url: string; title: string; referrer: string };
  screen?: { width: number; height: number };
}

export interface WebsiteSettings {
  name: string;
  color: string;
  position: 'right' | 'left';
  greeting: string | null;
}

export interface Session {
  visitorId: string;
  token: string;
  expiresAt: string;
  conversation: { id: string; status: ConversationStatus; lastSeq: number } | null;
  website: WebsiteSettings;
  agentsOnline: number;
}

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
      mode: 'cors',
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
