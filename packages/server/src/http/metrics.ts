import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics this node exposes at /metrics. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  wsConnections: Gauge<'role'>;
  messages: Counter<'author' | 'duplicate'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'parley_websocket_connections',
      help: 'Open WebSocket connections on this node',
      labelNames: ['role'],
      registers: [registry],
    }),
    messages: new Counter({
      name: 'parley_messages_total',
      help: 'Messages received over WebSocket',
      labelNames: ['author', 'duplicate'],
      registers: [registry],
    }),
  };
}
