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
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createIngestKeyRequestSchema,
  type CreateIngestKeyRequest,
  type CreatedIngestKey,
  type IngestKeySummary,
} from '@ioc/shared';
import { AdminTokenGuard } from '../admin/admin-token.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReferenceService } from '../reference/reference.service';
import { KeysService } from './keys.service';
import type { IngestKeyRecord } from './keys.repository';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/v1/admin/keys')
export class KeysController {
  constructor(
    private readonly keys: KeysService,
    private readonly reference: ReferenceService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an ingest key: shown once in the answer, stored hashed' })
  @ApiBody({ schema: { example: { name: 'iGate Xuân Hương', unit: '24781' } } })
  async create(
    @Body(new ZodValidationPipe(createIngestKeyRequestSchema)) request: CreateIngestKeyRequest,
  ): Promise<CreatedIngestKey> {
    const unit = request.unit ?? null;
    if (unit !== null && !this.reference.hasUnit(unit))
      throw new BadRequestException(`unit: '${unit}' is unknown`);
    const { key, record } = await this.keys.create(request.name, unit);
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
  async revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFoundException(`no active key with id '${id}'`);
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
