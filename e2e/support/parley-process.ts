/**
 * Runs the real built server (`packages/server/dist/main.js`) as a child process,
 * on SQLite in a temporary data dir — exactly what `npm start` runs — so tests
 * can stop and restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));
export const OWNER_EMAIL = 'owner@demo.parley.test';
export const OWNER_PASSWORD = 'e2e-password-1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export class ParleyProcess {
  #child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    /** More environment for the server (e.g. DATABASE_URL, PARLEY_PLANS_FILE). */
    readonly env: Record<string, string> = {},
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ParleyProcess> {
    const p = new ParleyProcess(await freePort(), mkdtempSync(join(tmpdir(), 'parley-e2e-')), env);
    await p.start();
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      PARLEY_DATA_DIR: this.dataDir,
      PARLEY_DEMO_PASSWORD: OWNER_PASSWORD,
      LOG_LEVEL: 'warn',
      ...this.env,
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.#child = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
