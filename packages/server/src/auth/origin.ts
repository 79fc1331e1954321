/**
 * Is a browser origin allowed to use a website's widget key?
 * Entries are exact origins ("https://shop.example"), wildcard subdomains
 * ("https://*.shop.example") or "*" for any origin.
 */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const normalized = `${url.protocol}//${url.host}`;
  return allowed.some((entry) => {
    if (entry === normalized) return true;
    const wildcard = /^(https?:)\/\/\*\.(.+)$/.exec(entry);
    return !!wildcard && url.protocol === wildcard[1] && url.host.endsWith(`.${wildcard[2]}`);
  });
}
