import { Controller, HttpCode, HttpException, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IngestResult } from '@ioc/shared';
import { IngestKeyGuard, type AuthenticatedRequest } from '../keys/ingest-key.guard';
import { parseIngestBody } from './ingest-body';
import { IngestService } from './ingest.service';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(IngestKeyGuard)
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({
    description: 'An array of events (JSON) or one event per line (NDJSON), at most 10,000 / 8 MiB.',
  })
  @ApiOkResponse({ description: '{ accepted, duplicate, rejected: [{ index, id, reason }] }' })
  async receive(@Req() request: AuthenticatedRequest): Promise<IngestResult> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok)
      throw new HttpException({ statusCode: parsed.status, message: parsed.message }, parsed.status);
    return this.ingest.ingest(request.ingestPrincipal, parsed.items, 'events');
  }
}
