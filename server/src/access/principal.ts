import type { AccessRole, UserRole } from '@ioc/shared';

export interface UserRecord {
  id: string;
  login: string;
  displayName: string;
  role: UserRole;
  fields: string[];
  unitCode: string | null;
  passwordHash: string;
  disabledAt: Date | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DisplayRecord {
  id: string;
  name: string;
  pairing: 'code' | 'token';
  showComments: boolean;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Who a request or a live connection speaks for: a signed-in person, a paired display, or a
 * machine holding the admin token (the CLIs). Ingest keys are not principals: they only reach
 * the ingest routes, through their own guard.
 */
export type Principal =
  | { kind: 'user'; role: UserRole; sessionId: string; user: UserRecord }
  | { kind: 'display'; role: 'wall'; sessionId: string; display: DisplayRecord }
  | { kind: 'admin-token'; role: 'admin' };

export function roleOf(principal: Principal): AccessRole {
  return principal.role;
}

/** The session a principal holds, if any (the admin token has none). */
export function sessionIdOf(principal: Principal): string | null {
  return principal.kind === 'admin-token' ? null : principal.sessionId;
}
