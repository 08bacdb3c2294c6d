import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_REQUEST_BYTES } from '@ioc/shared';

const readRawBody = raw({ type: () => true, limit: MAX_REQUEST_BYTES });

/**
 * Reads the body as bytes (the ingest service decides JSON vs NDJSON itself) and answers
 * 413 as JSON, before anything is parsed, when it is over the contract's 8 MiB.
 */
export function ingestBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
  readRawBody(req, res, (error?: unknown) => {
    if (!error) return next();
    const status = (error as { status?: number }).status ?? 400;
    const message =
      status === 413
        ? `a request may carry at most ${MAX_REQUEST_BYTES} bytes`
        : `the body could not be read: ${(error as Error).message}`;
    res.status(status).json({ statusCode: status, message });
  });
}
