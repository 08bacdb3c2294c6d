import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  FORMER_PROVINCES,
  PROCESSING_TIME_GROUPS,
  processingTimesQuerySchema,
  processingTimesSchema,
  type ProcessingTimes,
  type ProcessingTimesQuery,
} from '@ioc/shared';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { openApiSchemaOf } from '../common/openapi-schema';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ExpensiveReadThrottleGuard } from '../rankings/read-throttle.guard';
import { ProcessingTimesService } from './processing-times.service';

/** How long procedures take, in working time, against the same period a year before (issue 14). */
@ApiTags('drill-down')
@Controller('api/v1/processing-times')
@UseGuards(ExpensiveReadThrottleGuard)
export class ProcessingTimesController {
  constructor(private readonly processingTimes: ProcessingTimesService) {}

  @Get()
  @Access('dossier-detail', { unit: { query: 'unit' }, fieldFiltered: true })
  @ApiOperation({
    summary:
      'Per procedure (and unit / field): resolved, median and p90 working time receipt → result, on-time share, per month, against a year before',
  })
  @ApiQuery({ name: 'unit', required: false, description: 'unit codes, comma-separated' })
  @ApiQuery({ name: 'formerProvince', required: false, enum: FORMER_PROVINCES.map((p) => p.slug) })
  @ApiQuery({ name: 'field', required: false, description: 'field codes, comma-separated' })
  @ApiQuery({ name: 'procedure', required: false, description: 'procedure codes, comma-separated' })
  @ApiQuery({ name: 'channel', required: false })
  @ApiQuery({
    name: 'period',
    required: false,
    description:
      'resolved in: 2026-10, 2026-Q4, 2026, 2026-10-01..2026-10-15; default the last 12 months and this one',
  })
  @ApiQuery({
    name: 'groupBy',
    required: false,
    description: `comma-separated: ${PROCESSING_TIME_GROUPS.join(', ')} (default procedure)`,
  })
  @ApiOkResponse({ schema: openApiSchemaOf(processingTimesSchema) })
  get(
    @CurrentAccess() access: RequestAccess,
    @Query(new ZodValidationPipe(processingTimesQuerySchema)) query: ProcessingTimesQuery,
  ): Promise<ProcessingTimes> {
    return this.processingTimes.get(query, access.restrict);
  }
}
