import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ANOMALY_KINDS, UNIT_CODE_PATTERN, type AnomalyKind, type AnomalyList } from '@ioc/shared';
import { ReferenceService } from '../reference/reference.service';
import { AnomaliesRepository } from './anomalies.repository';

const MAX_LIMIT = 1000;

@ApiTags('anomalies')
@Controller('api/v1/anomalies')
export class AnomaliesController {
  constructor(
    private readonly anomalies: AnomaliesRepository,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Events that made no sense for their dossier: stored, never dropped, listed per unit',
  })
  @ApiQuery({ name: 'unit', required: false, example: '24781' })
  @ApiQuery({ name: 'kind', required: false, enum: ANOMALY_KINDS })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  list(
    @Query('unit') unit?: string,
    @Query('kind') kind?: string,
    @Query('limit') limit = '100',
  ): Promise<AnomalyList> {
    if (unit !== undefined && (!UNIT_CODE_PATTERN.test(unit) || !this.reference.hasUnit(unit))) {
      throw new BadRequestException(`unit: '${unit}' is unknown`);
    }
    if (kind !== undefined && !ANOMALY_KINDS.includes(kind as AnomalyKind)) {
      throw new BadRequestException(`kind: must be one of ${ANOMALY_KINDS.join(', ')}`);
    }
    const size = Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) {
      throw new BadRequestException(`limit: must be an integer from 1 to ${MAX_LIMIT}`);
    }
    return this.anomalies.list({
      unitCode: unit ?? null,
      kind: (kind as AnomalyKind | undefined) ?? null,
      limit: size,
    });
  }
}
