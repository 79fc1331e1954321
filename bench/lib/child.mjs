// Orchestrator side of a bench child process (server or client worker): fork,
// wait for its `ready` message, then request/response over IPC.
import { fork } from 'node:child_process';

export async function startChild(entry, { env = {}, execArgv = [], label = entry, readyTimeoutMs = 60_000 } = {}) {
  const child = fork(entry, [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.on('message', (msg) => {
      if (msg?.ready) {
        clearTimeout(timer);
        resolve(msg);
        return;
      }
      const waiter = pending.get(msg?.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new Error(`${label}: ${msg.error}`));
    });
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      const error = new Error(`${label} exited (code ${code}, signal ${signal})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  const info = await ready;
  return {
    info,
    pid: child.pid,
    request(cmd, payload = {}) {
      if (exited) return Promise.reject(new Error(`${label} has exited`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...payload });
      });
    },
    /** Asks the child to stop; kills it if it does not exit in time. */
    async stop(timeoutMs = 10_000) {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      this.request('stop').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await gone;
      clearTimeout(timer);
    },
  };
}
