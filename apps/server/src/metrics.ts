import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly updates = new Counter({
    name: 'journeycraft_updates_stored_total',
    help: 'Document updates stored (rate() gives updates/s)',
    registers: [this.registry],
  });
  readonly persistSeconds = new Histogram({
    name: 'journeycraft_persist_seconds',
    help: 'Time to store one batch of updates durably',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'journeycraft_messages_rejected_total',
    help: 'Frames refused (malformed, too big, rate limited, forbidden)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'journeycraft_errors_total',
    help: 'Server-side errors by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly connections: Gauge;
  readonly rooms: Gauge;

  constructor(sample: { connections: () => number; rooms: () => number }) {
    this.connections = new Gauge({
      name: 'journeycraft_connections',
      help: 'Open WebSocket connections',
      registers: [this.registry],
      collect() {
        this.set(sample.connections());
      },
    });
    this.rooms = new Gauge({
      name: 'journeycraft_rooms',
      help: 'Maps loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(sample.rooms());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'journeycraft_' });
  }
}
