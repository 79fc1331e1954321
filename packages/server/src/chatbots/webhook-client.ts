/**
 * Calls a chatbot's webhook (the `call_webhook` action): outside any
 * transaction, with a time limit, a response size limit and an HMAC signature
 * the receiver can check (docs/chatbots.md, "Webhooks").
 */
import { createHmac } from 'node:crypto';

export interface WebhookCall {
  url: string;
  method: string;
  body: string | null;
  /** Identifies the call to the receiver. */
  workspaceId: string;
  conversationId: string;
  chatbotId: string;
}

export type WebhookOutcome =
  | { ok: true; status: number; data: unknown }
  | { ok: false; code: 'webhook_failed' | 'webhook_timeout'; message: string };

export interface WebhookClientOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** The instance secret; each workspace signs with a key derived from it. */
  secret: string;
}

/** The key a workspace's webhooks are signed with (shown to owners, docs/api.md). */
export function webhookSigningKey(secret: string, workspaceId: string): string {
  return createHmac('sha256', secret).update(`parley-webhook:${workspaceId}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, like Stripe's scheme. */
export function signWebhook(key: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function readLimited(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class WebhookClient {
  constructor(private readonly options: WebhookClientOptions) {}

  async call(call: WebhookCall, now: number): Promise<WebhookOutcome> {
    const body = call.method === 'GET' ? null : (call.body ?? '');
    const timestamp = Math.floor(now / 1000);
    const headers: Record<string, string> = {
      'user-agent': 'Parley-Webhook/1',
      accept: 'application/json',
      'x-parley-conversation': call.conversationId,
      'x-parley-chatbot': call.chatbotId,
      'x-parley-signature': signWebhook(webhookSigningKey(this.options.secret, call.workspaceId), timestamp, body ?? ''),
    };
    if (body !== null) headers['content-type'] = body !== '' && looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
    let response: Response;
    try {
      response = await fetch(call.url, {
        method: call.method,
        headers,
        ...(body !== null ? { body } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return { ok: false, code: 'webhook_timeout', message: `No answer from ${call.url} within ${this.options.timeoutMs} ms` };
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, code: 'webhook_failed', message: `Could not call ${call.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
    }
    let text: string | null;
    try {
      text = await readLimited(response, this.options.maxResponseBytes);
    } catch (error) {
      const name = (error as { name?: string }).name;
      return name === 'TimeoutError' || name === 'AbortError'
        ? { ok: false, code: 'webhook_timeout', message: `No answer from ${call.url} within ${this.options.timeoutMs} ms` }
        : { ok: false, code: 'webhook_failed', message: `Reading the answer of ${call.url} failed` };
    }
    if (text === null) return { ok: false, code: 'webhook_failed', message: `The answer of ${call.url} is larger than ${this.options.maxResponseBytes} bytes` };
    if (!response.ok) return { ok: false, code: 'webhook_failed', message: `${call.url} answered ${response.status}` };
    let data: unknown = null;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    return { ok: true, status: response.status, data };
  }
}
