import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from './returned-rows';
import type { UserRole } from '@ioc/shared';
import type { UserRecord } from './principal';

export const USER_COLUMNS = `u.id, u.login, u.display_name AS "displayName", u.role, u.fields,
  u.unit_code AS "unitCode", u.password_hash AS "passwordHash", u.disabled_at AS "disabledAt",
  u.failed_sign_ins AS "failedSignIns", u.locked_until AS "lockedUntil", u.created_at AS "createdAt",
  u.updated_at AS "updatedAt"`;

export interface NewUser {
  login: string;
  displayName: string;
  role: UserRole;
  fields: string[];
  unitCode: string | null;
  passwordHash: string;
}

export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  fields?: string[];
  unitCode?: string | null;
  disabled?: boolean;
  passwordHash?: string;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the login is taken. */
  async insert(user: NewUser, now: Date): Promise<UserRecord | null> {
    const rows = await this.dataSource.query<UserRecord[]>(
      `INSERT INTO users AS u (login, display_name, role, fields, unit_code, password_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (login) DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [user.login, user.displayName, user.role, user.fields, user.unitCode, user.passwordHash, now],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const rows = await this.dataSource.query<UserRecord[]>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByLogin(login: string): Promise<UserRecord | null> {
    const rows = await this.dataSource.query<UserRecord[]>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.login = $1`,
      [login],
    );
    return rows[0] ?? null;
  }

  list(): Promise<UserRecord[]> {
    return this.dataSource.query<UserRecord[]>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.login`);
  }

  /** Null when no such user. The check constraints refuse a role without its unit or fields. */
  async update(id: string, changes: UserChanges, now: Date): Promise<UserRecord | null> {
    const rows = returnedRows(
      await this.dataSource.query<UserRecord[] | [UserRecord[], number]>(
        `UPDATE users AS u SET
         display_name = coalesce($2, display_name),
         role = coalesce($3, role),
         fields = coalesce($4, fields),
         unit_code = CASE WHEN $5 THEN $6 ELSE unit_code END,
         disabled_at = CASE WHEN $7::boolean IS NULL THEN disabled_at
                            WHEN $7 THEN coalesce(disabled_at, $9) ELSE NULL END,
         password_hash = coalesce($8, password_hash),
         failed_sign_ins = CASE WHEN $8::text IS NULL THEN failed_sign_ins ELSE 0 END,
         locked_until = CASE WHEN $8::text IS NULL THEN locked_until ELSE NULL END,
         updated_at = $9
       WHERE u.id = $1
       RETURNING ${USER_COLUMNS}`,
        [
          id,
          changes.displayName ?? null,
          changes.role ?? null,
          changes.fields ?? null,
          changes.unitCode !== undefined,
          changes.unitCode ?? null,
          changes.disabled ?? null,
          changes.passwordHash ?? null,
          now,
        ],
      ),
    );
    return rows[0] ?? null;
  }

  /**
   * Counts a failed sign-in; the login is locked until `lockUntil` once the count reaches
   * `maxFailures` (and counts from zero again). One statement, so that concurrent failures
   * all count.
   */
  async recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<Date | null> {
    const rows = returnedRows(
      await this.dataSource.query<{ lockedUntil: Date | null }[] | [{ lockedUntil: Date | null }[], number]>(
        `UPDATE users SET
         failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
         locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END
       WHERE id = $1 RETURNING locked_until AS "lockedUntil"`,
        [id, maxFailures, lockUntil],
      ),
    );
    return rows[0]?.lockedUntil ?? null;
  }

  async recordSuccess(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET failed_sign_ins = 0, locked_until = NULL
       WHERE id = $1 AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)`,
      [id],
    );
  }
}
