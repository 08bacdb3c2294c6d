import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseRepository } from '../database/database.repository';
import { LiveClusterService } from '../live/live-cluster.service';
import { LiveStreamService } from '../live/live-stream.service';
import { Access } from '../access/access.decorator';
import { ShutdownService } from './shutdown.service';

export interface HealthStatus {
  status: 'ok' | 'degraded' | 'draining';
  database: 'up' | 'down';
  embeddedDatabase: boolean;
  /** Whether this process computes the live figures, or follows the one that does (REDIS_URL). */
  live: 'leading' | 'following';
  /** With REDIS_URL: whether this process reaches Redis (down: it serves its own clients alone). */
  redis: 'up' | 'down' | null;
  version: string;
}

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly database: DatabaseRepository,
    private readonly liveStream: LiveStreamService,
    private readonly shutdown: ShutdownService,
    private readonly cluster: LiveClusterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database answers; 503 when it does not, or while the process shuts down. */
  @Get()
  @Access('public') // load balancers and monitors ask without a credential; it says nothing private
  @ApiOkResponse({ description: 'The server and its database are up.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthStatus> {
    const database = (await this.database.isReachable()) ? 'up' : 'down';
    if (database === 'down' || this.shutdown.draining) response.status(503);
    return {
      status: this.shutdown.draining ? 'draining' : database === 'up' ? 'ok' : 'degraded',
      database,
      embeddedDatabase: this.config.embeddedDatabase,
      live: this.liveStream.leading ? 'leading' : 'following',
      redis: this.cluster.redisReachable === null ? null : this.cluster.redisReachable ? 'up' : 'down',
      version: this.config.version,
    };
  }
}
