import { Injectable, type NestMiddleware } from '@nestjs/common';
import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_REQUEST_BYTES } from '@ioc/shared';
import { KeysService } from '../keys/keys.service';
import { IngestService } from './ingest.service';

const readRawBody = raw({ type: () => true, limit: MAX_REQUEST_BYTES });

/**
 * Reads the body as bytes (the routes decide JSON, NDJSON or CSV themselves) and answers 413
 * as JSON, before anything is parsed, when it is over the contract's 8 MiB. A refused body
 * from a known key is audited like any other refused request.
 */
@Injectable()
export class IngestBodyMiddleware implements NestMiddleware {
  constructor(
    private readonly keys: KeysService,
    private readonly ingest: IngestService,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    readRawBody(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status ?? 400;
      const message =
        status === 413
          ? `a request may carry at most ${MAX_REQUEST_BYTES} bytes`
          : `the body could not be read: ${(error as Error).message}`;
      void this.audit(req, status).finally(() => res.status(status).json({ statusCode: status, message }));
    });
  }

  private async audit(req: Request, status: number): Promise<void> {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const principal = key ? await this.keys.authenticate(key).catch(() => null) : null;
    const route = req.originalUrl.includes('/imports') ? 'imports' : 'events';
    if (principal) await this.ingest.auditRefusal(principal, route, status);
  }
}
