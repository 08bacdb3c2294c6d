import { Controller, HttpCode, HttpException, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { INGEST_EVENT_EXAMPLES, type IngestResult } from '@ioc/shared';
import { IngestKeyGuard, type AuthenticatedRequest } from '../keys/ingest-key.guard';
import { parseIngestBody } from './ingest-body';
import { Access } from '../access/access.decorator';
import { IngestService } from './ingest.service';

const lifeOfOneDossier = Object.values(INGEST_EVENT_EXAMPLES).filter((e) =>
  e.id.startsWith('igate-2026-000123'),
);

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('api/v1/events')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(IngestKeyGuard)
  @Access('ingest-key')
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiOperation({
    summary: 'Send dossier and feedback events (ingest contract v1)',
    description:
      'A JSON array of events, or NDJSON (one event a line), at most 10,000 events / 8 MiB. Each event is judged ' +
      'alone: bad ones come back in `rejected` with their index and a reason naming the field; the others are ' +
      'stored. The same `id` sent again counts as `duplicate` and changes nothing. 401: no or unknown key; ' +
      '400: not JSON at all; 413: too large; 429: a unit over its rate (see Retry-After); 503: database ' +
      'unreachable, nothing stored.',
  })
  @ApiBody({
    schema: { type: 'array', items: { type: 'object' } },
    examples: {
      'the whole life of a dossier': { value: lifeOfOneDossier },
      ...Object.fromEntries(
        Object.entries(INGEST_EVENT_EXAMPLES).map(([type, event]) => [type, { value: [event] }]),
      ),
    },
  })
  @ApiOkResponse({
    description: 'The body parsed: every item is accepted, duplicate or rejected with a reason.',
    schema: {
      example: {
        accepted: 98,
        duplicate: 1,
        rejected: [{ index: 7, id: 'x-7', reason: "unit: '99999' is unknown" }],
      },
    },
  })
  async receive(@Req() request: AuthenticatedRequest): Promise<IngestResult> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const parsed = parseIngestBody(body, request.headers['content-type']);
    if (!parsed.ok) {
      await this.ingest.auditRefusal(request.ingestPrincipal, 'events', parsed.status);
      throw new HttpException({ statusCode: parsed.status, message: parsed.message }, parsed.status);
    }
    return this.ingest.ingest(request.ingestPrincipal, parsed.items, 'events');
  }
}
