/**
 * widget/signals.js — the script API's targeting calls and the session's
 * armed triggers (see signals.ts); loaded by the loader only when the session
 * arms triggers or the page uses `set`, `setGroup` (or `setLanguage` after load).
 */
import type { SignalsMount } from '../bridge';
import { pageView } from '../page';
import { scrollPercent } from './rules';
import { mountSignals } from './signals';

const p = (window as unknown as { parley?: ((...args: unknown[]) => void) & { _s?: (mount: SignalsMount) => void } }).parley;

if (p && p._s)
  p._s((ctx) =>
    mountSignals(ctx, {
      async post(path, body) {
        const res = await fetch(ctx.base + 'api/v1/widget/' + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'omit',
        });
        const data = res.status == 204 ? null : await res.json().catch(() => null);
        if (res.ok) return data;
        const e = data && (data as { error?: { message?: string; path?: string } }).error;
        throw new Error(e && e.message ? e.message + (e.path ? ' (' + e.path + ')' : '') : 'HTTP ' + res.status);
      },
      now: () => performance.now(),
      sessionAt() {
        // The latest session call's answer (the later, the safer).
        let at = 0;
        for (const e of performance.getEntriesByType ? performance.getEntriesByType('resource') : [])
          if (/\/api\/v1\/widget\/session$/.test(e.name)) at = Math.max(at, (e as PerformanceResourceTiming).responseEnd);
        return at || performance.now();
      },
      page: pageView,
      listen(type, fn) {
        const target = type == 'scroll' ? window : document;
        target.addEventListener(type, fn as EventListener, { passive: true });
        return () => target.removeEventListener(type, fn as EventListener);
      },
      scrolled() {
        const d = document.documentElement;
        return scrollPercent(window.scrollY || d.scrollTop, window.innerHeight, Math.max(d.scrollHeight, document.body ? document.body.scrollHeight : 0));
      },
      desktop: !!window.matchMedia && matchMedia('(hover: hover) and (pointer: fine)').matches,
      onClose(fn) {
        (p as (...args: unknown[]) => void)('on', 'close', fn);
        return () => (p as (...args: unknown[]) => void)('off', 'close', fn);
      },
      warn: (m) => console.warn('[parley] ' + m),
    }),
  );
