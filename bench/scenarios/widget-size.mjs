// Scenario (c): the widget's gzip size against its budget. Reads
// packages/widget/dist/size.json (written by the widget build) or gzips the
// bundles itself (level 9); reports "not built" when there is nothing to measure.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const id = 'widget-size';

const dist = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));
const BUDGET = { loader: 5 * 1024, signals: 3 * 1024, total: 25 * 1024 };

async function sizeOf(file) {
  const buf = await readFile(join(dist, file));
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** Sizes of dist/widget.js (loader) and dist/chat.js, or null when not built. */
async function measure() {
  // Always gzip the files themselves; size.json (from the widget build) is cross-checked when present.
  if (!existsSync(join(dist, 'widget.js'))) return null;
  const loader = await sizeOf('widget.js');
  const chat = existsSync(join(dist, 'chat.js')) ? await sizeOf('chat.js') : null;
  const signals = existsSync(join(dist, 'signals.js')) ? await sizeOf('signals.js') : null;
  let reported = null;
  if (existsSync(join(dist, 'size.json'))) {
    try {
      reported = JSON.parse(await readFile(join(dist, 'size.json'), 'utf8'));
    } catch {
      reported = null;
    }
  }
  return { loader, chat, signals, reported, budget: { ...BUDGET, ...(reported?.budget ?? {}) } };
}

export async function run(ctx) {
  const sizes = await measure();
  if (!sizes) {
    ctx.log('  widget not built (packages/widget/dist/widget.js missing): run npm run build:widget');
    return [
      { name: 'widget loader gzip (widget.js)', value: null, unit: 'B', baseline: BUDGET.loader, ratio: null, target: '≤ budget', met: null, notes: 'not built' },
      { name: 'widget total gzip (loader + chat)', value: null, unit: 'B', baseline: BUDGET.total, ratio: null, target: '≤ budget', met: null, notes: 'not built' },
    ];
  }
  const { loader, chat, signals, reported, budget } = sizes;
  const total = chat ? loader.gzip + chat.gzip + (signals?.gzip ?? 0) : null;
  const crossCheck =
    reported && reported.loader?.gzip !== loader.gzip
      ? ` (size.json says ${reported.loader.gzip} B: stale or different zlib; this figure is gzip -9 of the file now on disk)`
      : reported
        ? ' (matches size.json)'
        : '';
  ctx.log(`  loader ${loader.gzip} B gzip, chat ${chat ? `${chat.gzip} B gzip` : 'not built'}`);
  return [
    {
      name: 'widget loader gzip (widget.js)',
      value: loader.gzip,
      unit: 'B',
      baseline: budget.loader,
      ratio: loader.gzip / budget.loader,
      target: '≤ budget',
      met: loader.gzip <= budget.loader,
      notes: `gzip -9 of packages/widget/dist/widget.js (${loader.raw} B raw); baseline = the budget${crossCheck}.`,
    },
    {
      name: 'widget chat gzip (chat.js)',
      value: chat ? chat.gzip : null,
      unit: 'B',
      baseline: null,
      ratio: null,
      notes: chat ? `gzip -9 of packages/widget/dist/chat.js (${chat.raw} B raw), loaded on first open.` : 'not built',
    },
    {
      name: 'widget targeting signals gzip (signals.js)',
      value: signals ? signals.gzip : null,
      unit: 'B',
      baseline: budget.signals,
      ratio: signals ? signals.gzip / budget.signals : null,
      target: '≤ 3 KB',
      met: signals ? signals.gzip <= budget.signals : null,
      notes: signals
        ? `gzip -9 of packages/widget/dist/signals.js (${signals.raw} B raw): the code the widget adds for targeting signals, loaded only when a page has triggers to arm; baseline = the budget.`
        : 'not built',
    },
    {
      name: 'widget total gzip (loader + chat + signals)',
      value: total,
      unit: 'B',
      baseline: budget.total,
      ratio: total === null ? null : total / budget.total,
      target: '≤ budget',
      met: total === null ? null : total <= budget.total,
      notes: total === null ? 'chat.js not built' : `loader + chat + signals, each gzip -9; baseline = the budget.`,
    },
  ];
}
