// Runs inside a bench server child process (Parley or the bare relay): answers
// the orchestrator's IPC requests for memory, CPU and CPU profiles.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full GCs (when started with --expose-gc), a pause to settle, then memoryUsage(). */
async function settledMemory(settleMs) {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await sleep(settleMs / 3);
  }
  globalThis.gc?.();
  return { ...process.memoryUsage(), gcForced: typeof globalThis.gc === 'function' };
}

/**
 * Wires the IPC handler. `extra` may add commands: { name: async (msg) => result }.
 * Replies are { id, ok, result } or { id, ok: false, error }.
 */
export function serveControl({ extra = {}, stop, snapshot = async () => ({}), onProfileStart = () => {}, onProfileStop = () => null }) {
  let profiler = null;
  const commands = {
    memory: (msg) => settledMemory(msg.settleMs ?? 1500),
    cpu: async () => ({ usage: process.cpuUsage(), elu: performance.eventLoopUtilization(), t: performance.now() }),
    'profile-start': async (msg) => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: msg.intervalUs ?? 500 });
      await profiler.post('Profiler.start');
      onProfileStart();
      return { t: performance.now(), ...(await snapshot()) };
    },
    'profile-stop': async (msg) => {
      if (!profiler) throw new Error('profiler not started');
      const at = { t: performance.now(), ...(await snapshot()) };
      const extraReport = onProfileStop();
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      await writeFile(msg.file, JSON.stringify(profile));
      return { file: msg.file, ...at, report: extraReport };
    },
    stop: async () => {
      await stop();
      setImmediate(() => process.exit(0));
      return true;
    },
    ...extra,
  };
  process.on('message', async (msg) => {
    const handler = commands[msg?.cmd];
    if (!handler) {
      process.send({ id: msg?.id, ok: false, error: `unknown command ${msg?.cmd}` });
      return;
    }
    try {
      process.send({ id: msg.id, ok: true, result: await handler(msg) });
    } catch (error) {
      process.send({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
