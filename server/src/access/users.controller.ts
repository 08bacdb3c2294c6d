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
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  createUserRequestSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  type CreateUserRequest,
  type ResetPasswordRequest,
  type UpdateUserRequest,
  type UserSummary,
} from '@ioc/shared';
import { Clock } from '../common/clock';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Access, CurrentAccess, type RequestAccess } from './access.decorator';
import { UsersService, toUserSummary } from './users.service';

/** People and roles, for administrators. */
@ApiTags('admin')
@Controller('api/v1/admin/users')
@Access('administration')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every person with their role, fields or unit, disabled or locked' })
  async list(): Promise<UserSummary[]> {
    const now = this.clock.now();
    return (await this.users.list()).map((user) => toUserSummary(user, now));
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a person: a department head needs fields, a unit officer a unit; the password follows NIST 800-63B',
  })
  @ApiBody({
    schema: {
      example: {
        login: 'tp.tuphap',
        displayName: 'Nguyễn Văn A (Sở Tư pháp)',
        role: 'department-head',
        fields: ['civil-status'],
        password: 'một câu dài dễ nhớ của tôi',
      },
    },
  })
  async create(
    @Body(new ZodValidationPipe(createUserRequestSchema)) body: CreateUserRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<UserSummary> {
    const user = await this.users.create(body, access.principal!, request.ip ?? null);
    return toUserSummary(user, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserSummary> {
    return toUserSummary(await this.users.get(id), this.clock.now());
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      "Change a person's name, role, fields, unit, or disable them (their sessions end when disabled or their scope changes)",
  })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateUserRequestSchema)) body: UpdateUserRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<UserSummary> {
    return toUserSummary(
      await this.users.update(id, body, access.principal!, request.ip ?? null),
      this.clock.now(),
    );
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Set a person's password (and unlock them); their sessions end" })
  async resetPassword(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(resetPasswordRequestSchema)) body: ResetPasswordRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<void> {
    await this.users.resetPassword(id, body.password, access.principal!, request.ip ?? null);
  }

  @Delete(':id/sessions')
  @ApiOperation({ summary: 'End every session of a person (their live sockets too): { ended: n }' })
  async revokeSessions(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentAccess() access: RequestAccess,
    @Req() request: Request,
  ): Promise<{ ended: number }> {
    return { ended: await this.users.revokeSessions(id, access.principal!, request.ip ?? null) };
  }
}
