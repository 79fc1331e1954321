// Child-process entry: starts Parley (the built server) for the bench and
// reports its URL and demo website key to the orchestrator over IPC.
// Configuration comes from the environment, as for `npm start`.
import { pathToFileURL } from 'node:url';
import { serveControl } from './server-control.mjs';
import { installSqlTiming } from './sql-timing.mjs';

const sqlTiming = process.env.BENCH_SQL_TIMING === '1' ? installSqlTiming() : null;
const botTiming = process.env.BENCH_BOT_TIMING === '1' ? await (await import('./bot-timing.mjs')).installBotTiming() : null;

const serverModule = process.env.BENCH_SERVER_MODULE
  ? pathToFileURL(process.env.BENCH_SERVER_MODULE).href
  : new URL('../../packages/server/dist/index.js', import.meta.url).href;
const { createParley, loadConfig } = await import(serverModule);

const config = loadConfig(process.env);
const parley = await createParley({ config });
const url = await parley.listen();
botTiming?.attach(parley);

// The demo website's key lives in instance_settings (key demo_website_key).
let websiteKey = parley.demo?.websiteKey ?? null;
if (!websiteKey) {
  const row = await parley.storage.db.selectFrom('instance_settings').select('value').where('key', '=', 'demo_website_key').executeTakeFirst();
  websiteKey = row?.value ?? null;
}

/** Messages the gateway handled (parley_messages_total), for per-message figures on the server's own clock. */
async function messageCount() {
  const metric = await parley.ctx.metrics.messages.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

serveControl({
  stop: () => parley.close(),
  snapshot: async () => ({ messages: await messageCount() }),
  onProfileStart: () => sqlTiming?.reset(),
  onProfileStop: () => sqlTiming?.report() ?? null,
  extra: {
    'sql-reset': async () => sqlTiming?.reset() ?? null,
    'sql-report': async () => sqlTiming?.report() ?? null,
    'bot-timing-reset': async () => botTiming?.reset() ?? null,
    'bot-timing-report': async () => botTiming?.report() ?? null,
  },
});
process.send({ ready: true, url, websiteKey, email: parley.demo?.email ?? null, pid: process.pid });
