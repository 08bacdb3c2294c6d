import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  SESSION_COOKIE,
  changePasswordRequestSchema,
  signInRequestSchema,
  type ChangePasswordRequest,
  type CurrentPrincipal,
  type SignInRequest,
} from '@ioc/shared';
import { Clock } from '../common/clock';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AccessException } from './access.exception';
import { Access, CurrentAccess, type RequestAccess } from './access.decorator';
import { AuditService } from './audit.service';
import { clearedCookie, sessionCookie } from './cookies';
import { passwordMatches } from './passwords';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { UsersService, toUserSummary } from './users.service';

/** Sign-in, sign-out and "who am I" for the dashboard. */
@ApiTags('access')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'Sign in with login and password: sets the session cookie (httpOnly, Secure, SameSite=Strict)',
    description:
      '401 `auth.invalid-credentials`; 429 `auth.locked` after repeated failures of one login, `auth.rate-limited` ' +
      'after too many attempts from one address (both with `retryAfterSeconds` and Retry-After); 403 a disabled account.',
  })
  @ApiBody({ schema: { example: { login: 'lanhdao', password: 'một câu dài dễ nhớ của tôi' } } })
  async signIn(
    @Body(new ZodValidationPipe(signInRequestSchema)) body: SignInRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentPrincipal> {
    try {
      const { user, token } = await this.signIns.signIn(body, request.ip ?? null);
      response.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, token));
      return { kind: 'user', role: user.role, user: toUserSummary(user, this.clock.now()) };
    } catch (error) {
      if (error instanceof AccessException && error.getStatus() === 429) {
        const body = error.getResponse() as { retryAfterSeconds?: number };
        response.setHeader('Retry-After', String(body.retryAfterSeconds ?? 60));
      }
      throw error;
    }
  }

  @Post('sign-out')
  @HttpCode(204)
  @Access('signed-in')
  @ApiOperation({ summary: 'End this session (a person or a display) and clear its cookie' })
  async signOut(
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const principal = access.principal!;
    if (principal.kind !== 'admin-token') {
      await this.sessions.end({ sessionId: principal.sessionId }, 'sign-out');
      await this.audit.record({ action: 'auth.sign-out', actor: principal, address: request.ip ?? null });
    }
    response.setHeader('Set-Cookie', clearedCookie(SESSION_COOKIE));
  }

  @Get('me')
  @Access('signed-in')
  @ApiOperation({
    summary: 'Who this credential is: a person (role, fields, unit), a display, or the admin token',
  })
  me(@CurrentAccess() access: RequestAccess): CurrentPrincipal {
    return describe(access.principal!, this.clock.now());
  }

  @Post('password')
  @HttpCode(204)
  @Access('signed-in', { peopleOnly: true })
  @ApiOperation({
    summary:
      "Change one's own password (NIST 800-63B rules: 15–128 characters, not a breached one); other sessions end",
  })
  async changePassword(
    @CurrentAccess() access: RequestAccess,
    @Body(new ZodValidationPipe(changePasswordRequestSchema)) body: ChangePasswordRequest,
    @Req() request: Request,
  ): Promise<void> {
    const principal = access.principal!;
    if (principal.kind !== 'user') throw AccessException.forbidden('only a person has a password');
    const user = await this.users.get(principal.user.id);
    if (!(await passwordMatches(user.passwordHash, body.currentPassword)))
      throw AccessException.invalidCredentials();
    await this.users.changeOwnPassword(user, body.newPassword, principal.sessionId);
    await this.audit.record({
      action: 'auth.password-change',
      actor: principal,
      target: `user:${user.id}`,
      address: request.ip ?? null,
    });
  }
}

export function describe(principal: Principal, now: number): CurrentPrincipal {
  switch (principal.kind) {
    case 'user':
      return { kind: 'user', role: principal.role, user: toUserSummary(principal.user, now) };
    case 'display':
      return {
        kind: 'display',
        role: 'wall',
        display: {
          id: principal.display.id,
          name: principal.display.name,
          showComments: principal.display.showComments,
        },
      };
    case 'admin-token':
      return { kind: 'admin-token', role: 'admin' };
  }
}
