import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { createTestDatabase, type TestDatabase } from '@ioc/server/dist/testing/test-database';
import { runSimulator } from '@ioc/server/dist/simulator/simulator';
import { launchChromium } from '../support/chromium';
import {
  cutUnits,
  figureOf,
  newWallPage,
  scrollbars,
  tickerOverlaps,
  untilFigure,
  WALL_SIZES,
} from '../support/wall';

const ROOT = join(__dirname, '../..');
const RESULTS = join(ROOT, 'test-results');
/** The README's picture of the wall: made here, from the seeded simulation, so it stays true. */
const README_SCREENSHOT = join(ROOT, 'docs/screenshots/wall-1920x1080.png');

/**
 * The wall as a leader sees it, in Chromium at 1920×1080 and 3840×2160, over two days of a seeded
 * simulation of all 124 units: every panel, the map, the ranking, a unit, live changes, kiosk and
 * rotation, and the connection banner when the server goes away and comes back.
 */
jest.setTimeout(5 * 60_000);
describe('the operations wall in Chromium', () => {
  let database: TestDatabase;
  let t: TestServer;
  let browser: Browser;
  /** What Chromium refused under the server's content security policy, and page errors. */
  const problems: string[] = [];
  const kpiFontPx: number[] = [];

  /** A paired wall, configured to show citizens' comments unless told otherwise. */
  const openPage = async (
    size: { width: number; height: number },
    path = '/',
    showComments = true,
  ): Promise<Page> => {
    const page = await newWallPage(browser, t, { viewport: size }, { showComments });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${t.url}${path}`);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    database = await createTestDatabase();
    t = await startTestServer({}, { database });
    // A week of the 124 units, always the same (seed), as `npm start` makes thirty.
    const history = await runSimulator(
      { url: t.url, key: t.key, seed: 11, backfillMs: 7 * 86_400_000, durationMs: 0 },
      undefined,
      { log: () => undefined },
    );
    expect(history.rejected).toBe(0);
    // What the simulation may not have made, depending on the day and hour the test runs (a weekend
    // has no office hours): a dossier whose deadline passed an hour ago (open), one resolved half an
    // hour after its deadline, and a poor rating with its words.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const late = await t.post([
      aReceivedEvent('24781', {
        id: 'wall-turned-recv',
        at: hoursAgo(30),
        dossier: { code: 'WALL-TURNED', dueAt: hoursAgo(1) },
      }),
      aReceivedEvent('22918', {
        id: 'wall-late-recv',
        at: hoursAgo(30),
        dossier: { code: 'WALL-LATE', dueAt: hoursAgo(3) },
      }),
      {
        id: 'wall-late-resolved',
        unit: '22918',
        type: 'dossier.resolved',
        at: hoursAgo(2.5),
        dossier: { code: 'WALL-LATE' },
      },
      {
        id: 'wall-poor-rating',
        unit: '24781',
        type: 'feedback.submitted',
        at: hoursAgo(1),
        rating: 2,
        source: 'zalo',
        comment: 'Hẹn trả nhưng chưa có kết quả',
      },
    ]);
    expect(late.body).toMatchObject({ accepted: 4, rejected: [] });
    // The backlog samples a server running all week would have taken (it samples every 5 minutes
    // from the moment it runs; this one just started): counted from the dossiers as they stood
    // every 3 hours, and at the same time yesterday and a week ago. Pauses are not replayed.
    await t.dataSource.query(
      `WITH slots AS (
         SELECT generate_series(date_trunc('hour', now()) - interval '7 days', now() - interval '1 hour', interval '3 hours') AS slot
         UNION SELECT to_timestamp(floor(extract(epoch FROM now() - d) / 300) * 300)
         FROM unnest(ARRAY[interval '1 day', interval '7 days']) AS d)
       INSERT INTO unit_backlog_samples (at, unit_code, backlog, overdue, paused)
       SELECT s.slot, u.code, count(d.code)::int, (count(d.code) FILTER (WHERE d.due_at <= s.slot))::int, 0
       FROM slots s CROSS JOIN units u
       LEFT JOIN dossiers d ON d.unit_code = u.code AND d.received_at <= s.slot
         AND coalesce(d.resolved_at, d.closed_at, 'infinity') > s.slot
       GROUP BY s.slot, u.code
       ON CONFLICT DO NOTHING`,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await database?.drop();
  });

  describe.each(WALL_SIZES)('at $width×$height', (size) => {
    let page: Page;
    beforeAll(async () => {
      page = await openPage(size);
      await page.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });
    });
    afterAll(() => page?.close());

    it('shows every panel with data, all 124 units whole, no scrollbar, figures sized by the screen', async () => {
      for (const panel of ['unit-grid', 'late-dossiers', 'feedback', 'trends']) {
        await page.locator(`[data-testid="${panel}"][data-state="ready"]`).waitFor({ timeout: 20_000 });
      }
      await page.locator('[data-testid="backlog-trend"] canvas').waitFor();
      await page.locator('[data-testid="daily-flow"] canvas').waitFor();
      expect(Number(await page.locator('[data-testid="daily-flow"]').getAttribute('data-days'))).toBe(30);
      expect(
        await page.locator('[data-testid="turned-overdue"] li, [data-testid="resolved-late"] li').count(),
      ).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="feedback-low-ratings"] li').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="worst-units"] a').count()).toBeGreaterThan(0);
      // The province's open dossiers, as the database counts them.
      const [{ open }] = await t.dataSource.query(
        `SELECT count(*)::int AS open FROM dossiers WHERE status IN ('received', 'in_process', 'paused')`,
      );
      await untilFigure(page, 'kpi-backlog', open);
      // Compared with the same time yesterday (a sample exists there).
      expect(await page.locator('[data-testid="kpi-backlog-vs-yesterday"]').textContent()).toMatch(/[+−±]\d/);

      const { tiles, cut } = await cutUnits(page);
      expect(tiles).toBe(124);
      expect(cut).toEqual([]);
      expect(await tickerOverlaps(page)).toEqual([]);
      expect(await scrollbars(page)).toEqual([]);
      // Colour carries information: each tile's band is its share of open work overdue, on the
      // fixed scale (< 2 %, 2–5 %, 5–10 %, 10–20 %, ≥ 20 %), read back from the figures it shows.
      const tilesShown = await page.locator('[data-unit-code]').evaluateAll((all) =>
        all.map((tile) => ({
          band: tile.getAttribute('data-band'),
          backlog: Number(
            (tile.querySelector('[data-testid^="unit-backlog-"]')?.textContent ?? '').replace(/\D/g, ''),
          ),
          overdue: Number(
            (tile.querySelector('[data-testid^="unit-overdue-"]')?.textContent ?? '0').replace(/\D/g, ''),
          ),
          noData: tile.getAttribute('data-state') === 'no-data',
        })),
      );
      const bandOf = (share: number) => [0.02, 0.05, 0.1, 0.2].filter((edge) => share >= edge).length;
      for (const tile of tilesShown.filter((shown) => !shown.noData)) {
        expect(tile.band).toBe(tile.backlog === 0 ? '' : String(bandOf(tile.overdue / tile.backlog)));
      }
      expect(new Set(tilesShown.map((tile) => tile.band)).size).toBeGreaterThan(1);

      const fontPx = await page
        .locator('[data-testid="kpi-backlog"]')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontPx).toBeGreaterThanOrEqual(48 * (size.width / 1920));
      kpiFontPx.push(fontPx);
      if (kpiFontPx.length === 2) expect(kpiFontPx[1]).toBeCloseTo(2 * kpiFontPx[0]!, 0);

      await page.screenshot({
        path:
          size.width === 1920 ? README_SCREENSHOT : join(RESULTS, `wall-${size.width}x${size.height}.png`),
      });
      expect(problems).toEqual([]);
    });

    it('draws the 124 units on the map, outlined by former province, and a click opens the unit', async () => {
      await page.goto(`${t.url}/map`);
      const map = page.locator('[data-testid="unit-map"]');
      await page.locator('[data-testid="unit-map"] svg').waitFor({ timeout: 20_000 });
      expect(await map.getAttribute('data-regions')).toBe('124');
      // Every unit drawn as a filled region (a unit of several islands is one compound path),
      // besides the former provinces' outlines (not filled).
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid="unit-map"] svg path')].filter((path) => {
            const fill = path.getAttribute('fill');
            return fill !== null && fill !== 'none' && fill !== 'transparent';
          }).length === 124,
        null,
        { timeout: 10_000 },
      );
      expect(await page.locator('[data-testid="unit-map"] svg path[fill="none"]').count()).toBeGreaterThan(0);
      expect(await scrollbars(page)).toEqual([]);
      await page.screenshot({ path: join(RESULTS, `map-${size.width}x${size.height}.png`) });
      const box = (await map.boundingBox())!;
      // The middle of the province (the map fills its box) lies inside some unit.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForURL(/\/units\/\d{5}$/, { timeout: 10_000 });
      await page.locator('[data-testid="unit-screen"] [data-testid="unit-kpi-backlog"]').waitFor();
      expect(await scrollbars(page)).toEqual([]);
      await page.screenshot({ path: join(RESULTS, `unit-${size.width}x${size.height}.png`) });
    });

    it('reaches all 124 units on the ranking pages, with a dash where there is nothing to score', async () => {
      const codes = new Set<string>();
      await page.goto(`${t.url}/ranking`);
      await page.locator('[data-testid="ranking-units"] tbody tr').first().waitFor({ timeout: 30_000 });
      const pages = await page.locator('[data-testid^="ranking-page-"]').count();
      expect(pages).toBe(3);
      for (let pageNumber = 1; pageNumber <= pages; pageNumber++) {
        await page.goto(`${t.url}/ranking?page=${pageNumber}`);
        await page.locator('[data-testid="ranking-units"] tbody tr').first().waitFor({ timeout: 30_000 });
        const rows = await page.locator('[data-testid="ranking-units"] tbody tr').evaluateAll((all) =>
          all.map((row) => ({
            code: (row.getAttribute('data-testid') ?? '').replace('ranking-', ''),
            cells: [...row.querySelectorAll('td')].map((td) => td.textContent ?? ''),
          })),
        );
        for (const row of rows) {
          codes.add(row.code);
          // No dossier in the period: no score, never "0,0".
          if (row.cells[2]?.includes('chưa có hồ sơ'))
            expect(row.cells.slice(3, 10)).toEqual(['—', '—', '—', '—', '—', '—', '—']);
        }
        expect(await scrollbars(page)).toEqual([]);
        if (pageNumber === 1)
          await page.screenshot({ path: join(RESULTS, `ranking-${size.width}x${size.height}.png`) });
      }
      expect(codes.size).toBe(124);
    });
  });

  describe('live, at 1920×1080', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openPage(WALL_SIZES[0]);
      await page.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });
    });
    afterAll(() => page?.close());

    it('moves the unit and the province when a center receives a dossier', async () => {
      await untilFigure(page, 'kpi-backlog', await figureOf(page, 'kpi-backlog'));
      const unitBefore = await figureOf(page, 'unit-backlog-24781');
      const provinceBefore = await figureOf(page, 'kpi-backlog');
      const receivedBefore = await figureOf(page, 'kpi-receivedToday');
      const { body } = await t.post([
        aReceivedEvent('24781', { at: new Date(Date.now() - 60_000).toISOString() }),
      ]);
      expect(body.accepted).toBe(1);
      await untilFigure(page, 'unit-backlog-24781', unitBefore + 1);
      await untilFigure(page, 'kpi-backlog', provinceBefore + 1);
      await untilFigure(page, 'kpi-receivedToday', receivedBefore + 1);
    });

    it('shows a poor rating in the feedback panel, with its words, as soon as it is posted', async () => {
      const comment = `Chờ quá lâu, không ai hướng dẫn (${Date.now()})`;
      const { body } = await t.post([
        {
          id: `wall-low-${Date.now()}`,
          unit: '22918',
          type: 'feedback.submitted',
          at: new Date().toISOString(),
          rating: 1,
          source: 'kiosk',
          comment,
        },
      ]);
      expect(body.accepted).toBe(1);
      const item = page.locator('[data-testid="feedback-low-ratings"] li', { hasText: comment });
      await item.waitFor({ timeout: 15_000 });
      expect(await item.textContent()).toContain('Mũi Né');
      // A wall not configured for citizens' words shows the rating, and says its words are withheld.
      const discreet = await openPage(WALL_SIZES[0], '/', false);
      const withheld = discreet.locator('[data-testid="feedback-low-ratings"] li').first();
      await withheld.waitFor({ timeout: 15_000 });
      expect(await withheld.textContent()).toContain('ý kiến không hiển thị trên màn hình này');
      expect(await discreet.locator('[data-testid="feedback"]').textContent()).not.toContain(comment);
      await discreet.close();
    });

    it('puts an alert in words above everything when a rule kept as data is met, and takes it down after', async () => {
      // The province's rule, edited without a deploy: one anomaly in an hour is a storm.
      const rule = await t.admin('PUT', '/api/v1/admin/alert-rules/anomaly-storm', {
        kind: 'anomaly-storm',
        severity: 'warning',
        params: { windowMinutes: 60, minAnomalies: 1 },
      });
      expect(rule.status).toBe(200);
      // A result for a dossier the center never received: an anomaly of unit 22918.
      const { body } = await t.post([
        {
          id: `wall-anomaly-${Date.now()}`,
          unit: '22918',
          type: 'dossier.resolved',
          at: new Date().toISOString(),
          dossier: { code: 'NEVER-RECEIVED' },
        },
      ]);
      expect(body.accepted).toBe(1);
      const banner = page.locator('[data-testid="alert-banner"]', { hasText: 'sự kiện bất thường' });
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.textContent()).toContain('Mũi Né');
      // The banner takes its height from the panels: every unit and every late dossier shown is
      // still whole beneath it.
      expect((await cutUnits(page)).cut).toEqual([]);
      expect(await tickerOverlaps(page)).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'wall-alert.png') });
      expect((await t.admin('DELETE', '/api/v1/admin/alert-rules/anomaly-storm')).status).toBe(204);
      await page
        .locator('[data-testid="alert-banner"]', { hasText: 'sự kiện bất thường' })
        .waitFor({ state: 'detached', timeout: 20_000 });
    });

    it('hides every control in kiosk mode and rotates through the screens', async () => {
      const kiosk = await openPage(WALL_SIZES[0], '/?kiosk=1&rotate=5');
      await kiosk.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });
      expect(
        await kiosk
          .locator('button, select, input, [data-testid="screen-nav"], [data-testid="ranking-controls"]')
          .count(),
      ).toBe(0);
      await kiosk.waitForURL(/\/map\?kiosk=1&rotate=5$/, { timeout: 10_000 });
      await kiosk.waitForURL(/\/map\?area=lam-dong&kiosk=1&rotate=5$/, { timeout: 10_000 });
      expect(await kiosk.locator('button, select, input, [data-testid="map-figures"]').count()).toBe(0);
      await kiosk.close();
    });

    it('says within 5 s that the connection is lost, greys the figures, and recovers when the server is back', async () => {
      const port = new URL(t.url).port;
      await t.close();
      const lostAt = Date.now();
      await page
        .locator('[data-testid="connection-banner"]', { hasText: 'Mất kết nối — số liệu lúc' })
        .waitFor({ timeout: 5_000 });
      expect(Date.now() - lostAt).toBeLessThan(5_000);
      expect(await page.locator('[data-live="false"]').count()).toBe(1);
      await page.screenshot({ path: join(RESULTS, 'wall-disconnected.png') });

      t = await startTestServer({ PORT: port }, { database });
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid="connection-banner"]').count()).toBe(0);
      expect(await page.locator('[data-live="true"]').count()).toBe(1);
      expect(problems).toEqual([]);
    });
  });
});
