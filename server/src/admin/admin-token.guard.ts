import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bearerTokenMatches, resolveAdminToken } from './admin-token';

/** `Authorization: Bearer <admin token>` for the province's administration endpoints. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly token: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = resolveAdminToken(config.adminToken, config.dataDir);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!bearerTokenMatches(request.headers.authorization, this.token)) {
      throw new UnauthorizedException('an admin token is required: Authorization: Bearer <admin token>');
    }
    return true;
  }
}
