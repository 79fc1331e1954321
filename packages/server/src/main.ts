#!/usr/bin/env node
import { loadConfig } from './config.js';
import { createParley } from './parley.js';

/** `npm start`: one process serving everything, SQLite by default. */
async function main(): Promise<void> {
  const config = loadConfig();
  const parley = await createParley({ config, ...(config.pgSchema ? { pgSchema: config.pgSchema } : {}) });
  const base = await parley.listen();
  const url = config.publicUrl ?? base;
  const lines = [
    '',
    `  Parley is running on ${url}  (${parley.ctx.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'}${config.redisUrl ? ' + Redis' : ''})`,
    '',
    `  Inbox        ${url}/app/`,
    `  Demo site    ${url}/demo`,
    `  API docs     ${url}/api/docs`,
    `  Health       ${url}/healthz    Metrics ${url}/metrics`,
  ];
  if (parley.demo) {
    lines.push('', `  Demo login   ${parley.demo.email}`);
    lines.push(
      parley.demo.password
        ? `  Password     ${parley.demo.password}   (shown once; set PARLEY_DEMO_PASSWORD to choose it)`
        : '  Password     the one printed on the first start (or the PARLEY_DEMO_PASSWORD it was started with)',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    parley.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await parley.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
