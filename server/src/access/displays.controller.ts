import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  PAIRING_COOKIE,
  SESSION_COOKIE,
  createDisplayRequestSchema,
  displaySessionRequestSchema,
  pairDisplayRequestSchema,
  updateDisplayRequestSchema,
  type CreateDisplayRequest,
  type CreatedDisplay,
  type CurrentPrincipal,
  type DisplaySessionRequest,
  type DisplaySummary,
  type PairDisplayRequest,
  type PairingStatus,
  type UpdateDisplayRequest,
} from '@ioc/shared';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AccessException } from './access.exception';
import { Access, CurrentAccess, type RequestAccess } from './access.decorator';
import { clearedCookie, cookieValue, sessionCookie } from './cookies';
import { DisplaysService, PAIRING_TTL_MS, toDisplaySummary } from './displays.service';

/** What a wall calls before it has a session: ask for a pairing code, or trade its URL token. */
@ApiTags('access')
@Controller('api/v1/displays')
export class DisplayPairingController {
  constructor(private readonly displays: DisplaysService) {}

  @Post('pairing')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'A wall asks to be paired: a code to show (8 characters, 10 minutes) and a pairing cookie',
    description: 'The wall then polls GET /api/v1/displays/pairing until an admin confirms the code.',
  })
  async startPairing(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PairingStatus> {
    const { status, secret } = await this.displays.startPairing(request.ip ?? null);
    response.setHeader('Set-Cookie', sessionCookie(PAIRING_COOKIE, secret, PAIRING_TTL_MS / 1000));
    return status;
  }

  @Get('pairing')
  @Access('public')
  @ApiOperation({
    summary: "The wall's pairing: `pending` with its code, or `paired` with the display session cookie set",
    description: '404 when the pairing cookie is missing, unknown or expired (ask for a new code).',
  })
  async collectPairing(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PairingStatus> {
    const secret = cookieValue(request.headers.cookie, PAIRING_COOKIE);
    if (secret === null) throw AccessException.missing('yêu cầu ghép nối', 'pairing request');
    const { status, sessionToken } = await this.displays.collectPairing(secret);
    if (sessionToken !== null) {
      response.setHeader('Set-Cookie', [
        sessionCookie(SESSION_COOKIE, sessionToken),
        clearedCookie(PAIRING_COOKIE),
      ]);
    }
    return status;
  }

  @Post('session')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'A wall opened at /?display=<token> trades the token for a display session cookie',
    description: '401 `auth.display-revoked` when the token is unknown or its display revoked.',
  })
  async exchangeToken(
    @Body(new ZodValidationPipe(displaySessionRequestSchema)) body: DisplaySessionRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentPrincipal> {
    const { display, sessionToken } = await this.displays.exchangeToken(body.token, request.ip ?? null);
    response.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, sessionToken));
    return {
      kind: 'display',
      role: 'wall',
      display: { id: display.id, name: display.name, showComments: display.showComments },
    };
  }
}

/** Displays, for administrators: list with last contact, pair, create by token, edit, revoke. */
@ApiTags('admin')
@Controller('api/v1/admin/displays')
@Access('administration')
export class DisplaysAdminController {
  constructor(private readonly displays: DisplaysService) {}

  @Get()
  @ApiOperation({ summary: 'Every display, active first, with its last contact' })
  async list(): Promise<DisplaySummary[]> {
    return (await this.displays.list()).map(toDisplaySummary);
  }

  @Post()
  @ApiOperation({ summary: 'Create a display paired by a token in its URL: the token is shown once' })
  @ApiBody({ schema: { example: { name: 'Màn hình phòng họp UBND tỉnh', showComments: false } } })
  async create(
    @Body(new ZodValidationPipe(createDisplayRequestSchema)) body: CreateDisplayRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<CreatedDisplay> {
    const { display, token } = await this.displays.createWithToken(
      body,
      access.principal!,
      request.ip ?? null,
    );
    return created(display, token);
  }

  @Post('pair')
  @ApiOperation({ summary: 'Confirm the code a wall shows: the wall gets its session at its next poll' })
  @ApiBody({
    schema: { example: { code: 'K7QX-M3PD', name: 'Màn hình sảnh Trung tâm', showComments: false } },
  })
  async pair(
    @Body(new ZodValidationPipe(pairDisplayRequestSchema)) body: PairDisplayRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<DisplaySummary> {
    return toDisplaySummary(await this.displays.pair(body, access.principal!, request.ip ?? null));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename a display, or let it show citizens' comment text (default no)" })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateDisplayRequestSchema)) body: UpdateDisplayRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<DisplaySummary> {
    return toDisplaySummary(await this.displays.update(id, body, access.principal!, request.ip ?? null));
  }

  @Post(':id/token')
  @ApiOperation({ summary: 'A new URL token for a token-paired display (the old URL stops working)' })
  async replaceToken(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<CreatedDisplay> {
    const { display, token } = await this.displays.replaceToken(id, access.principal!, request.ip ?? null);
    return created(display, token);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a display: its wall gets live:revoked and is disconnected at once' })
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<void> {
    await this.displays.revoke(id, access.principal!, request.ip ?? null);
  }
}

function created(display: Parameters<typeof toDisplaySummary>[0], token: string): CreatedDisplay {
  return { display: toDisplaySummary(display), token, path: `/?display=${token}` };
}
