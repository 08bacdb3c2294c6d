import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessEvents } from './access-events';
import type { DisplayRecord, Principal, UserRecord } from './principal';
import {
  SessionsRepository,
  type SessionEndReason,
  type SessionSelector,
  type SessionWithOwner,
} from './sessions.repository';

/** A session's last request time is written at most this often (not at every request). */
const TOUCH_EVERY_MS = 60_000;
/**
 * A session found valid is trusted this long without asking the database again (a wall's burst
 * of reads, 40 readers in a loop). Ending a session forgets it here at once; another process
 * forgets it within this.
 */
const CACHE_MS = 2_000;
const CACHE_MAX = 10_000;

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token of 256 random bits needs no slow hash: SHA-256 is stored, the token never. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type SessionLookup =
  | { principal: Principal & { kind: 'user' | 'display' } }
  | { ended: 'unknown' | 'ended' | 'display-revoked' };

/**
 * Server-side sessions. A person's session ends after `sessionIdleMs` without use or
 * `sessionAbsoluteMs` after sign-in, at sign-out, or when an admin revokes it (or disables the
 * person, or resets the password). A display's session has no expiry: a wall has nobody to sign
 * in again; it ends when the display is revoked. Whatever ends sessions is told through
 * AccessEvents (the live gateway closes their sockets).
 */
@Injectable()
export class SessionsService {
  private readonly cache = new Map<
    string,
    { principal: Principal & { kind: 'user' | 'display' }; until: number }
  >();
  constructor(
    private readonly repository: SessionsRepository,
    private readonly clock: Clock,
    private readonly events: AccessEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session for a person; returns the token for the cookie (shown nowhere else). */
  async openForUser(user: UserRecord): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const token = newSecretToken();
    const now = new Date(this.clock.now());
    const expiresAt = new Date(now.getTime() + this.config.sessionAbsoluteMs);
    const row = await this.repository.insert({
      tokenHash: hashToken(token),
      userId: user.id,
      displayId: null,
      now,
      expiresAt,
    });
    return { token, sessionId: row.id, expiresAt };
  }

  async openForDisplay(display: DisplayRecord): Promise<{ token: string; sessionId: string }> {
    const token = newSecretToken();
    const now = new Date(this.clock.now());
    const row = await this.repository.insert({
      tokenHash: hashToken(token),
      userId: null,
      displayId: display.id,
      now,
      expiresAt: null,
    });
    await this.repository.touch([row.id], now);
    return { token, sessionId: row.id };
  }

  /** The principal of a session token, or why there is none. Ends a session found expired. */
  async resolve(token: string): Promise<SessionLookup> {
    const tokenHash = hashToken(token);
    const now = this.clock.now();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.until > now) return { principal: cached.principal };
    this.cache.delete(tokenHash);
    const session = await this.repository.findByTokenHash(tokenHash);
    if (!session) return { ended: 'unknown' };
    const verdict = this.verdict(session, now);
    if (verdict !== 'open') {
      if (session.endedAt === null && verdict !== 'display-revoked')
        await this.end({ sessionId: session.id }, verdict);
      return { ended: verdict === 'display-revoked' ? 'display-revoked' : 'ended' };
    }
    if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await this.repository.touch([session.id], new Date(now));
    const principal = principalOf(session);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(tokenHash, { principal, until: now + CACHE_MS });
    return { principal };
  }

  /**
   * Of the sessions held by open live sockets, those still valid; the others are ended. Being
   * connected counts as use (a person watching a screen is not idle; a wall's last contact).
   */
  async stillOpen(sessionIds: readonly string[]): Promise<Set<string>> {
    const now = this.clock.now();
    const open = new Set<string>();
    for (const session of await this.repository.open(sessionIds)) {
      const verdict = this.verdict(session, now);
      if (verdict === 'open') open.add(session.id);
      else if (verdict !== 'display-revoked') await this.end({ sessionId: session.id }, verdict);
    }
    await this.repository.touch([...open], new Date(now));
    return open;
  }

  async end(which: SessionSelector, reason: SessionEndReason): Promise<string[]> {
    const sessionIds = await this.repository.end(which, reason, new Date(this.clock.now()));
    this.forget(which, sessionIds);
    if (sessionIds.length > 0) {
      const displayRevoked = 'displayId' in which && reason === 'revoked';
      this.events.emit({ kind: 'sessions-ended', sessionIds, reason, displayRevoked });
    }
    return sessionIds;
  }

  private forget(which: SessionSelector, sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const [tokenHash, { principal }] of this.cache) {
      const owner = principal.kind === 'user' ? principal.user.id : principal.display.id;
      const matches =
        ended.has(principal.sessionId) ||
        ('userId' in which && owner === which.userId) ||
        ('displayId' in which && owner === which.displayId);
      if (matches) this.cache.delete(tokenHash);
    }
  }

  private verdict(
    session: SessionWithOwner,
    now: number,
  ): 'open' | 'idle' | 'expired' | 'disabled' | 'display-revoked' | 'revoked' {
    if (session.display?.revokedAt) return 'display-revoked';
    if (session.endedAt !== null) return 'revoked';
    if (session.user) {
      if (session.user.disabledAt) return 'disabled';
      if (session.expiresAt && session.expiresAt.getTime() <= now) return 'expired';
      if (session.lastSeenAt.getTime() + this.config.sessionIdleMs <= now) return 'idle';
    }
    return 'open';
  }
}

function principalOf(session: SessionWithOwner): Principal & { kind: 'user' | 'display' } {
  if (session.user)
    return { kind: 'user', role: session.user.role, sessionId: session.id, user: session.user };
  return { kind: 'display', role: 'wall', sessionId: session.id, display: session.display! };
}
