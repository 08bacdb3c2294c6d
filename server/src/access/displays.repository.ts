import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from './returned-rows';
import type { DisplayRecord } from './principal';

export const DISPLAY_COLUMNS = `d.id, d.name, d.pairing, d.show_comments AS "showComments", d.created_at AS "createdAt",
  d.last_seen_at AS "lastSeenAt", d.revoked_at AS "revokedAt"`;

export interface PairingRow {
  code: string;
  createdAt: Date;
  expiresAt: Date;
  displayId: string | null;
}

@Injectable()
export class DisplaysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    display: { name: string; showComments: boolean; pairing: 'code' | 'token'; tokenHash: string | null },
    now: Date,
  ): Promise<DisplayRecord> {
    const rows = await this.dataSource.query<DisplayRecord[]>(
      `INSERT INTO displays AS d (name, pairing, token_hash, show_comments, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${DISPLAY_COLUMNS}`,
      [display.name, display.pairing, display.tokenHash, display.showComments, now],
    );
    return rows[0]!;
  }

  list(): Promise<DisplayRecord[]> {
    return this.dataSource.query<DisplayRecord[]>(
      `SELECT ${DISPLAY_COLUMNS} FROM displays d ORDER BY d.revoked_at IS NOT NULL, d.name, d.created_at`,
    );
  }

  async findById(id: string): Promise<DisplayRecord | null> {
    const rows = await this.dataSource.query<DisplayRecord[]>(
      `SELECT ${DISPLAY_COLUMNS} FROM displays d WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findActiveByTokenHash(tokenHash: string): Promise<DisplayRecord | null> {
    const rows = await this.dataSource.query<DisplayRecord[]>(
      `SELECT ${DISPLAY_COLUMNS} FROM displays d WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async update(
    id: string,
    changes: { name?: string; showComments?: boolean },
  ): Promise<DisplayRecord | null> {
    const rows = returnedRows(
      await this.dataSource.query<DisplayRecord[] | [DisplayRecord[], number]>(
        `UPDATE displays AS d SET name = coalesce($2, name), show_comments = coalesce($3, show_comments)
       WHERE d.id = $1 AND d.revoked_at IS NULL RETURNING ${DISPLAY_COLUMNS}`,
        [id, changes.name ?? null, changes.showComments ?? null],
      ),
    );
    return rows[0] ?? null;
  }

  /** A new token for a token-paired display (the old one stops working). */
  async replaceToken(id: string, tokenHash: string): Promise<DisplayRecord | null> {
    const rows = returnedRows(
      await this.dataSource.query<DisplayRecord[] | [DisplayRecord[], number]>(
        `UPDATE displays AS d SET token_hash = $2
       WHERE d.id = $1 AND d.revoked_at IS NULL AND d.pairing = 'token' RETURNING ${DISPLAY_COLUMNS}`,
        [id, tokenHash],
      ),
    );
    return rows[0] ?? null;
  }

  /** Null when unknown or revoked already. */
  async revoke(id: string, now: Date): Promise<DisplayRecord | null> {
    const rows = returnedRows(
      await this.dataSource.query<DisplayRecord[] | [DisplayRecord[], number]>(
        `UPDATE displays AS d SET revoked_at = $2 WHERE d.id = $1 AND d.revoked_at IS NULL
       RETURNING ${DISPLAY_COLUMNS}`,
        [id, now],
      ),
    );
    return rows[0] ?? null;
  }

  /** Null when the code is taken by a pairing still pending (the caller draws another). */
  async insertPairing(pairing: {
    code: string;
    secretHash: string;
    now: Date;
    expiresAt: Date;
  }): Promise<PairingRow | null> {
    // Expired pairings are cleared on the way: the table holds only what walls wait for.
    await this.dataSource.query(`DELETE FROM display_pairings WHERE expires_at < $1`, [pairing.now]);
    const rows = await this.dataSource.query<PairingRow[]>(
      `INSERT INTO display_pairings (code, secret_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING
       RETURNING code, created_at AS "createdAt", expires_at AS "expiresAt", display_id AS "displayId"`,
      [pairing.code, pairing.secretHash, pairing.now, pairing.expiresAt],
    );
    return rows[0] ?? null;
  }

  async findPairingBySecret(secretHash: string, now: Date): Promise<PairingRow | null> {
    const rows = await this.dataSource.query<PairingRow[]>(
      `SELECT code, created_at AS "createdAt", expires_at AS "expiresAt", display_id AS "displayId"
       FROM display_pairings WHERE secret_hash = $1 AND expires_at >= $2`,
      [secretHash, now],
    );
    return rows[0] ?? null;
  }

  /**
   * Creates the display and attaches it to the pending pairing of `code`, in one transaction;
   * null when no pairing of that code is pending.
   */
  async pair(
    code: string,
    display: { name: string; showComments: boolean },
    now: Date,
  ): Promise<DisplayRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const pending = await manager.query<{ code: string }[]>(
        `SELECT code FROM display_pairings
         WHERE code = $1 AND expires_at >= $2 AND display_id IS NULL FOR UPDATE`,
        [code, now],
      );
      if (pending.length === 0) return null;
      const rows = await manager.query<DisplayRecord[]>(
        `INSERT INTO displays AS d (name, pairing, show_comments, created_at)
         VALUES ($1, 'code', $2, $3) RETURNING ${DISPLAY_COLUMNS}`,
        [display.name, display.showComments, now],
      );
      await manager.query(`UPDATE display_pairings SET display_id = $2 WHERE code = $1`, [code, rows[0]!.id]);
      return rows[0]!;
    });
  }

  /** The pairing is collected once: its wall now holds a session. */
  async deletePairing(code: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM display_pairings WHERE code = $1`, [code]);
  }
}
