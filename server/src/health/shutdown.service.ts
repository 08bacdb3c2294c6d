import { Injectable } from '@nestjs/common';

/**
 * Whether this process is shutting down. While it drains, `/api/health` answers 503 (a load
 * balancer stops sending it work) and every answer says `Connection: close` (a keep-alive client
 * opens its next request elsewhere).
 */
@Injectable()
export class ShutdownService {
  private drainingSince: number | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
