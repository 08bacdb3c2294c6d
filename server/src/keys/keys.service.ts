import { createHash, randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KeysRepository, type IngestKeyRecord } from './keys.repository';

/** Who is sending: a unit's own key, or a provincial key (unitCode null) valid for every unit. */
export interface IngestPrincipal {
  keyId: string;
  unitCode: string | null;
}

/** How long a key once found stays trusted without asking the database. */
const CACHE_MS = 30_000;
/** With REDIS_URL: a revocation on one process empties the key cache of every other one. */
const REVOKED_CHANNEL = 'ioc:ingest-key-revoked';

export function hashIngestKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Ingest keys are random 32-byte secrets shown once at creation; only their SHA-256 is stored
 * (a fast hash is right here: the secret has 256 bits of entropy, nothing to brute-force).
 */
@Injectable()
export class KeysService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KeysService.name);
  private readonly cache = new Map<string, { principal: IngestPrincipal; until: number }>();
  private publisher: RedisClientType | null = null;
  private subscriber: RedisClientType | null = null;

  constructor(
    private readonly repository: KeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * With REDIS_URL, listens for revocations made on other processes. Redis being down only
   * delays them: a revoked key then stops working everywhere within CACHE_MS, as without Redis.
   */
  onApplicationBootstrap(): void {
    if (!this.config.redisUrl) return;
    const warn = (error: Error) => this.logger.warn(`redis (key revocations): ${error.message}`);
    this.publisher = createClient({ url: this.config.redisUrl, disableOfflineQueue: true });
    this.subscriber = this.publisher.duplicate();
    this.publisher.on('error', warn);
    this.subscriber.on('error', warn);
    void this.publisher.connect().catch(warn);
    // node-redis subscribes again by itself after a reconnect.
    void this.subscriber
      .connect()
      .then((subscriber) => subscriber.subscribe(REVOKED_CHANNEL, () => this.cache.clear()))
      .catch(warn);
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const client of [this.publisher, this.subscriber]) {
      if (client?.isOpen) await client.quit().catch(() => undefined);
    }
  }

  async create(name: string, unitCode: string | null): Promise<{ key: string; record: IngestKeyRecord }> {
    const keyPrefix = randomBytes(4).toString('hex');
    const key = `ioc_${keyPrefix}_${randomBytes(32).toString('base64url')}`;
    const record = await this.repository.insert({ name, unitCode, keyPrefix, keyHash: hashIngestKey(key) });
    return { key, record };
  }

  async authenticate(key: string): Promise<IngestPrincipal | null> {
    const hash = hashIngestKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const record = await this.repository.findActiveByHash(hash);
    if (!record) return null; // misses are not cached: random keys must not grow memory
    const principal = { keyId: record.id, unitCode: record.unitCode };
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  list(): Promise<IngestKeyRecord[]> {
    return this.repository.list();
  }

  async revoke(id: string): Promise<boolean> {
    const revoked = await this.repository.revoke(id);
    this.cache.clear();
    if (revoked && this.publisher?.isReady) {
      await this.publisher
        .publish(REVOKED_CHANNEL, id)
        .catch((error: Error) => this.logger.warn(`revocation not published: ${error.message}`));
    }
    return revoked;
  }
}
