import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DAILY_FLOW_MAX_DAYS, type DailyFlow, type KpiComparison } from '@ioc/shared';
import { Access } from '../access/access.decorator';
import { TrendsService } from './trends.service';

/** What the wall sets beside its live figures: the same moment earlier, and the flow per day. */
@ApiTags('live')
@Controller('api/v1')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  @Get('kpi-comparison')
  @Access('unit-figures', { unit: { query: 'unit' } })
  @ApiOperation({
    summary:
      'Backlog, overdue, received, resolved and resolved in time at this time yesterday and a week ago (a unit, or the province)',
  })
  @ApiQuery({ name: 'unit', required: false, example: '24781' })
  kpiComparison(@Query('unit') unit?: string): Promise<KpiComparison> {
    return this.trends.kpiComparison(unit);
  }

  @Get('daily-flow')
  @Access('unit-figures', { unit: { query: 'unit' } })
  @ApiOperation({
    summary: 'Dossiers received and resolved per Vietnam day, today last (a unit, or the province)',
  })
  @ApiQuery({ name: 'days', required: false, example: 90, description: `1 to ${DAILY_FLOW_MAX_DAYS}` })
  @ApiQuery({ name: 'unit', required: false, example: '24781' })
  dailyFlow(@Query('days') days?: string, @Query('unit') unit?: string): Promise<DailyFlow> {
    return this.trends.dailyFlow(unit, days);
  }
}
