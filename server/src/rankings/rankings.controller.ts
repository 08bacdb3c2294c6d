import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  lostDossiersQuerySchema,
  PERIOD_KINDS,
  periodQuerySchema,
  type LostDossiersQuery,
  type LostPointDossiers,
  type PeriodQuery,
  type Ranking,
  type UnitIndex,
} from '@ioc/shared';
import { Access, CurrentAccess, type RequestAccess } from '../access/access.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { RankingReadsService } from './ranking-reads.service';
import { RankingsService } from './rankings.service';
import { ExpensiveReadThrottleGuard } from './read-throttle.guard';

const periodQueries = [
  ApiQuery({ name: 'period', required: false, enum: PERIOD_KINDS }),
  ApiQuery({
    name: 'date',
    required: false,
    example: '2026-10',
    description: '2026-10-05, 2026-W43, 2026-10, 2026-Q4, 2026; ytd: its last day, 2026-10-15',
  }),
  ApiQuery({ name: 'from', required: false, example: '2026-10-01', description: 'period=custom: first day' }),
  ApiQuery({ name: 'to', required: false, example: '2026-10-15', description: 'period=custom: last day' }),
];
const withPeriodQueries = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of periodQueries) decorate(target, key, descriptor);
};

/** The service index: the province-wide ranking, one unit's score, and the dossiers behind lost points. */
@ApiTags('service index')
@Controller('api/v1')
@UseGuards(ExpensiveReadThrottleGuard)
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly reads: RankingReadsService,
  ) {}

  @Get('rankings')
  @Access('province')
  @ApiOperation({ summary: 'The 124 units ranked on the service index for a period, with the rank change' })
  @withPeriodQueries()
  async ranking(@Query(new ZodValidationPipe(periodQuerySchema)) query: PeriodQuery): Promise<Ranking> {
    const period = this.rankings.periodOf(query);
    return this.reads.read(`ranking ${JSON.stringify(period)}`, () => this.rankings.ranking(period));
  }

  @Get('units/:code/index')
  @Access('unit-figures', { unit: { param: 'code' } })
  @ApiOperation({
    summary: "A unit's service index: every group and indicator, its rate, points and lost points",
  })
  @withPeriodQueries()
  async unitIndex(
    @Param('code') code: string,
    @Query(new ZodValidationPipe(periodQuerySchema)) query: PeriodQuery,
  ): Promise<UnitIndex> {
    const period = this.rankings.periodOf(query);
    return this.reads.read(`unit ${code} ${JSON.stringify(period)}`, () =>
      this.rankings.unitIndex(code, period),
    );
  }

  @Get('units/:code/index/lost-dossiers')
  @Access('dossier-detail', { unit: { param: 'code' }, fieldFiltered: true })
  @ApiOperation({ summary: 'The dossiers (and poor ratings) that lost a unit points on one indicator' })
  @withPeriodQueries()
  @ApiQuery({ name: 'indicator', required: true, example: 'on-time' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'offset', required: false, example: 0 })
  async lostDossiers(
    @CurrentAccess() access: RequestAccess,
    @Param('code') code: string,
    @Query(new ZodValidationPipe(lostDossiersQuerySchema)) query: LostDossiersQuery,
  ): Promise<LostPointDossiers> {
    // A department head's list holds only his fields' dossiers.
    return this.reads.uncached(() => this.rankings.lostDossiers(code, query, access.restrict.fields));
  }
}
