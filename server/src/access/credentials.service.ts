import { Inject, Injectable } from '@nestjs/common';
import { SESSION_COOKIE } from '@ioc/shared';
import { bearerTokenMatches, resolveAdminToken } from '../admin/admin-token';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { cookieValue } from './cookies';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

export type Credential =
  | { principal: Principal; via: 'cookie' | 'bearer' }
  | { principal: null; ended: 'ended' | 'display-revoked' | null };

/**
 * Who the headers of a request (or of a live socket's handshake) speak for: the session cookie
 * of a person or a display, or the admin token as a bearer token (machines: the CLIs). Any other
 * bearer token (an ingest key) is nobody here; ingest routes check it with their own guard.
 */
@Injectable()
export class CredentialsService {
  private readonly adminToken: string;

  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adminToken = resolveAdminToken(config.adminToken, config.dataDir);
  }

  async identify(headers: { cookie?: string; authorization?: string }): Promise<Credential> {
    if (headers.authorization !== undefined && bearerTokenMatches(headers.authorization, this.adminToken)) {
      return { principal: { kind: 'admin-token', role: 'admin' }, via: 'bearer' };
    }
    const token = cookieValue(headers.cookie, SESSION_COOKIE);
    if (token === null) return { principal: null, ended: null };
    const found = await this.sessions.resolve(token);
    if ('principal' in found) return { principal: found.principal, via: 'cookie' };
    return { principal: null, ended: found.ended === 'unknown' ? 'ended' : found.ended };
  }
}
