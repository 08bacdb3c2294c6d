import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createIngestKeyRequestSchema,
  type CreateIngestKeyRequest,
  type CreatedIngestKey,
  type IngestKeySummary,
} from '@ioc/shared';
import type { Request } from 'express';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { AuditService } from '../access/audit.service';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReferenceService } from '../reference/reference.service';
import { KeysService } from './keys.service';
import type { IngestKeyRecord } from './keys.repository';

@ApiTags('admin')
@ApiBearerAuth()
@Access('administration')
@Controller('api/v1/admin/keys')
export class KeysController {
  constructor(
    private readonly keys: KeysService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an ingest key: shown once in the answer, stored hashed' })
  @ApiBody({ schema: { example: { name: 'iGate Xuân Hương', unit: '24781' } } })
  async create(
    @Body(new ZodValidationPipe(createIngestKeyRequestSchema)) request: CreateIngestKeyRequest,
    @CurrentAccess() access: RequestAccess,
    @Req() http: Request,
  ): Promise<CreatedIngestKey> {
    const unit = request.unit ?? null;
    if (unit !== null && !this.reference.hasUnit(unit))
      throw new BadRequestException(`unit: '${unit}' is unknown`);
    const { key, record } = await this.keys.create(request.name, unit);
    await this.audit.record({
      action: 'key.create',
      actor: access.principal!,
      target: `key:${record.id}`,
      address: http.ip ?? null,
      details: { name: record.name, unitCode: record.unitCode, keyPrefix: record.keyPrefix },
    });
    return { ...toSummary(record), key };
  }

  @Get()
  @ApiOperation({ summary: 'All ingest keys, active and revoked (never the keys themselves)' })
  async list(): Promise<IngestKeySummary[]> {
    return (await this.keys.list()).map(toSummary);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an ingest key: its next request gets 401' })
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentAccess() access: RequestAccess,
    @Req() http: Request,
  ): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFoundException(`no active key with id '${id}'`);
    await this.audit.record({
      action: 'key.revoke',
      actor: access.principal!,
      target: `key:${id}`,
      address: http.ip ?? null,
    });
  }
}

function toSummary(record: IngestKeyRecord): IngestKeySummary {
  return {
    id: record.id,
    name: record.name,
    unitCode: record.unitCode,
    keyPrefix: record.keyPrefix,
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt ? record.revokedAt.toISOString() : null,
  };
}
