import { timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { resolveAdminToken } from './admin-token';

/** `Authorization: Bearer <admin token>` for the province's administration endpoints. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly token: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = Buffer.from(resolveAdminToken(config.adminToken, config.dataDir));
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new UnauthorizedException('an admin token is required: Authorization: Bearer <admin token>');
    }
    return true;
  }
}
