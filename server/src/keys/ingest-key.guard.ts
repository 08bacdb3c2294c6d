import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { KeysService, type IngestPrincipal } from './keys.service';

export type AuthenticatedRequest = Request & { ingestPrincipal: IngestPrincipal };

/** `Authorization: Bearer <ingest key>`: 401 when missing, unknown or revoked. */
@Injectable()
export class IngestKeyGuard implements CanActivate {
  constructor(private readonly keys: KeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('an ingest key is required: Authorization: Bearer <key>');
    const principal = await this.keys.authenticate(match[1]!);
    if (!principal) throw new UnauthorizedException('the ingest key is unknown or revoked');
    request.ingestPrincipal = principal;
    return true;
  }
}
