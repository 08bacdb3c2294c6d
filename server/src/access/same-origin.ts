import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a browser made this request for a page of another site: `Sec-Fetch-Site` other than
 * `same-origin` or `none` (typed in the address bar), or an `Origin` that is neither this
 * server's (as the browser reached it: Host) nor one of IOC_ALLOWED_ORIGINS. A request without
 * either header is not a browser's (or an old one's same-origin request) and passes.
 * `same-site` is refused too: a sibling subdomain is another application.
 */
export function isCrossSite(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return true; // `null` (a sandboxed frame, a file) or garbage
    }
    if (allowedOrigins.includes(url.origin)) return false;
    if (url.host !== headers.host) return true;
  }
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
