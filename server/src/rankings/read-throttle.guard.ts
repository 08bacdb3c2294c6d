import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { takeToken, type TokenBucket } from '../common/token-bucket';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** A client's burst: this many seconds' worth of its rate (IOC_READ_RATE_LIMIT). */
const BURST_SECONDS = 6;
/** Past this many clients, those with a full bucket (idle for a while) are forgotten. */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client address on the service index reads (rankings, a unit's index, its
 * lost dossiers): a person or a wall never comes near it; a script in a loop gets 429 with
 * Retry-After instead of the database's time. Behind the proxy the address is the one it
 * forwards (`trust proxy` in main.ts).
 */
@Injectable()
export class ExpensiveReadThrottleGuard implements CanActivate {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly perSecond: number;
  private readonly burst: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.perSecond = config.readRateLimit;
    this.burst = Math.max(1, Math.round(config.readRateLimit * BURST_SECONDS));
  }

  canActivate(context: ExecutionContext): boolean {
    const client = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const now = Date.now();
    if (!this.buckets.has(client)) this.forgetIdleClients(now);
    const { bucket, taken } = takeToken(
      this.buckets.get(client),
      { burst: this.burst, perSecond: this.perSecond },
      now,
    );
    this.buckets.set(client, bucket);
    if (!taken) {
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          message: `too many service index reads from this client: at most ${this.perSecond} a second, bursts of ${this.burst}`,
          retryAfterSeconds: 1,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  private forgetIdleClients(now: number): void {
    if (this.buckets.size < MAX_CLIENTS) return;
    const refillMs = BURST_SECONDS * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.at > refillMs) this.buckets.delete(client);
  }
}
