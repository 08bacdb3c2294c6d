import { Inject, Injectable } from '@nestjs/common';
import type { SignInRequest } from '@ioc/shared';
import { Clock } from '../common/clock';
import { takeToken, type TokenBucket } from '../common/token-bucket';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessException } from './access.exception';
import { AuditService } from './audit.service';
import { decoyPasswordHash, passwordMatches } from './passwords';
import type { UserRecord } from './principal';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/** Past this many client addresses, the idle ones' sign-in budgets are forgotten. */
const MAX_ADDRESSES = 10_000;

/**
 * Password sign-in. Two brakes on guessing: a budget per client address
 * (IOC_SIGN_IN_RATE_LIMIT attempts a minute, any login; 429 `auth.rate-limited`), and per login
 * a lock after IOC_SIGN_IN_MAX_FAILURES consecutive failures for IOC_SIGN_IN_LOCK_MINUTES (429
 * `auth.locked`, saying when to try again) — NIST 800-63B allows at most 100 failures. An
 * unknown login costs the same hash as a known one and gets the same answer.
 */
@Injectable()
export class SignInService {
  private readonly budgets = new Map<string, TokenBucket>();

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(
    request: SignInRequest,
    address: string | null,
  ): Promise<{ user: UserRecord; token: string; sessionId: string }> {
    const now = this.clock.now();
    this.spendAttempt(address ?? 'unknown', now);
    const user = await this.users.findByLogin(request.login);
    const failure = async (reason: string) =>
      this.audit.record({
        action: 'auth.sign-in',
        outcome: 'failure',
        actor: user ? { kind: 'anonymous', name: user.login } : { kind: 'anonymous', name: request.login },
        target: user ? `user:${user.id}` : null,
        address,
        details: { reason },
      });
    if (user?.lockedUntil && user.lockedUntil.getTime() > now) {
      await failure('locked');
      throw AccessException.locked(Math.ceil((user.lockedUntil.getTime() - now) / 1000));
    }
    const matches = await passwordMatches(
      user?.passwordHash ?? (await decoyPasswordHash()),
      request.password,
    );
    if (!user || !matches) {
      await failure(user ? 'wrong password' : 'unknown login');
      if (user) {
        const lockedUntil = await this.users.recordFailure(
          user.id,
          this.config.signInMaxFailures,
          new Date(now + this.config.signInLockMs),
        );
        if (lockedUntil && lockedUntil.getTime() > now) {
          throw AccessException.locked(Math.ceil((lockedUntil.getTime() - now) / 1000));
        }
      }
      throw AccessException.invalidCredentials();
    }
    if (user.disabledAt) {
      await failure('disabled');
      // Said only to who knows the password: a disabled account is no secret to its owner.
      throw new AccessException(
        403,
        'auth.forbidden',
        'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
        'This account is disabled. Ask an administrator.',
      );
    }
    await this.users.recordSuccess(user.id);
    const session = await this.sessions.openForUser(user);
    await this.audit.record({
      action: 'auth.sign-in',
      actor: { kind: 'user', role: user.role, sessionId: session.sessionId, user },
      target: `user:${user.id}`,
      address,
      details: { session: session.sessionId },
    });
    return { user, token: session.token, sessionId: session.sessionId };
  }

  private spendAttempt(address: string, now: number): void {
    const perMinute = this.config.signInAttemptsPerMinute;
    if (!this.budgets.has(address) && this.budgets.size >= MAX_ADDRESSES) this.budgets.clear();
    const { bucket, taken } = takeToken(
      this.budgets.get(address),
      { burst: perMinute, perSecond: perMinute / 60 },
      now,
    );
    this.budgets.set(address, bucket);
    if (!taken) throw AccessException.rateLimited(Math.max(1, Math.ceil(60 / perMinute)));
  }
}
