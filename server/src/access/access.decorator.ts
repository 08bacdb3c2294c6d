import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { SESSION_COOKIE } from '@ioc/shared';
import { rolesAllowed } from './access-roles';
import type { AccessResource, AccessRestriction, AccessRule } from './access-policy';
import type { Principal } from './principal';

export const ACCESS_RULE = 'ioc:access-rule';

/**
 * The access rule of a route (or of every route of a controller): what it reads or changes, for
 * the policy (`access-policy.ts`) to decide. A route without one cannot ship: the server refuses
 * to start (`AccessRulesCheck`) and the route × role test fails. It also documents, in the
 * OpenAPI (`x-ioc-access`), which roles may call the route.
 */
export function Access(
  resource: AccessResource,
  options: Omit<AccessRule, 'resource'> = {},
): MethodDecorator & ClassDecorator {
  const rule: AccessRule = { resource, ...options };
  const roles = rolesAllowed(rule);
  const decorators: (MethodDecorator & ClassDecorator)[] = [
    SetMetadata(ACCESS_RULE, rule),
    ApiExtension('x-ioc-access', { resource, roles }),
  ];
  if (resource !== 'public' && resource !== 'ingest-key' && resource !== 'metrics-token') {
    decorators.push(
      ApiCookieAuth(SESSION_COOKIE),
      ApiUnauthorizedResponse({ description: 'no session (sign in), or it ended' }),
      ApiForbiddenResponse({ description: `roles allowed: ${roles.join(', ')}` }),
    );
    if (resource === 'dossier')
      decorators.push(ApiNotFoundResponse({ description: 'not found, or not yours' }));
  }
  return applyDecorators(...decorators);
}

/** What the access guard decided for this request: who, and what the answer must be narrowed to. */
export interface RequestAccess {
  principal: Principal | null;
  restrict: AccessRestriction;
}

export type RequestWithAccess = Request & { access?: RequestAccess };

/** The guard's decision, in a controller method: `@CurrentAccess() access: RequestAccess`. */
export const CurrentAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestAccess => {
    const access = context.switchToHttp().getRequest<RequestWithAccess>().access;
    if (!access) throw new Error('no access decision on this request: is the AccessGuard installed?');
    return access;
  },
);
