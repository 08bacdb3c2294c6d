import type { Browser, Page } from 'playwright-core';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { launchChromium } from '../support/chromium';

describe('the operations wall in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  /** What Chromium refused under the server's content security policy. */
  const blocked: string[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const backlogOf = (code: string) =>
    page
      .locator(`[data-testid="unit-backlog-${code}"]`)
      .textContent()
      .then((text) => Number((text ?? '').replace(/\D/g, '')));

  it('shows all 124 units, and a unit backlog goes up when its center receives a dossier', async () => {
    await page.goto(t.url);
    await page.locator('[data-unit-code]').nth(123).waitFor();
    expect(await page.locator('[data-unit-code]').count()).toBe(124);
    // A unit that never sent anything shows "no data", not zero; give it a first dossier.
    await t.post([aReceivedEvent('24781')]);
    await page.locator('[data-testid="unit-backlog-24781"]').waitFor();
    const before = await backlogOf('24781');
    const provinceBefore = Number(
      ((await page.locator('[data-testid="kpi-backlog"]').textContent()) ?? '').replace(/\D/g, ''),
    );

    const { body } = await t.post([aReceivedEvent('24781')]);
    expect(body.accepted).toBe(1);

    await page.waitForFunction(
      ([selector, expected]) =>
        Number((document.querySelector(selector)?.textContent ?? '').replace(/\D/g, '')) === expected,
      ['[data-testid="unit-backlog-24781"]', before + 1] as const,
      { timeout: 10_000 },
    );
    expect(await backlogOf('24781')).toBe(before + 1);
    const provinceAfter = Number(
      ((await page.locator('[data-testid="kpi-backlog"]').textContent()) ?? '').replace(/\D/g, ''),
    );
    expect(provinceAfter).toBe(provinceBefore + 1);
    await page.screenshot({ path: `${__dirname}/../../test-results/wall.png` });
    expect(blocked).toEqual([]);
  });

  it('shows the live ranking on its screen, as the API computes it, and ranks a unit once it has enough dossiers', async () => {
    // 30 dossiers (the default minimum volume) make 22918 the only ranked unit this month.
    const { body } = await t.post(
      Array.from({ length: 30 }, () =>
        aReceivedEvent('22918', { at: new Date(Date.now() - 60_000).toISOString() }),
      ),
    );
    expect(body.accepted).toBe(30);
    await page.click('[data-testid="view-ranking"]');
    const row = page.locator('[data-testid="ranking-22918"]');
    await row.waitFor({ timeout: 15_000 });
    const api = (await (await fetch(`${t.url}/api/v1/rankings`)).json()) as {
      units: { unitCode: string; rank: number | null; total: number }[];
    };
    const unit = api.units.find((u) => u.unitCode === '22918')!;
    expect(unit.rank).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('1');
    expect(cells[3]).toBe(
      unit.total.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    );
    await page.screenshot({ path: `${__dirname}/../../test-results/ranking.png` });
    await page.click('[data-testid="view-operations"]');
    await page.locator('[data-unit-code]').nth(123).waitFor();
  });
});
