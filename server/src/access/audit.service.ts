import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditActorKind, AuditPage, AuditQuery } from '@ioc/shared';
import { Clock } from '../common/clock';
import { AuditRepository } from './audit.repository';
import type { Principal } from './principal';

/** Who did it: a principal, or someone named without one (a failed sign-in names the login tried). */
export type AuditActor =
  Principal | { kind: 'anonymous'; name: string | null } | { kind: 'system'; name: string };

export interface AuditRecord {
  action: AuditAction;
  actor: AuditActor;
  outcome?: 'success' | 'failure';
  /** `user:<id>`, `key:<id>`, `display:<id>`, `export:<what>`, `snapshot:<id>`… */
  target?: string | null;
  address?: string | null;
  /** Never a secret: no password, token or key. */
  details?: Record<string, unknown>;
}

/**
 * The access audit, append-only (a trigger refuses UPDATE, DELETE, TRUNCATE). Other modules call
 * `record`: the exports and meeting snapshots of issues 14 and 15 record `export` (with the
 * filter and the row count in `details`) and `snapshot.create` / `snapshot.delete` here.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    const { kind, id, name } = actorOf(record.actor);
    await this.repository.insert({
      at: new Date(this.clock.now()),
      action: record.action,
      outcome: record.outcome ?? 'success',
      actorKind: kind,
      actorId: id,
      actorName: name,
      target: record.target ?? null,
      address: record.address ?? null,
      details: record.details ?? {},
    });
  }

  async page(query: AuditQuery): Promise<AuditPage> {
    const items = await this.repository.page(query);
    return { items, next: items.length === query.limit ? items[items.length - 1]!.id : null };
  }
}

function actorOf(actor: AuditActor): { kind: AuditActorKind; id: string | null; name: string | null } {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: actor.user.id, name: actor.user.login };
    case 'display':
      return { kind: 'display', id: actor.display.id, name: actor.display.name };
    case 'admin-token':
      return { kind: 'admin-token', id: null, name: 'admin token' };
    case 'anonymous':
      return { kind: 'anonymous', id: null, name: actor.name };
    case 'system':
      return { kind: 'system', id: null, name: actor.name };
  }
}
