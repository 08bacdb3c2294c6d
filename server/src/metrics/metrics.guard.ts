import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { bearerTokenMatches, resolveAdminToken } from '../admin/admin-token';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * `/metrics` is not public (it tells a stranger how loaded the server is and which units send):
 * `Authorization: Bearer <IOC_METRICS_TOKEN>` (a token for Prometheus alone), or the admin token.
 */
@Injectable()
export class MetricsGuard implements CanActivate {
  private readonly tokens: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const admin = resolveAdminToken(config.adminToken, config.dataDir);
    this.tokens = config.metricsToken ? [config.metricsToken, admin] : [admin];
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.tokens.some((token) => bearerTokenMatches(request.headers.authorization, token))) return true;
    throw new UnauthorizedException('a metrics token is required: Authorization: Bearer <IOC_METRICS_TOKEN>');
  }
}
