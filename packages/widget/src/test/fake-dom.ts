/**
 * A small stand-in for the DOM, for unit tests of the view without a browser
 * (the unit tests run under Node; jsdom is not a dependency). It implements
 * only what the widget's view uses, and throws on `innerHTML`, so a test also
 * proves that text never goes through HTML parsing. Not part of any bundle.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Listener = (e: any) => void;

export class FakeNode {
  parentNode: FakeElement | null = null;
  childNodes: FakeNode[] = [];

  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get nextSibling(): FakeNode | null {
    const p = this.parentNode;
    if (!p) return null;
    return p.childNodes[p.childNodes.indexOf(this) + 1] ?? null;
  }
  appendChild<T extends FakeNode>(n: T): T {
    return this.insertBefore(n, null);
  }
  insertBefore<T extends FakeNode>(n: T, ref: FakeNode | null): T {
    if (n.parentNode) n.parentNode.removeChild(n);
    const i = ref ? this.childNodes.indexOf(ref) : -1;
    if (i < 0) this.childNodes.push(n);
    else this.childNodes.splice(i, 0, n);
    n.parentNode = this as unknown as FakeElement;
    return n;
  }
  removeChild<T extends FakeNode>(n: T): T {
    const i = this.childNodes.indexOf(n);
    if (i >= 0) this.childNodes.splice(i, 1);
    n.parentNode = null;
    return n;
  }
  remove(): void {
    if (this.parentNode) this.parentNode.removeChild(this);
  }
  contains(n: FakeNode | null): boolean {
    for (let x: FakeNode | null = n; x; x = x.parentNode) if (x === this) return true;
    return false;
  }
  getRootNode(): FakeNode {
    let x: FakeNode = this;
    while (x.parentNode) x = x.parentNode;
    return x;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = [];
    if (v) this.appendChild(new FakeText(String(v)));
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
  override set textContent(v: string) {
    this.data = v;
  }
}

const REFLECTED = ['id', 'href', 'target', 'rel', 'src', 'alt', 'title', 'placeholder', 'type', 'loading'];

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  private readonly listeners: Record<string, Listener[]> = {};
  /** For a root (the shadow root in the widget): the focused element. */
  activeElement: FakeElement | null = null;
  value = '';
  style: Record<string, any> = { setProperty() {} };
  scrollHeight = 0;
  scrollTop = 0;
  clientHeight = 0;
  offsetHeight = 0;

  constructor(readonly tagName: string) {
    super();
  }

  setAttribute(k: string, v: string): void {
    this.attributes.set(k, String(v));
  }
  getAttribute(k: string): string | null {
    return this.attributes.has(k) ? (this.attributes.get(k) as string) : null;
  }
  hasAttribute(k: string): boolean {
    return this.attributes.has(k);
  }
  removeAttribute(k: string): void {
    this.attributes.delete(k);
  }
  get className(): string {
    return this.getAttribute('class') ?? '';
  }
  set className(v: string) {
    this.setAttribute('class', v);
  }
  get classList() {
    const get = () => this.className.split(/\s+/).filter(Boolean);
    const set = (l: string[]) => (this.className = l.join(' '));
    return {
      contains: (c: string) => get().includes(c),
      add: (c: string) => set([...get().filter((x) => x !== c), c]),
      remove: (c: string) => set(get().filter((x) => x !== c)),
      toggle: (c: string, force?: boolean) => {
        const on = force ?? !get().includes(c);
        set(on ? [...get().filter((x) => x !== c), c] : get().filter((x) => x !== c));
        return on;
      },
    };
  }
  get hidden(): boolean {
    return this.hasAttribute('hidden');
  }
  set hidden(v: boolean) {
    if (v) this.setAttribute('hidden', '');
    else this.removeAttribute('hidden');
  }
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(v: boolean) {
    if (v) this.setAttribute('disabled', '');
    else this.removeAttribute('disabled');
  }
  get innerHTML(): string {
    throw new Error('innerHTML read');
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML must never be used');
  }
  set outerHTML(_v: string) {
    throw new Error('outerHTML must never be used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML must never be used');
  }
  addEventListener(type: string, fn: Listener): void {
    (this.listeners[type] = this.listeners[type] || []).push(fn);
  }
  /** Fires an event here and up the tree (like a bubbling DOM event). */
  dispatch(type: string, init: Record<string, unknown> = {}): void {
    let stopped = false;
    const e = { type, target: this, detail: 1, preventDefault() {}, stopPropagation: () => (stopped = true), ...init } as any;
    for (let x: FakeNode | null = this; x && !stopped; x = x.parentNode) {
      if (!(x instanceof FakeElement)) continue;
      e.currentTarget = x;
      for (const fn of (x.listeners[type] || []).slice()) fn(e);
      const handler = (x as any)['on' + type];
      if (typeof handler === 'function') handler(e);
    }
  }
  click(init: Record<string, unknown> = {}): void {
    if (this.disabled) return; // disabled buttons get no clicks
    this.dispatch('click', init);
  }
  focus(): void {
    const root = this.getRootNode();
    if (root instanceof FakeElement) root.activeElement = this;
  }
  /** Elements below this one matching a simple selector: `tag`, `.class`, `[attr]`, `[attr="v"]`, combined (`button.x[data-x="1"]`). */
  querySelectorAll(selector: string): FakeElement[] {
    const m = /^([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[^\]]+\])*)$/i.exec(selector.trim());
    if (!m) throw new Error('unsupported selector ' + selector);
    const tag = (m[1] || '').toUpperCase();
    const classes = (m[2] || '').split('.').filter(Boolean);
    const attrs = [...(m[3] || '').matchAll(/\[([^=\]]+)(?:="([^"]*)")?\]/g)].map((a) => [a[1] as string, a[2]] as const);
    const out: FakeElement[] = [];
    const walk = (n: FakeNode) => {
      for (const c of n.childNodes) {
        if (c instanceof FakeElement) {
          if ((!tag || c.tagName === tag) && classes.every((k) => c.classList.contains(k)) && attrs.every(([k, v]) => (v === undefined ? c.hasAttribute(k) : c.getAttribute(k) === v))) out.push(c);
          walk(c);
        }
      }
    };
    walk(this);
    return out;
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}
for (const k of REFLECTED) {
  Object.defineProperty(FakeElement.prototype, k, {
    get(this: FakeElement) {
      return this.getAttribute(k) ?? '';
    },
    set(this: FakeElement, v: string) {
      this.setAttribute(k, v);
    },
  });
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeText(text),
};

/** Sets `globalThis.document` to the fake; returns what puts the previous one back. */
export function installFakeDocument(): () => void {
  const g = globalThis as { document?: unknown };
  const before = g.document;
  g.document = fakeDocument;
  return () => {
    g.document = before;
  };
}
