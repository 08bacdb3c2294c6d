import { REFERENCE_PROCEDURES, REFERENCE_UNITS } from '@ioc/db';
import type { IngestEvent } from '@ioc/shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BATCH_EVERY_MS = 250;
const LOW_RATING_COMMENTS = [
  'Chờ quá lâu, không ai hướng dẫn',
  'Hẹn trả kết quả nhưng đến nơi chưa có',
  'Cán bộ không nghe điện thoại',
  'Phải đi lại nhiều lần vì thiếu giấy tờ',
];

export interface SteadyLoadOptions {
  url: string;
  /** A provincial ingest key. */
  key: string;
  eventsPerSecond: number;
  seed?: number;
}

export interface SteadyLoad {
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<{ sent: number; accepted: number; failedRequests: number; seconds: number }>;
}

/** A small deterministic generator (mulberry32): the same seed sends the same events. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A steady stream of events at a fixed rate whatever the hour, for the wall's soak test and its
 * CPU benchmark: new receipts, receipts whose deadline passes during the run (they turn overdue
 * with no event), results on time and late, and ratings (a third of them poor, with words).
 */
export function startSteadyLoad(options: SteadyLoadOptions): SteadyLoad {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const run = `${Date.now().toString(36)}-${Math.floor(next() * 1e6).toString(36)}`;
  const open: { unit: string; code: string; dueAt: number }[] = [];
  const procedures = REFERENCE_PROCEDURES.filter((procedure) => procedure.processingTime !== null);
  let sequence = 0;
  let sent = 0;
  let accepted = 0;
  let failedRequests = 0;
  const inFlight = new Set<Promise<void>>();
  const startedAt = Date.now();

  const event = (): IngestEvent => {
    const now = Date.now();
    sequence += 1;
    const roll = next();
    if (roll < 0.35 || open.length < 50) {
      const unit = pick(REFERENCE_UNITS).code;
      const procedure = pick(procedures);
      const code = `SOAK-${run}-${sequence}`;
      // One receipt in three was filed days ago and falls due within the next minutes.
      const old = next() < 0.33;
      const dueAt = old
        ? now + Math.floor(next() * 10 * MINUTE) - MINUTE
        : now + HOUR + Math.floor(next() * 48 * HOUR);
      open.push({ unit, code, dueAt });
      if (open.length > 5_000) open.shift();
      return {
        id: `${code}-recv`,
        unit,
        type: 'dossier.received',
        at: new Date(old ? now - 2 * 24 * HOUR : now - 1000).toISOString(),
        dossier: {
          code,
          procedure: procedure.code,
          field: procedure.field,
          channel: next() < 0.4 ? 'online' : 'direct',
          dueAt: new Date(dueAt).toISOString(),
        },
      };
    }
    if (roll < 0.7) {
      const dossier = open.splice(Math.floor(next() * open.length), 1)[0]!;
      return {
        id: `${dossier.code}-resolved`,
        unit: dossier.unit,
        type: 'dossier.resolved',
        at: new Date(now - 500).toISOString(),
        dossier: { code: dossier.code },
      };
    }
    const rating = next() < 0.33 ? (next() < 0.5 ? 1 : 2) : 3 + Math.floor(next() * 3);
    return {
      id: `SOAK-${run}-${sequence}-fb`,
      unit: pick(REFERENCE_UNITS).code,
      type: 'feedback.submitted',
      at: new Date(now - 500).toISOString(),
      rating,
      source: pick(['kiosk', 'sms', 'portal', 'zalo'] as const),
      ...(rating <= 2 ? { comment: pick(LOW_RATING_COMMENTS) } : {}),
    };
  };

  const perBatch = (options.eventsPerSecond * BATCH_EVERY_MS) / 1000;
  let owed = 0;
  const timer = setInterval(() => {
    owed += perBatch;
    const count = Math.floor(owed);
    owed -= count;
    if (count === 0) return;
    const events = Array.from({ length: count }, event);
    sent += events.length;
    const request = fetch(`${options.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        accepted += ((await response.json()) as { accepted: number }).accepted;
      })
      .catch(() => {
        failedRequests += 1;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, BATCH_EVERY_MS);

  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { sent, accepted, failedRequests, seconds: (Date.now() - startedAt) / 1000 };
    },
  };
}
