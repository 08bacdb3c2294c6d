import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { AccessRole } from '@ioc/shared';
import { openTestSession, type TestServer } from '@ioc/server/dist/testing/test-server';

/**
 * Debian's Chromium, headless, with the flags this machine needs: no sandbox as root, and no
 * background calls to the outside (the network is closed; they would be refused, many at a time).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Signs a browser context in as a test person of `role` (or a paired display for `wall`): the
 * session cookie as the sign-in sets it, Secure (loopback is a secure context) and httpOnly.
 */
export async function signIn(context: BrowserContext, t: TestServer, role: AccessRole): Promise<void> {
  const session = await openTestSession(t.server, role);
  await context.addCookies([
    {
      name: 'ioc_session',
      value: session.cookie.slice(session.cookie.indexOf('=') + 1),
      url: t.url,
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
}
