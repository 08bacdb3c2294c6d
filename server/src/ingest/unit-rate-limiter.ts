import { MAX_EVENTS_PER_REQUEST } from '@ioc/shared';

export type RateDecision = { ok: true } | { ok: false; unitCode: string; retryAfterSeconds: number };

/**
 * A token bucket per unit: each unit may send `ratePerSecond` events a second on average, and a
 * full request (10,000 events) at once, so a commune catching up after an outage is not refused.
 */
export class UnitRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.capacity = Math.max(MAX_EVENTS_PER_REQUEST, ratePerSecond * 10);
  }

  /** Takes every unit's events from its bucket, all or nothing. */
  take(eventsByUnit: ReadonlyMap<string, number>): RateDecision {
    const now = this.clock();
    const refilled = new Map<string, number>();
    for (const [unitCode, events] of eventsByUnit) {
      const bucket = this.buckets.get(unitCode);
      const tokens = bucket
        ? Math.min(this.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond)
        : this.capacity;
      if (tokens < events) {
        return { ok: false, unitCode, retryAfterSeconds: Math.ceil((events - tokens) / this.ratePerSecond) };
      }
      refilled.set(unitCode, tokens - events);
    }
    for (const [unitCode, tokens] of refilled) this.buckets.set(unitCode, { tokens, updatedAt: now });
    return { ok: true };
  }

  /** Gives back what a request took when nothing of it was stored (a 503), so its retry is not 429. */
  giveBack(eventsByUnit: ReadonlyMap<string, number>): void {
    for (const [unitCode, events] of eventsByUnit) {
      const bucket = this.buckets.get(unitCode);
      if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + events);
    }
  }
}
