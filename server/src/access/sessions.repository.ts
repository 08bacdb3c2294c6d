import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from './returned-rows';
import type { DisplayRecord, UserRecord } from './principal';
import { USER_COLUMNS } from './users.repository';
import { DISPLAY_COLUMNS } from './displays.repository';

export interface SessionRow {
  id: string;
  userId: string | null;
  displayId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date | null;
  endedAt: Date | null;
}

/** A session with the person or display it belongs to. */
export type SessionWithOwner = SessionRow & { user: UserRecord | null; display: DisplayRecord | null };

/** Which sessions to end: one, a person's (but the one in use), or a display's. */
export type SessionSelector =
  { sessionId: string } | { userId: string; exceptSessionId?: string } | { displayId: string };

export type SessionEndReason = 'sign-out' | 'idle' | 'expired' | 'revoked' | 'disabled' | 'password-changed';

const SESSION_COLUMNS = `s.id, s.user_id AS "userId", s.display_id AS "displayId", s.created_at AS "createdAt",
  s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.ended_at AS "endedAt"`;

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(session: {
    tokenHash: string;
    userId: string | null;
    displayId: string | null;
    now: Date;
    expiresAt: Date | null;
  }): Promise<SessionRow> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `INSERT INTO sessions AS s (token_hash, user_id, display_id, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $4, $5) RETURNING ${SESSION_COLUMNS}`,
      [session.tokenHash, session.userId, session.displayId, session.now, session.expiresAt],
    );
    return rows[0]!;
  }

  /** The session of a token with its owner, in one index probe. */
  async findByTokenHash(tokenHash: string): Promise<SessionWithOwner | null> {
    return (await this.withOwners('s.token_hash = $1', [tokenHash]))[0] ?? null;
  }

  private async withOwners(where: string, params: unknown[]): Promise<SessionWithOwner[]> {
    const rows = await this.dataSource.query<(SessionRow & { user: Json | null; display: Json | null })[]>(
      `SELECT ${SESSION_COLUMNS},
         (SELECT to_jsonb(x) FROM (SELECT ${USER_COLUMNS} FROM users u WHERE u.id = s.user_id) x) AS "user",
         (SELECT to_jsonb(x) FROM (SELECT ${DISPLAY_COLUMNS} FROM displays d WHERE d.id = s.display_id) x) AS display
       FROM sessions s WHERE ${where}`,
      params,
    );
    return rows.map((row) => ({
      ...row,
      user: row.user ? userFromJson(row.user) : null,
      display: row.display ? displayFromJson(row.display) : null,
    }));
  }

  /** Moves the last request time forward (not backward: requests may finish out of order). */
  async touch(ids: readonly string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `WITH touched AS (
         UPDATE sessions SET last_seen_at = $2 WHERE id = ANY($1::uuid[]) AND last_seen_at <= $2
         RETURNING display_id)
       UPDATE displays SET last_seen_at = $2
       WHERE id IN (SELECT display_id FROM touched) AND (last_seen_at IS NULL OR last_seen_at < $2)`,
      [ids, now],
    );
  }

  /** Of these sessions, the ones not ended, with their owners (whose state the caller checks). */
  open(ids: readonly string[]): Promise<SessionWithOwner[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.withOwners('s.id = ANY($1::uuid[]) AND s.ended_at IS NULL', [ids]);
  }

  /** Ends the open sessions matching; returns their ids. */
  async end(which: SessionSelector, reason: SessionEndReason, now: Date): Promise<string[]> {
    const [column, value] =
      'sessionId' in which
        ? ['id', which.sessionId]
        : 'userId' in which
          ? ['user_id', which.userId]
          : ['display_id', which.displayId];
    const except = 'exceptSessionId' in which ? (which.exceptSessionId ?? null) : null;
    const rows = returnedRows(
      await this.dataSource.query<{ id: string }[] | [{ id: string }[], number]>(
        `UPDATE sessions SET ended_at = $2, end_reason = $3
       WHERE ${column} = $1 AND ended_at IS NULL AND ($4::uuid IS NULL OR id <> $4) RETURNING id`,
        [value, now, reason, except],
      ),
    );
    return rows.map((row) => row.id);
  }
}

type Json = Record<string, unknown>;
const dateOrNull = (value: unknown): Date | null =>
  typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;

function userFromJson(json: Json): UserRecord {
  return {
    ...(json as unknown as UserRecord),
    disabledAt: dateOrNull(json.disabledAt),
    lockedUntil: dateOrNull(json.lockedUntil),
    createdAt: new Date(String(json.createdAt)),
    updatedAt: new Date(String(json.updatedAt)),
  };
}

function displayFromJson(json: Json): DisplayRecord {
  return {
    ...(json as unknown as DisplayRecord),
    createdAt: new Date(String(json.createdAt)),
    lastSeenAt: dateOrNull(json.lastSeenAt),
    revokedAt: dateOrNull(json.revokedAt),
  };
}
