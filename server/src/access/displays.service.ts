import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  PAIRING_CODE_ALPHABET,
  type CreateDisplayRequest,
  type DisplaySummary,
  type PairDisplayRequest,
  type PairingStatus,
  type UpdateDisplayRequest,
} from '@ioc/shared';
import { Clock } from '../common/clock';
import { takeToken, type TokenBucket } from '../common/token-bucket';
import { AccessEvents } from './access-events';
import { AccessException } from './access.exception';
import { AuditService, type AuditActor } from './audit.service';
import { DisplaysRepository } from './displays.repository';
import type { DisplayRecord } from './principal';
import { SessionsService, hashToken, newSecretToken } from './sessions.service';

/** A code shown on a wall is good for this long; the wall asks for another after. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** Pairing requests a minute from one address: a wall needs one every 10 minutes. */
const PAIRINGS_PER_MINUTE = 10;
const MAX_ADDRESSES = 10_000;

/**
 * Walls (displays) never see a sign-in screen. An admin pairs one either by the code it shows
 * (`startPairing` on the wall, `pair` by the admin, `collectPairing` by the wall, which then
 * holds a display session) or by a display token in its URL (`createWithToken`, then the wall
 * trades it for a session at `exchangeToken`). Revoking a display ends its sessions at once;
 * its live sockets get `live:revoked`.
 */
@Injectable()
export class DisplaysService {
  private readonly pairingBudgets = new Map<string, TokenBucket>();

  constructor(
    private readonly repository: DisplaysRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: AccessEvents,
  ) {}

  list(): Promise<DisplayRecord[]> {
    return this.repository.list();
  }

  async createWithToken(
    request: CreateDisplayRequest,
    actor: AuditActor,
    address: string | null,
  ): Promise<{ display: DisplayRecord; token: string }> {
    const token = newSecretToken();
    const display = await this.repository.insert(
      {
        name: request.name,
        showComments: request.showComments,
        pairing: 'token',
        tokenHash: hashToken(token),
      },
      new Date(this.clock.now()),
    );
    await this.audit.record({
      action: 'display.create',
      actor,
      target: `display:${display.id}`,
      address,
      details: { name: display.name, showComments: display.showComments, pairing: 'token' },
    });
    return { display, token };
  }

  /** A new URL token for a token-paired display: the old URL stops working, its sessions end. */
  async replaceToken(
    id: string,
    actor: AuditActor,
    address: string | null,
  ): Promise<{ display: DisplayRecord; token: string }> {
    const token = newSecretToken();
    const display = await this.repository.replaceToken(id, hashToken(token));
    if (!display)
      throw AccessException.missing(
        'màn hình đang hoạt động được ghép bằng mã token này',
        'active token-paired display',
      );
    await this.sessions.end({ displayId: id }, 'password-changed');
    await this.audit.record({
      action: 'display.update',
      actor,
      target: `display:${id}`,
      address,
      details: { token: 'replaced' },
    });
    return { display, token };
  }

  /** The wall opened at `/?display=<token>`: a display session for it. */
  async exchangeToken(
    token: string,
    address: string | null,
  ): Promise<{ display: DisplayRecord; sessionToken: string }> {
    const display = await this.repository.findActiveByTokenHash(hashToken(token));
    if (!display) {
      throw new AccessException(
        401,
        'auth.display-revoked',
        'Mã màn hình không hợp lệ hoặc màn hình đã bị thu hồi.',
        'This display token is unknown or the display was revoked.',
      );
    }
    const session = await this.sessions.openForDisplay(display);
    void address;
    return { display, sessionToken: session.token };
  }

