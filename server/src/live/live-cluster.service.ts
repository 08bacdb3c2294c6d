import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import type { Namespace } from 'socket.io';
import {
  liveScopeSchema,
  type LiveClientToServerEvents,
  type LiveScope,
  type LiveRankingUpdate,
  type LiveServerToClientEvents,
  type LiveSnapshot,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveMetricsService } from './live-metrics.service';
import { LiveStreamService, SCOPE_ROOM_PREFIX, scopeRoom, type LiveSink } from './live-stream.service';

/** The key whose holder computes and numbers the live figures for the whole cluster. */
const LEADER_KEY = 'ioc:live:leader';
/** A leader that stops renewing (crash, freeze) is replaced after at most this long. */
const LEASE_MS = 6_000;
const RENEW_EVERY_MS = 2_000;
/** Renews or releases the lease only if this process still holds it. */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type SnapshotAnswer = { snapshot: LiveSnapshot | LiveRankingUpdate } | { error: string } | null;

/** Messages between server processes (socket.io `serverSideEmit`, carried by the Redis adapter). */
interface LiveServerSideEvents {
  'live:units-changed': (unitCodes: string[]) => void;
  'live:snapshot-request': (scope: LiveScope, answer: (answer: SnapshotAnswer) => void) => void;
}

type ClusterNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, LiveServerSideEvents>;

/**
 * Who computes the live figures. Alone (no REDIS_URL) this process does. With REDIS_URL, several
 * processes share the fan-out through the socket.io Redis adapter and exactly one of them, the
 * holder of a Redis lease, computes and numbers the figures: its deltas reach the clients of
 * every process, so all clients see one numbering. The others forward the units their ingest
 * touched to the leader, and ask it for the snapshots their clients need.
 */
@Injectable()
export class LiveClusterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveClusterService.name);
  private readonly instanceId = randomUUID();
  private namespace: ClusterNamespace | null = null;
  private redis: RedisClientType | null = null;
  private campaign: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly stream: LiveStreamService,
    private readonly metrics: LiveMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The gateway's namespace, known before the modules' init hooks run. */
  attach(namespace: Namespace): void {
    this.namespace = namespace as ClusterNamespace;
  }

  /** Once every module is initialised (the reference data is loaded): lead, or campaign to. */
  onApplicationBootstrap(): void {
    if (!this.namespace) throw new Error('the live gateway did not attach its namespace');
    if (!this.config.redisUrl) {
      void this.stream.lead(this.sinkOf(this.namespace));
      return;
    }
    this.namespace.on('live:units-changed', (unitCodes) => {
      if (Array.isArray(unitCodes))
        this.metrics.markUnitsChanged(unitCodes.filter((c) => typeof c === 'string'));
    });
    this.namespace.on('live:snapshot-request', (scope, answer) => {
      if (!this.stream.leading) return answer(null);
      this.stream.snapshot(scope).then(
        (snapshot) => answer({ snapshot }),
        (error: unknown) => answer({ error: (error as Error).message }),
      );
    });
    this.metrics.forwardChangesTo((unitCodes) =>
      this.namespace?.serverSideEmit('live:units-changed', unitCodes),
    );
    void this.startCampaign(this.config.redisUrl);
  }

  /** The snapshot of a scope, from this process when it leads, else from the leader. */
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveRankingUpdate> {
    if (this.stream.leading || !this.config.redisUrl || !this.namespace) return this.stream.snapshot(scope);
    // The Redis adapter gives up after its request timeout (5 s) when a process does not answer.
    const answers: SnapshotAnswer[] = await this.namespace.serverSideEmitWithAck(
      'live:snapshot-request',
      scope,
    );
    const answer = answers.find((a) => a !== null);
    if (!answer)
      throw new Error('no server process leads the live figures right now; retry in a few seconds');
    if ('error' in answer) throw new Error(answer.error);
    // The version is this process's own: it is the dashboard build this process serves.
    return { ...answer.snapshot, serverVersion: this.config.version };
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.campaign) clearInterval(this.campaign);
    this.campaign = null;
    await this.renewing;
    if (this.redis) {
      // Hand over at once instead of letting the lease run out.
      if (this.stream.leading) {
        await this.redis
          .eval(RELEASE_SCRIPT, { keys: [LEADER_KEY], arguments: [this.instanceId] })
          .catch(() => undefined);
      }
      await this.redis.quit().catch(() => undefined);
      this.redis = null;
    }
    if (this.stream.leading) await this.stream.stepDown();
  }

  private async startCampaign(url: string): Promise<void> {
    const redis: RedisClientType = createClient({ url });
    redis.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.redis = redis;
    try {
      await redis.connect();
    } catch (error) {
      this.logger.error(`redis unreachable, live figures not computed here: ${(error as Error).message}`);
    }
    this.campaign = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.campaign.unref();
    await this.renew();
  }

  /** Renews the lease while leading; otherwise tries to take it. Losing it means stepping down. */
  private async renew(): Promise<void> {
    if (this.renewing || !this.redis || !this.namespace) return;
    const redis = this.redis;
    const namespace = this.namespace;
    this.renewing = (async () => {
      try {
        if (this.stream.leading) {
          const renewed = await redis.eval(RENEW_SCRIPT, {
            keys: [LEADER_KEY],
            arguments: [this.instanceId, String(LEASE_MS)],
          });
          if (renewed !== 1) {
            this.logger.warn('lost the live leadership to another process');
            await this.stream.stepDown();
          }
        } else {
          const taken = await redis.set(LEADER_KEY, this.instanceId, {
            condition: 'NX',
            expiration: { type: 'PX', value: LEASE_MS },
          });
          if (taken === 'OK') {
            this.logger.log('leading the live figures of the cluster');
            await this.stream.lead(this.sinkOf(namespace), await this.followedScopes(namespace));
          }
        }
      } catch (error) {
        // Redis down: a leader keeps serving its own clients; the lease decides again when it is back.
        this.logger.warn(`live leadership not renewed: ${(error as Error).message}`);
      } finally {
        this.renewing = null;
      }
    })();
    await this.renewing;
  }

  /** The scopes the clients of every process are in (a takeover must keep serving them). */
  private async followedScopes(namespace: ClusterNamespace): Promise<LiveScope[]> {
    const scopes = new Set<LiveScope>();
    const sockets = await namespace.fetchSockets().catch(() => []);
    for (const socket of sockets) {
      for (const room of socket.rooms) {
        const scope = liveScopeSchema.safeParse(room.slice(SCOPE_ROOM_PREFIX.length));
        if (room.startsWith(SCOPE_ROOM_PREFIX) && scope.success) scopes.add(scope.data);
      }
    }
    return [...scopes];
  }

  private sinkOf(namespace: ClusterNamespace): LiveSink {
    return {
      delta: (delta) => namespace.to(scopeRoom(delta.scope)).emit('live:delta', delta),
      heartbeat: (heartbeat) => namespace.to(scopeRoom(heartbeat.scope)).emit('live:heartbeat', heartbeat),
      ranking: (update) => namespace.to(scopeRoom('ranking')).emit('live:ranking', update),
    };
  }
}
