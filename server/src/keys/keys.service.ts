import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { KeysRepository, type IngestKeyRecord } from './keys.repository';

/** Who is sending: a unit's own key, or a provincial key (unitCode null) valid for every unit. */
export interface IngestPrincipal {
  keyId: string;
  unitCode: string | null;
}

const CACHE_MS = 30_000;

export function hashIngestKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Ingest keys are random 32-byte secrets shown once at creation; only their SHA-256 is stored
 * (a fast hash is right here: the secret has 256 bits of entropy, nothing to brute-force).
 */
@Injectable()
export class KeysService {
  private readonly cache = new Map<string, { principal: IngestPrincipal; until: number }>();

  constructor(private readonly repository: KeysRepository) {}

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
    return revoked;
  }
}
