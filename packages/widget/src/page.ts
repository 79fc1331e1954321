/** The page as the widget reports it (session and trigger calls), cut to what the endpoints accept. */
import type { PageView } from '@parley/core';

const cut = (s: string) => (s || '').slice(0, 2048);

export function pageView(): PageView {
  return { url: cut(location.href), title: cut(document.title), referrer: cut(document.referrer) };
}
