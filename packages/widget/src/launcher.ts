/**
 * The widget's host element, its shadow root, the base styles and the
 * launcher button with its unread badge. Part of the loader bundle.
 */
import { h, icon } from './dom';
import { contrastText, normalizeColor } from './color';
import type { LoaderStrings } from './i18n';

const baseCss =
  ':host{all:initial!important;display:block!important;position:static!important}' +
  '.pw{all:initial;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;font-size:14px;line-height:1.45;color:#111827;-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale;text-align:left;direction:ltr}' +
  '*,::before,::after{box-sizing:border-box}' +
  'button{margin:0;padding:0;border:0;background:none;color:inherit;font:inherit;cursor:pointer;-webkit-tap-highlight-color:transparent}' +
  '.l{position:fixed;z-index:2147483000;bottom:20px;right:20px;width:60px;height:60px;border-radius:50%;background:var(--pc);color:var(--pt);display:flex;align-items:center;justify-content:center;box-shadow:0 8px 28px rgba(15,23,42,.24),0 2px 6px rgba(15,23,42,.14);transition:transform .2s cubic-bezier(.2,.8,.3,1.2),box-shadow .2s;animation:pw-pop .35s cubic-bezier(.2,.8,.3,1.25)}' +
  '.left .l,.left .tw{right:auto;left:20px}' +
  '.l:hover{transform:scale(1.07);box-shadow:0 10px 32px rgba(15,23,42,.3),0 2px 6px rgba(15,23,42,.14)}' +
  '.l:active{transform:scale(.95)}' +
  '.l:focus-visible{outline:3px solid var(--pc);outline-offset:3px}' +
  '.l svg{position:absolute;width:30px;height:30px;transition:transform .25s,opacity .2s;fill:currentColor}' +
  'svg.s{fill:none;stroke:currentColor;stroke-width:2.4;stroke-linecap:round}' +
  '.l svg.s{width:26px;height:26px}' +
  '.l .x{opacity:0;transform:rotate(-90deg) scale(.5)}' +
  '.l[aria-expanded=true] .c{opacity:0;transform:rotate(90deg) scale(.5)}' +
  '.l[aria-expanded=true] .x{opacity:1;transform:none}' +
  '.l.busy .c{animation:pw-pulse .9s infinite ease-in-out}' +
  '.b{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#ef4444;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;box-shadow:0 0 0 2px #fff;animation:pw-pop .3s cubic-bezier(.2,.8,.3,1.4)}' +
  '.b[hidden]{display:none}' +
  '.tw{position:fixed;z-index:2147483000;bottom:94px;right:20px;max-width:300px}' +
  '.t{display:flex;align-items:flex-start;background:#fff;border-radius:16px;box-shadow:inset 0 3px var(--pc),0 8px 28px rgba(15,23,42,.24);animation:pw-pop .3s}' +
  '.t-o{flex:1;min-width:0;padding:13px 4px 13px 16px;text-align:left;border-radius:16px;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;overflow:hidden}' +
  '.t-x{flex:none;width:32px;height:32px;margin:5px 5px 0 0;color:#64748b}' +
  '.t-x svg{width:16px;height:16px}' +
  '@keyframes pw-pop{from{transform:scale(.4);opacity:0}to{transform:none;opacity:1}}' +
  '@keyframes pw-pulse{50%{opacity:.55}}' +
  '@media (max-width:480px){.l[aria-expanded=true]{display:none}.tw,.left .tw{left:16px;right:16px;max-width:none}}' +
  '@media (prefers-reduced-motion:reduce){.l,.b,.l svg,.t{animation:none;transition:none}}';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  container: HTMLElement;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  /** The badge (0 hides it); `label` ("3 unread") is added to the launcher's aria-label. */
  setUnread(count: number, label: string): void;
  setBusy(busy: boolean): void;
  /** Shows the welcome teaser above the launcher with this text, or removes it (null). */
  setTeaser(text: string | null): void;
}

/**
 * Creates `<div id="parley-widget">` with an open shadow root and draws the
 * launcher. `onTeaser(true)`: the teaser was clicked; `onTeaser(false)`: its × was.
 */
export function createLauncher(
  color: string,
  /** 'left', else on the right (whatever the server sends). */
  position: string,
  strings: LoaderStrings,
  onClick: () => void,
  onTeaser: (open: boolean) => void,
): Launcher {
  const pc = normalizeColor(color);
  const host = h('div', { id: 'parley-widget' });
  const root = host.attachShadow({ mode: 'open' });
  root.appendChild(h('style', null, baseCss));
  const container = h('div', { class: 'pw' + (position === 'left' ? ' left' : '') });
  // The chat bundle adds the colours only its window uses (chatColors in color.ts).
  container.style.setProperty('--pc', pc);
  container.style.setProperty('--pt', contrastText(pc));

  const badge = h('span', { class: 'b', 'data-testid': 'unread', 'aria-hidden': 'true', hidden: '' });
  const button = h('button', {
    type: 'button',
    class: 'l',
    'data-testid': 'launcher',
    'aria-label': strings.open,
    'aria-expanded': 'false',
    'aria-controls': 'parley-window',
    'aria-haspopup': 'dialog',
  });
  button.appendChild(
    icon(['M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-8.5l-4.3 3.4c-.5.4-1.2.05-1.2-.6V17a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'], 'c'),
  );
  button.appendChild(icon(['M6.5 6.5l11 11', 'M17.5 6.5l-11 11'], 's x'));
  button.appendChild(badge);
  button.addEventListener('click', onClick);
  // A polite live region that stays in place, so a teaser put into it is announced.
  const live = h('div', { class: 'tw', role: 'status', 'aria-live': 'polite' });
  container.appendChild(live);
  container.appendChild(button);
  root.appendChild(container);

  let open = false;
  let unread = 0;
  let unreadLabel = '';
  const label = () => {
    const base = open ? strings.close : strings.open;
    button.setAttribute('aria-label', unread && !open ? base + ' (' + unreadLabel + ')' : base);
  };

  return {
    host,
    root,
    container,
    button,
    setOpen(o) {
      open = o;
      button.setAttribute('aria-expanded', String(o));
      label();
    },
    setUnread(count, text) {
      unread = Math.max(0, count | 0);
      unreadLabel = text;
      badge.textContent = unread > 9 ? '9+' : String(unread);
      badge.hidden = unread === 0;
      label();
    },
    setBusy(busy) {
      button.classList.toggle('busy', busy);
    },
    setTeaser(text) {
      // Removing the focused × would drop focus to the page: hand it to the launcher.
      if (live.contains(root.activeElement)) button.focus();
      live.textContent = '';
      if (!text) return;
      const close = h(
        'button',
        { type: 'button', class: 't-x', 'data-parley-teaser-close': '', 'aria-label': strings.dismiss },
        icon(['M6 6l12 12', 'M18 6L6 18'], 's'),
      );
      const open = h('button', { type: 'button', class: 't-o', 'data-parley-teaser-open': '' }, text);
      open.onclick = close.onclick = (e) => onTeaser(e.currentTarget === open);
      live.appendChild(h('div', { class: 't', 'data-parley-teaser': '' }, open, close));
    },
  };
}
