import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface IngestKeyRecord {
  id: string;
  name: string;
  unitCode: string | null;
  keyPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, unit_code AS "unitCode", key_prefix AS "keyPrefix", created_at AS "createdAt", revoked_at AS "revokedAt"`;

@Injectable()
export class KeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(key: {
    name: string;
    unitCode: string | null;
    keyPrefix: string;
    keyHash: string;
  }): Promise<IngestKeyRecord> {
    const rows: IngestKeyRecord[] = await this.dataSource.query(
      `INSERT INTO ingest_keys (name, unit_code, key_prefix, key_hash) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [key.name, key.unitCode, key.keyPrefix, key.keyHash],
    );
    return rows[0]!;
  }

  async findActiveByHash(keyHash: string): Promise<IngestKeyRecord | null> {
    const rows: IngestKeyRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ingest_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  list(): Promise<IngestKeyRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM ingest_keys ORDER BY created_at`);
  }

  async revoke(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE ingest_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
