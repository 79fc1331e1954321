// Bench-only diagnostics for the bot-step scenario (its server and its profiled run),
// loaded into the server process by parley-server.mjs when BENCH_BOT_TIMING=1
// (the server code is not changed; a few µs per click):
//   - how long ChatbotRuntime.choose (a click, frame parsed → reply published) and
//     ConversationService.sendVisitorMessage take on the server's own clock, and how
//     many were in flight when each started;
//   - Kysely's SQLite connection mutex (one connection; every query and every
//     transaction takes it): time waiting for it, time holding it, waiters;
//   - the event loop's delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { summarize } from './stats.mjs';

class Recorder {
  values = [];
  add(v) {
    this.values.push(v);
  }
  summary() {
    return summarize(this.values);
  }
}

export async function installBotTiming() {
  const { SqliteDriver } = await import('kysely');
  // When each chatbot.choose frame reached the server's `ws` (clientId → ms), to split server residence from the rest.
  const { WebSocket } = await import('ws');
  const received = new Map();
  const emit = WebSocket.prototype.emit;
  const CHOOSE = '{"type":"chatbot.choose","clientId":"';
  WebSocket.prototype.emit = function timedEmit(event, data, ...rest) {
    if (event === 'message' && Buffer.isBuffer(data) && data.length > CHOOSE.length && data.toString('latin1', 0, CHOOSE.length) === CHOOSE) {
      const from = CHOOSE.length;
      received.set(data.toString('latin1', from, data.indexOf(34, from)), performance.now());
    }
    return emit.call(this, event, data, ...rest);
  };
  let rec = fresh();
  function fresh() {
    return { received: new Recorder(), residence: new Recorder(), choose: new Recorder(), chooseInFlight: new Recorder(), send: new Recorder(), acquireWait: new Recorder(), hold: new Recorder(), waitersAtAcquire: new Recorder(), acquisitions: 0 };
  }
  let waiters = 0;
  let heldSince = null;
  const acquire = SqliteDriver.prototype.acquireConnection;
  const release = SqliteDriver.prototype.releaseConnection;
  SqliteDriver.prototype.acquireConnection = async function timedAcquire(...args) {
    const t0 = performance.now();
    rec.waitersAtAcquire.add(waiters);
    waiters++;
    try {
      return await acquire.apply(this, args);
    } finally {
      waiters--;
      const now = performance.now();
      rec.acquireWait.add(now - t0);
      rec.acquisitions++;
      heldSince = now;
    }
  };
  SqliteDriver.prototype.releaseConnection = async function timedRelease(...args) {
    if (heldSince !== null) rec.hold.add(performance.now() - heldSince);
    heldSince = null;
    return release.apply(this, args);
  };
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();

  const wrap = (object, method, samples, inFlightSamples, clientIdOf) => {
    const original = object[method].bind(object);
    let inFlight = 0;
    object[method] = async (...args) => {
      inFlightSamples?.add(inFlight);
      inFlight++;
      const t0 = performance.now();
      const clientId = clientIdOf?.(args);
      const t = clientId === undefined ? undefined : received.get(clientId);
      if (t !== undefined) {
        received.delete(clientId);
        rec.received.add(t0 - t);
      }
      try {
        return await original(...args);
      } finally {
        inFlight--;
        const end = performance.now();
        samples().add(end - t0);
        if (t !== undefined) rec.residence.add(end - t);
      }
    };
  };

  return {
    /** Wraps the running server's services (after createParley). */
    attach(parley) {
      const inFlight = { add: (v) => rec.chooseInFlight.add(v) };
      // A server build without the chatbot runtime (--server=older build): only what exists is timed.
      if (parley.ctx?.runtime?.choose) wrap(parley.ctx.runtime, 'choose', () => rec.choose, inFlight, (args) => args[1]?.clientId);
      if (parley.ctx?.conversations?.sendVisitorMessage) wrap(parley.ctx.conversations, 'sendVisitorMessage', () => rec.send);
    },
    reset() {
      rec = fresh();
      received.clear();
      loopDelay.reset();
    },
    report() {
      const ms = (ns) => ns / 1e6;
      return {
        choose: rec.choose.summary(),
        /** ws 'message' event → choose() called (frame parse, dispatch, waiting for the event loop). */
        receivedToChoose: rec.received.summary(),
        /** ws 'message' event → choose() done (reply published, ack about to be sent). */
        serverResidence: rec.residence.summary(),
        chooseInFlightAtStart: rec.chooseInFlight.summary(),
        sendVisitorMessage: rec.send.summary(),
        connection: {
          acquisitions: rec.acquisitions,
          wait: rec.acquireWait.summary(),
          hold: rec.hold.summary(),
          waitersAtAcquire: rec.waitersAtAcquire.summary(),
        },
        eventLoopDelay: {
          p50: ms(loopDelay.percentile(50)),
          p99: ms(loopDelay.percentile(99)),
          max: ms(loopDelay.max),
          mean: ms(loopDelay.mean),
        },
      };
    },
  };
}
