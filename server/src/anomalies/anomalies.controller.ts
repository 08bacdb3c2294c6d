import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ANOMALY_KINDS, type AnomalyList } from '@ioc/shared';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { AnomaliesService } from './anomalies.service';

@ApiTags('anomalies')
@Controller('api/v1/anomalies')
export class AnomaliesController {
  constructor(private readonly anomalies: AnomaliesService) {}

  @Get()
  @Access('dossier-detail', { unit: { query: 'unit' } })
  @ApiOperation({
    summary: 'Events that made no sense for their dossier: stored, never dropped, listed per unit',
  })
  @ApiQuery({ name: 'unit', required: false, example: '24781' })
  @ApiQuery({ name: 'kind', required: false, enum: ANOMALY_KINDS })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  list(
    @CurrentAccess() access: RequestAccess,
    @Query('unit') unit?: string,
    @Query('kind') kind?: string,
    @Query('limit') limit?: string,
  ): Promise<AnomalyList> {
    // A unit officer who names no unit gets his own.
    return this.anomalies.list({ unit: unit ?? access.restrict.unitCode ?? undefined, kind, limit });
  }
}
