// Summarises a V8 .cpuprofile (from `node --cpu-prof` or the inspector):
// top functions by self time, inclusive time of chosen frames, and self time
// grouped by where the code lives (package, Parley, Node core, GC, native).
// CLI: node bench/lib/profile-summary.mjs <file.cpuprofile> [top]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where a frame's code lives. */
export function categoryOf(callFrame) {
  const { url, functionName } = callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'VM/native (unattributed)';
    if (functionName === '(root)') return 'root';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    if (rest[0] === '@parley') return `parley ${rest[1]}`;
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const pkg = /\/packages\/([^/]+)\//.exec(url);
  if (pkg) return `parley ${pkg[1]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

function shortUrl(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const pkg = url.indexOf('/packages/');
  if (pkg >= 0) return url.slice(pkg + 1);
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(profile, { top = 25 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

  const self = new Map();
  const inclusive = new Map();
  // Native time (SQLite's run/all, socket writev, …) charged to the nearest Parley frame that caused it.
  const nativeByCaller = new Map();
  const categories = new Map();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000; // µs → ms
    if (dt <= 0) return;
    const node = byId.get(id);
    if (!node) return;
    total += dt;
    if (node.callFrame.functionName === '(idle)') idle += dt;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    const cat = categoryOf(node.callFrame);
    categories.set(cat, (categories.get(cat) ?? 0) + dt);
    if (!node.callFrame.url && !node.callFrame.functionName.startsWith('(')) {
      let caller = parent.get(id);
      while (caller !== undefined && !categoryOf(byId.get(caller).callFrame).startsWith('parley ')) caller = parent.get(caller);
      const k = `${node.callFrame.functionName} ← ${caller === undefined ? '(no Parley frame)' : keyOf(byId.get(caller))}`;
      nativeByCaller.set(k, (nativeByCaller.get(k) ?? 0) + dt);
    }
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const busy = total - idle;
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => ({ name, ms: Math.round(ms), pctOfBusy: busy > 0 ? (100 * ms) / busy : 0 }));
  return {
    totalMs: Math.round(total),
    idleMs: Math.round(idle),
    busyMs: Math.round(busy),
    topSelf: rank(self).filter((r) => !r.name.startsWith('(idle)')).slice(0, top),
    categories: rank(categories).filter((r) => r.name !== 'idle'),
    inclusive: rank(inclusive).filter((r) => !r.name.startsWith('(root)') && !r.name.startsWith('(idle)')),
    nativeByCaller: rank(nativeByCaller),
  };
}

export function formatProfileSummary(summary, { top = 25, inclusiveTop = 30 } = {}) {
  const pct = (r) => `${r.pctOfBusy.toFixed(1).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}`;
  return [
    `busy ${summary.busyMs} ms of ${summary.totalMs} ms sampled (idle ${summary.idleMs} ms)`,
    '',
    'self time by where the code lives:',
    ...summary.categories.slice(0, 20).map(pct),
    '',
    `top ${top} functions by self time:`,
    ...summary.topSelf.slice(0, top).map(pct),
    '',
    `top ${inclusiveTop} frames by inclusive time:`,
    ...summary.inclusive.slice(0, inclusiveTop).map(pct),
    '',
    'native time by the Parley function that caused it:',
    ...summary.nativeByCaller.slice(0, 20).map(pct),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/lib/profile-summary.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 25);
  const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')), { top });
  console.log(formatProfileSummary(summary, { top, inclusiveTop: top }));
}
