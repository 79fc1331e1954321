// Child-process entry: the baseline. A bare `ws` relay with no persistence and
// no validation library: each visitor `message.send` becomes one `message`
// frame (the same JSON shape Parley sends) written to every agent socket, then
// a `message.ack` to the sender. Same fan-out shape as Parley, nothing stored.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { serveControl } from './server-control.mjs';

const MAX_PAYLOAD = 32 * 1024;
const agents = new Set();
const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
let messageCounter = 0;

const http = createServer((_request, response) => {
  response.writeHead(404).end();
});

function hello(ws, role, userId) {
  ws.send(JSON.stringify({ type: 'hello', protocol: 1, connectionId: randomUUID(), role, userId, serverTime: new Date().toISOString() }));
}

function acceptAgent(ws) {
  agents.add(ws);
  ws.on('close', () => agents.delete(ws));
  ws.on('error', () => ws.terminate());
  hello(ws, 'agent', 'agent-1');
}

function acceptVisitor(ws, visitorId) {
  const conversationId = `conv-${visitorId}`;
  let seq = 0;
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify({ type: 'error', code: 'bad_frame', message: 'Frame is not valid JSON' }));
      return;
    }
    if (frame?.type !== 'message.send' || typeof frame.clientId !== 'string' || typeof frame.text !== 'string') {
      ws.send(JSON.stringify({ type: 'error', code: 'bad_frame', message: 'Unsupported frame' }));
      return;
    }
    seq += 1;
    const message = {
      id: `m${++messageCounter}`,
      conversationId,
      seq,
      clientId: frame.clientId,
      author: { type: 'visitor', id: visitorId, name: null },
      text: frame.text.trim(),
      createdAt: new Date().toISOString(),
    };
    const out = JSON.stringify({ type: 'message', message });
    for (const agent of agents) if (agent.readyState === agent.OPEN) agent.send(out);
    ws.send(JSON.stringify({ type: 'message.ack', clientId: frame.clientId, message }));
  });
  hello(ws, 'visitor', visitorId);
}

let visitorCounter = 0;
http.on('upgrade', (request, socket, head) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname !== '/ws/agent' && pathname !== '/ws/visitor') return socket.destroy();
  wss.handleUpgrade(request, socket, head, (ws) => {
    if (pathname === '/ws/agent') acceptAgent(ws);
    else acceptVisitor(ws, `v${++visitorCounter}`);
  });
});

await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address();
serveControl({
  stop: async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise((resolve) => http.close(resolve));
  },
});
process.send({ ready: true, url: `http://127.0.0.1:${port}`, websiteKey: null, pid: process.pid });
