import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { BacklogHistory } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { BacklogSamplerService } from './backlog-sampler.service';

@ApiTags('live')
@Controller('api/v1/backlog-history')
export class BacklogHistoryController {
  constructor(private readonly sampler: BacklogSamplerService) {}

  @Get()
  @Access('unit-figures', { unit: { query: 'unit' } })
  @ApiOperation({ summary: 'Backlog and overdue over time, from 5-minute samples (a unit, or the province)' })
  @ApiQuery({ name: 'unit', required: false, example: '24781' })
  @ApiQuery({ name: 'days', required: false, example: 90 })
  history(@Query('unit') unit?: string, @Query('days') days = '7'): Promise<BacklogHistory> {
    return this.sampler.history(unit, Number(days));
  }
}