  /** A wall asks to be paired: a code to show, and a secret (its cookie) to collect the result. */
  async startPairing(
    address: string | null,
  ): Promise<{ status: PairingStatus & { status: 'pending' }; secret: string }> {
    const now = this.clock.now();
    const key = address ?? 'unknown';
    if (!this.pairingBudgets.has(key) && this.pairingBudgets.size >= MAX_ADDRESSES)
      this.pairingBudgets.clear();
    const { bucket, taken } = takeToken(
      this.pairingBudgets.get(key),
      { burst: PAIRINGS_PER_MINUTE, perSecond: PAIRINGS_PER_MINUTE / 60 },
      now,
    );
    this.pairingBudgets.set(key, bucket);
    if (!taken) throw AccessException.rateLimited(60 / PAIRINGS_PER_MINUTE);
    const secret = newSecretToken();
    for (;;) {
      const code = pairingCode();
      const row = await this.repository.insertPairing({
        code,
        secretHash: hashToken(secret),
        now: new Date(now),
        expiresAt: new Date(now + PAIRING_TTL_MS),
      });
      if (row)
        return {
          status: { status: 'pending', code: formatCode(row.code), expiresAt: row.expiresAt.toISOString() },
          secret,
        };
    }
  }

  /**
   * The wall asks whether its code was confirmed. Pending: the code again. Confirmed: a display
   * session (once; the pairing is gone after). Unknown or expired secret: 404 (nothing leaks).
   */
  async collectPairing(secret: string): Promise<{ status: PairingStatus; sessionToken: string | null }> {
    const pairing = await this.repository.findPairingBySecret(hashToken(secret), new Date(this.clock.now()));
    if (!pairing)
      throw AccessException.missing('yêu cầu ghép nối (đã hết hạn?)', 'pairing request (expired?)');
    if (!pairing.displayId) {
      return {
        status: {
          status: 'pending',
          code: formatCode(pairing.code),
          expiresAt: pairing.expiresAt.toISOString(),
        },
        sessionToken: null,
      };
    }
    const display = await this.repository.findById(pairing.displayId);
    await this.repository.deletePairing(pairing.code);
    if (!display || display.revokedAt) throw AccessException.displayRevoked();
    const session = await this.sessions.openForDisplay(display);
    return {
      status: {
        status: 'paired',
        display: { id: display.id, name: display.name, showComments: display.showComments },
      },
      sessionToken: session.token,
    };
  }

  /** An admin confirms the code a wall shows. */
  async pair(request: PairDisplayRequest, actor: AuditActor, address: string | null): Promise<DisplayRecord> {
    const code = request.code.replace('-', '');
    const display = await this.repository.pair(code, request, new Date(this.clock.now()));
    if (!display) {
      throw AccessException.missing(
        `mã ghép nối ${formatCode(code)} (mã đã hết hạn? hãy xem mã mới trên màn hình)`,
        `pairing code ${formatCode(code)} (expired? read the new one on the wall)`,
      );
    }
    await this.audit.record({
      action: 'display.pair',
      actor,
      target: `display:${display.id}`,
      address,
      details: { name: display.name, showComments: display.showComments, pairing: 'code' },
    });
    return display;
  }

  async update(
    id: string,
    request: UpdateDisplayRequest,
    actor: AuditActor,
    address: string | null,
  ): Promise<DisplayRecord> {
    const before = await this.repository.findById(id);
    const display = await this.repository.update(id, request);
    if (!before || !display) throw AccessException.missing('màn hình đang hoạt động này', 'active display');
    // Its live sockets follow the feed with or without comments: they move to the other form.
    if (before.showComments !== display.showComments)
      this.events.emit({ kind: 'display-changed', displayId: id, showComments: display.showComments });
    await this.audit.record({
      action: 'display.update',
      actor,
      target: `display:${id}`,
      address,
      details: { changes: request },
    });
    return display;
  }

  async revoke(id: string, actor: AuditActor, address: string | null): Promise<DisplayRecord> {
    const display = await this.repository.revoke(id, new Date(this.clock.now()));
    if (!display) throw AccessException.missing('màn hình đang hoạt động này', 'active display');
    const ended = await this.sessions.end({ displayId: id }, 'revoked');
    await this.audit.record({
      action: 'display.revoke',
      actor,
      target: `display:${id}`,
      address,
      details: { name: display.name, sessions: ended.length },
    });
    return display;
  }
}

function pairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function toDisplaySummary(display: DisplayRecord): DisplaySummary {
  return {
    id: display.id,
    name: display.name,
    showComments: display.showComments,
    pairing: display.pairing,
    createdAt: display.createdAt.toISOString(),
    lastSeenAt: display.lastSeenAt?.toISOString() ?? null,
    revokedAt: display.revokedAt?.toISOString() ?? null,
  };
}
