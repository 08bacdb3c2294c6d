import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { launchChromium } from '../support/chromium';
import { newWallPage } from '../support/wall';

describe('an open wall after a deploy', () => {
  const deployed = mkdtempSync(join(tmpdir(), 'ioc-deployed-'));
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The same page, served by a server that announces a newer build than the page was built as.
    cpSync(join(__dirname, '../../dashboard/dist'), deployed, { recursive: true });
    writeFileSync(join(deployed, 'build.json'), JSON.stringify({ buildId: '0.1.0+a-newer-deploy' }));
    t = await startTestServer({ IOC_DASHBOARD_DIR: deployed });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(deployed, { recursive: true, force: true });
  });

  it('reloads itself once to pick up the new build, and does not loop', async () => {
    const page = await newWallPage(browser, t);
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(t.url);
    await page.waitForFunction(() => sessionStorage.getItem('ioc.lastReloadAt') !== null, undefined, {
      timeout: 15_000,
    });
    await page.locator('[data-unit-code]').nth(123).waitFor();
    await page.waitForTimeout(6_000); // past a heartbeat: a mismatch it cannot fix must not reload again
    expect(loads).toBe(2);
  });
});
