import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AccessException } from './access.exception';
import type { CredentialsService } from './credentials.service';

/**
 * `/api/docs` is served by Swagger's own middleware, outside the controllers' guard: this puts
 * it behind a signed-in person (or the admin token). A wall has no use for it.
 */
export function docsAccess(credentials: CredentialsService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    credentials
      .identify(request.headers)
      .then((credential) => {
        if (credential.principal && credential.principal.kind !== 'display') return next();
        const error = AccessException.signInRequired();
        response.status(error.getStatus()).json(error.getResponse());
      })
      .catch(next);
  };
}
