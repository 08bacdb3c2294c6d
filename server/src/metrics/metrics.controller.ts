import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator';
import { MetricsGuard } from './metrics.guard';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @UseGuards(MetricsGuard)
  @Access('metrics-token')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Prometheus text format (IOC_METRICS_TOKEN or the admin token).' })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
