import {
  Inject,
  Injectable,
  InternalServerErrorException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessException } from './access.exception';
import { ACCESS_RULE, type RequestWithAccess } from './access.decorator';
import { decideRoute, type AccessRule, type AccessTarget } from './access-policy';
import { CredentialsService } from './credentials.service';
import { isCrossSite } from './same-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Installed for every route (APP_GUARD): reads the route's rule, refuses a cross-site
 * state-changing request, identifies the caller and asks the policy. Nothing else checks roles.
 * A route without a rule is refused here too (the boot check stops the server before that).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // The live gateway asks the policy for every scope itself (LiveGateway.subscribe).
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new InternalServerErrorException('this route has no access rule');
    const request = context.switchToHttp().getRequest<RequestWithAccess>();
    // CSRF: a browser sends the SameSite=Strict cookie only with requests of this site, and says
    // where a request comes from (Sec-Fetch-Site, Origin). A state-changing request a browser
    // made for another site is refused, whatever it carries; a bearer token is never sent by a
    // browser on its own, so machines are not concerned.
    if (
      !SAFE_METHODS.has(request.method) &&
      request.headers.authorization === undefined &&
      isCrossSite(request.headers, this.config.allowedOrigins)
    ) {
      throw AccessException.crossSite();
    }
    if (rule.resource === 'public' || rule.resource === 'ingest-key' || rule.resource === 'metrics-token') {
      request.access = {
        principal: null,
        restrict: { unitCode: null, fields: null, withoutComments: false },
      };
      return true;
    }
    const credential = await this.credentials.identify(request.headers);
    const decision = decideRoute(credential.principal, rule, targetOf(rule, request));
    if (decision.allowed) {
      request.access = { principal: credential.principal, restrict: decision.restrict };
      return true;
    }
    switch (decision.status) {
      case 401:
        if ('ended' in credential && credential.ended === 'display-revoked')
          throw AccessException.displayRevoked();
        if ('ended' in credential && credential.ended === 'ended') throw AccessException.sessionEnded();
        throw AccessException.signInRequired();
      case 403:
        throw AccessException.forbidden(decision.reason);
      case 404:
        throw AccessException.notFound();
    }
  }
}

function targetOf(rule: AccessRule, request: RequestWithAccess): AccessTarget {
  if (!rule.unit) return { unitCode: null };
  const value: unknown =
    'param' in rule.unit ? request.params[rule.unit.param] : request.query[rule.unit.query];
  if (value === undefined || value === '') return { unitCode: null };
  // A repeated query parameter names no one unit: compared as given, it matches no officer's.
  return { unitCode: typeof value === 'string' ? value : JSON.stringify(value) };
}
