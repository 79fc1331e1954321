// Builds the widget: src/chat/index.ts → dist/chat.js, src/signals/index.ts →
// dist/signals.js, src/loader.ts → dist/widget.js (which names both chunks by hash).
// Writes dist/size.json and exits non-zero when a gzip budget is exceeded.
// Usage: node build.mjs [--watch]
import { build, context } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const BUDGET = { loader: 5 * 1024, signals: 3 * 1024, total: 25 * 1024 };

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019', 'chrome80', 'firefox78', 'safari13.1', 'edge88'],
  platform: 'browser',
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  absWorkingDir: here,
};

function sizes(buf) {
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

async function buildOnce() {
  await mkdir(dist, { recursive: true });
  await build({ ...common, entryPoints: ['src/chat/index.ts'], outfile: join(dist, 'chat.js') });
  await build({ ...common, entryPoints: ['src/signals/index.ts'], outfile: join(dist, 'signals.js') });
  const chat = await readFile(join(dist, 'chat.js'));
  const signals = await readFile(join(dist, 'signals.js'));
  const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);
  const version = hash(chat);
  const signalsVersion = hash(signals);
  await build({
    ...common,
    entryPoints: ['src/loader.ts'],
    outfile: join(dist, 'widget.js'),
    define: { __CHAT_VERSION__: JSON.stringify(version), __SIGNALS_VERSION__: JSON.stringify(signalsVersion) },
  });
  const loader = await readFile(join(dist, 'widget.js'));
  const report = {
    loader: sizes(loader),
    chat: sizes(chat),
    signals: sizes(signals),
    total: { raw: 0, gzip: 0 },
    budget: BUDGET,
    chatVersion: version,
    signalsVersion,
  };
  report.total = {
    raw: report.loader.raw + report.chat.raw + report.signals.raw,
    gzip: report.loader.gzip + report.chat.gzip + report.signals.gzip,
  };
  await writeFile(join(dist, 'size.json'), JSON.stringify(report, null, 2) + '\n');

  const kb = (n) => (n / 1024).toFixed(2) + ' KB';
  console.log(`widget.js  ${kb(report.loader.raw)} raw, ${kb(report.loader.gzip)} gzip (budget ${kb(BUDGET.loader)})`);
  console.log(`chat.js    ${kb(report.chat.raw)} raw, ${kb(report.chat.gzip)} gzip`);
  console.log(`signals.js ${kb(report.signals.raw)} raw, ${kb(report.signals.gzip)} gzip (budget ${kb(BUDGET.signals)})`);
  console.log(`total      ${kb(report.total.raw)} raw, ${kb(report.total.gzip)} gzip (budget ${kb(BUDGET.total)})`);

  const problems = [];
  if (report.loader.gzip > BUDGET.loader) problems.push(`loader is ${report.loader.gzip} B gzip, budget ${BUDGET.loader} B`);
  if (report.signals.gzip > BUDGET.signals) problems.push(`signals chunk is ${report.signals.gzip} B gzip, budget ${BUDGET.signals} B`);
  if (report.total.gzip > BUDGET.total) problems.push(`widget is ${report.total.gzip} B gzip in total, budget ${BUDGET.total} B`);
  return problems;
}

if (process.argv.includes('--watch')) {
  // Rebuild both bundles on any change under src/.
  const ctx = await context({
    ...common,
    entryPoints: ['src/loader.ts', 'src/chat/index.ts', 'src/signals/index.ts'],
    outdir: join(dist, '.watch'),
    write: false,
    plugins: [
      {
        name: 'rebuild',
        setup(b) {
          b.onEnd(async (result) => {
            if (result.errors.length) return;
            const problems = await buildOnce().catch((e) => [String(e)]);
            for (const p of problems) console.error('budget exceeded: ' + p);
          });
        },
      },
    ],
  });
  await ctx.watch();
  console.log('watching src/ …');
} else {
  await rm(join(dist, '.watch'), { recursive: true, force: true });
  const problems = await buildOnce().catch((e) => {
    console.error(e);
    return ['build failed'];
  });
  if (problems.length) {
    for (const p of problems) console.error('widget build failed: ' + p);
    process.exit(1);
  }
}
