import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_REQUEST_BYTES } from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KeysService, type IngestPrincipal } from '../keys/keys.service';
import { IngestService } from './ingest.service';

const readRawBody = raw({ type: () => true, limit: MAX_REQUEST_BYTES });
/** Bodies read at once, per process: 32 × 8 MiB bounds what uploads can hold in memory. */
export const MAX_CONCURRENT_UPLOADS = 32;

/**
 * Checks the key from the headers, then reads the body as bytes (the routes decide JSON, NDJSON
 * or CSV themselves), so that nobody without a key can make the server hold a socket or a buffer
 * (issue 12): no or an unknown key answers 401 before a byte of the body is read, a body slower
 * than `IOC_BODY_TIMEOUT_MS` answers 408, more than MAX_CONCURRENT_UPLOADS bodies at once 503.
 * Over the contract's 8 MiB answers 413 as JSON before anything is parsed. A refused body from a
 * known key is audited like any other refused request.
 */
@Injectable()
export class IngestBodyMiddleware implements NestMiddleware {
  private uploads = 0;

  constructor(
    private readonly keys: KeysService,
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    // Undefined: the database did not answer; the guard then answers as for any request.
    const principal = key ? await this.keys.authenticate(key).catch(() => undefined) : null;
    if (principal === null) {
      return refuseUnread(
        req,
        res,
        401,
        key
          ? 'the ingest key is unknown or revoked'
          : 'an ingest key is required: Authorization: Bearer <key>',
      );
    }
    if (this.uploads >= MAX_CONCURRENT_UPLOADS) {
      res.setHeader('Retry-After', '1');
      return refuseUnread(req, res, 503, 'too many uploads in progress: nothing was read, send again');
    }
    this.uploads += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.uploads -= 1;
    };
    res.once('finish', release);
    res.once('close', release);
    const timer = setTimeout(() => {
      void this.audit(principal, req, 408);
      refuseUnread(req, res, 408, `the body did not arrive within ${this.config.bodyTimeoutMs} ms`);
    }, this.config.bodyTimeoutMs);
    readRawBody(req, res, (error?: unknown) => {
      clearTimeout(timer);
      if (res.headersSent) return;
      if (!error) return next();
      const status = (error as { status?: number }).status ?? 400;
      const message =
        status === 413
          ? `a request may carry at most ${MAX_REQUEST_BYTES} bytes`
          : `the body could not be read: ${(error as Error).message}`;
      void this.audit(principal, req, status).finally(() =>
        res.status(status).json({ statusCode: status, message }),
      );
    });
  }

  private async audit(principal: IngestPrincipal | undefined, req: Request, status: number): Promise<void> {
    const route = req.originalUrl.includes('/imports') ? 'imports' : 'events';
    if (principal) await this.ingest.auditRefusal(principal, route, status).catch(() => undefined);
  }
}

/**
 * Answers without reading (the rest of) the body, and closes the connection behind the answer:
 * a second later, so that the answer is flushed, whether or not the client stops sending.
 */
function refuseUnread(req: Request, res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => setTimeout(() => req.socket.destroy(), 1_000).unref());
  res.status(status).json({ statusCode: status, message });
}
