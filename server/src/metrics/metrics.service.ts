import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, from ~1 ms to 10 s: ingest requests, queries, recounts and the event → delta lag. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct rejection reasons kept as label values; a hostile sender cannot grow the registry. */
const MAX_REASONS = 64;

/**
 * The server's Prometheus instruments, in one registry served at `/metrics`. Each is named for
 * what an operator asks: are events refused (and why), is ingest slow, is it the database (query
 * time, waits for a pooled connection), are the walls behind (recount time, event → delta lag).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly reasons = new Set<string>();

  readonly ingestEvents = new Counter({
    name: 'ioc_ingest_events_total',
    help: 'Events received by ingest (API and CSV), by outcome; rejections by the field their reason names',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'ioc_http_request_duration_seconds',
    help: 'HTTP request duration, by route and status (ingest: POST /api/v1/events, /api/v1/imports)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly dbQueries = new Histogram({
    name: 'ioc_db_query_duration_seconds',
    help: 'Database statement duration as seen by the server, by its first keyword',
    labelNames: ['statement'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly dbPoolWaits = new Histogram({
    name: 'ioc_db_pool_wait_seconds',
    help: 'Time a request waited for a pooled database connection',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly liveRecounts = new Histogram({
    name: 'ioc_live_recount_duration_seconds',
    help: 'Live figures recount duration: all units, or the units that changed',
    labelNames: ['scope'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly socketsConnected = new Gauge({
    name: 'ioc_live_sockets_connected',
    help: 'socket.io clients connected to this process',
    registers: [this.registry],
  });

  readonly slowSocketsDropped = new Counter({
    name: 'ioc_live_slow_sockets_dropped_total',
    help: 'socket.io clients disconnected because they left more than IOC_LIVE_SEND_BUFFER_BYTES unread',
    registers: [this.registry],
  });

  readonly deltasSent = new Counter({
    name: 'ioc_live_deltas_sent_total',
    help: 'Live deltas sent, by kind of scope (province, unit, field)',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly eventToDelta = new Histogram({
    name: 'ioc_live_event_to_delta_seconds',
    help: 'From the commit of an ingest to the delta that carries its change',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'ioc_jobs_runs_total',
    help: 'TimescaleDB policy jobs and embedded chores run by this server (embedded engine), by outcome',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  private jobStatsSource: (() => Promise<{ job: string; successes: number; failures: number }[]>) | null =
    null;

  readonly serverJobRuns = new Gauge({
    name: 'ioc_timescaledb_job_runs',
    help: "Runs of each policy job by a real server's own scheduler since it was created, by outcome",
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
    collect: async () => {
      if (!this.jobStatsSource) return;
      this.serverJobRuns.reset();
      const stats = await this.jobStatsSource().catch(() => []);
      for (const { job, successes, failures } of stats) {
        this.serverJobRuns.set({ job, outcome: 'success' }, successes);
        this.serverJobRuns.set({ job, outcome: 'failure' }, failures);
      }
    },
  });

  /** A real server's job statistics, read at each scrape (the embedded runner counts its own). */
  collectServerJobStatsFrom(
    source: () => Promise<{ job: string; successes: number; failures: number }[]>,
  ): void {
    this.jobStatsSource = source;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ioc_' });
  }

  /** Counts one request's events; a rejection is labelled by the field its reason names. */
  countIngest(accepted: number, duplicate: number, rejectedReasons: readonly string[]): void {
    if (accepted > 0) this.ingestEvents.inc({ outcome: 'accepted', reason: '' }, accepted);
    if (duplicate > 0) this.ingestEvents.inc({ outcome: 'duplicate', reason: '' }, duplicate);
    for (const reason of rejectedReasons) {
      this.ingestEvents.inc({ outcome: 'rejected', reason: this.reasonLabel(reason) });
    }
  }

  /** `dossier.procedure: '9.99' is not…` → `dossier.procedure`: bounded, and no sender's data in it. */
  private reasonLabel(reason: string): string {
    const field = /^([a-zA-Z][\w.]{0,40}):/.exec(reason)?.[1] ?? 'other';
    if (this.reasons.has(field)) return field;
    if (this.reasons.size >= MAX_REASONS) return 'other';
    this.reasons.add(field);
    return field;
  }
}
