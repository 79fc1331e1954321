import type { Visitor } from '@parley/core';

/** "German (Germany) · de-DE", falling back to the raw tag. */
export function languageName(tag: string | null, uiLocale = 'en'): string | null {
  if (!tag) return null;
  try {
    const name = new Intl.DisplayNames([uiLocale], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} · ${tag}` : tag;
  } catch {
    return tag;
  }
}

const DEVICE: Record<Visitor['device']['type'], string> = {
  desktop: 'Desktop',
  mobile: 'Mobile',
  tablet: 'Tablet',
  unknown: 'Unknown device',
};

/** "Desktop · Firefox · Windows" */
export function deviceSummary(device: Visitor['device']): string {
  return [DEVICE[device.type] ?? device.type, device.browser, device.os].filter(Boolean).join(' · ');
}

/** A page's label: its title, else its URL without the scheme. */
export function pageLabel(page: { url: string; title?: string }): string {
  const title = page.title?.trim();
  if (title) return title;
  return page.url.replace(/^https?:\/\//, '');
}

/** Only http(s) URLs become links in the panel (a page URL is visitor-supplied data). */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "shop.example/cart?x=1" — the URL without scheme and trailing slash, for display. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = `${u.pathname}${u.search}`.replace(/\/$/, '');
    return `${u.host}${path}`;
  } catch {
    return url;
  }
}
