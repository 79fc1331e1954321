import { OWNER_EMAIL, OWNER_PASSWORD } from './parley-process.js';

/** One REST call as an agent: the status and the parsed JSON body (null when there is none). */
export type RestCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The demo owner's session cookie, signed in over the REST API. */
export async function ownerCookie(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER_EMAIL, password: OWNER_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

/** Calls `/api/v1…` with the given session cookie. */
export function restClient(url: string, cookie: string): RestCall {
  return async (method, path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
}

/** Creates a chatbot with this flow, publishes it and makes it active; its id. Throws on any refusal. */
export async function publishActiveChatbot(rest: RestCall, name: string, draft: unknown, targeting?: { targeting: unknown; priority: number }): Promise<string> {
  const expectStatus = (what: string, res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const created = await rest('POST', '/chatbots', { name });
  expectStatus('create', created, 201);
  const id = created.body.chatbot.id as string;
  const saved = await rest('PUT', `/chatbots/${id}/draft`, { draft });
  expectStatus('draft', saved, 200);
  if (saved.body.chatbot.problems.length > 0) throw new Error(`draft problems: ${JSON.stringify(saved.body.chatbot.problems)}`);
  expectStatus('publish', await rest('POST', `/chatbots/${id}/publish`), 201);
  if (targeting) expectStatus('targeting', await rest('PUT', `/chatbots/${id}/targeting`, targeting), 200);
  expectStatus('activate', await rest('PATCH', `/chatbots/${id}`, { status: 'active' }), 200);
  return id;
}
