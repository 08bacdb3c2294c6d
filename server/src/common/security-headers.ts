import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The headers every answer carries (issue 12). One policy fits the wall and `/api/docs`: their
 * scripts are files of this origin; styles may be inline, because the dashboard's page and
 * Swagger UI's carry a `<style>` block and ECharts writes tooltips with style attributes.
 * `connect-src 'self'` covers the socket on the same origin (ws/wss).
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
};

export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: { policy: 'no-referrer' },
      // Only over TLS (below): on plain HTTP the header means nothing, and on a loopback
      // deployment without TLS it would only confuse.
      strictTransportSecurity: false,
    }),
    (request: Request, response: Response, next: NextFunction) => {
      // Behind nginx the TLS ends there; it says so in X-Forwarded-Proto (docker/nginx).
      if (request.secure || request.get('x-forwarded-proto') === 'https') {
        response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      }
      // An answer to a credential (an ingest key, the admin token, a session cookie) is nobody
      // else's: never kept by a browser or a proxy. Key creation answers the key itself.
      if (request.get('authorization') !== undefined || request.get('cookie') !== undefined)
        response.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}
