/** Client-generated message ids (idempotency keys): 1–64 chars of [A-Za-z0-9_-]. */
export function newClientId(
  c: { randomUUID?: () => string; getRandomValues?: (a: Uint8Array) => Uint8Array } | undefined = typeof crypto !== 'undefined'
    ? crypto
    : undefined,
  random: () => number = Math.random,
): string {
  try {
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  } catch {
    /* insecure context: fall through */
  }
  const bytes = new Uint8Array(16);
  try {
    if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
    else throw 0;
  } catch {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  }
  let s = 'c-';
  for (let i = 0; i < 16; i++) s += ((bytes[i] as number) + 256).toString(16).slice(1);
  return s;
}
