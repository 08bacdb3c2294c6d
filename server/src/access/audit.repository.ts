import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditAction, AuditActorKind, AuditEntry, AuditQuery } from '@ioc/shared';

export interface NewAuditEntry {
  at: Date;
  action: AuditAction;
  outcome: 'success' | 'failure';
  actorKind: AuditActorKind;
  actorId: string | null;
  actorName: string | null;
  target: string | null;
  address: string | null;
  details: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(entry: NewAuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_audit (at, action, outcome, actor_kind, actor_id, actor_name, target, address, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.at,
        entry.action,
        entry.outcome,
        entry.actorKind,
        entry.actorId,
        entry.actorName,
        entry.target,
        entry.address,
        JSON.stringify(entry.details),
      ],
    );
  }

  /** Newest first, a page after the keyset `before` (an id): stable while rows are appended. */
  async page(query: AuditQuery): Promise<AuditEntry[]> {
    const rows = await this.dataSource.query<(Omit<AuditEntry, 'at'> & { at: Date })[]>(
      `SELECT id::text, at, action, outcome, actor_kind AS "actorKind", actor_id AS "actorId",
              actor_name AS "actorName", target, address, details
       FROM access_audit
       WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR outcome = $2)
         AND ($3::text IS NULL OR actor_id = $3) AND ($4::text IS NULL OR target = $4)
         AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
         AND ($7::bigint IS NULL OR id < $7)
       ORDER BY access_audit.id DESC LIMIT $8`,
      [
        query.action ?? null,
        query.outcome ?? null,
        query.actorId ?? null,
        query.target ?? null,
        query.from ?? null,
        query.to ?? null,
        query.before ?? null,
        query.limit,
      ],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }
}
