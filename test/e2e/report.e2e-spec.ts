import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  formatInteger,
  formatPoints,
  formatShare,
  liveReportSchema,
  NO_FIGURE,
  reportSnapshotSchema,
  unitsSchema,
  type LiveReport,
} from '@ioc/shared';
import { pdfLines } from '@ioc/server/dist/testing/pdf-lines';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { launchChromium, signIn } from '../support/chromium';

const RESULTS = join(__dirname, '../../test-results');
const SCREENSHOTS = join(__dirname, '../../docs/screenshots');
const MINUTE = 60_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The columns of a unit's row on the screen, in the order the PDF's units table prints them. */
const PDF_ORDER = [
  'received',
  'resolved',
  'onTimeShare',
  'overdueAtEnd',
  'medianWorkingTime',
  'onlineShare',
  null, // the count of ratings: the PDF prints it, the screen leaves it to the average
  'satisfactionAverage',
  'poorRatingShare',
  'overdueNow',
  'index',
] as const;

interface ScreenRow {
  code: string;
  cells: Record<string, string>;
}

/** The units table as the reader sees it: each row's code and each figure's text (its change left out). */
function unitRows(page: Page): Promise<ScreenRow[]> {
  return page.$$eval('[data-testid=report-units] tbody tr', (rows) =>
    rows.map((row) => ({
      code: (row as HTMLElement).dataset.row ?? '',
      cells: Object.fromEntries(
        [...row.querySelectorAll<HTMLElement>('td[data-column]')].map((cell) => [
          cell.dataset.column ?? '',
          cell.firstChild?.textContent ?? '',
        ]),
      ),
    })),
  );
}

/**
 * A leader preparing the Party committee meeting, in Chromium at 1920×1080: the month's report as
 * the API computes it, frozen with "Chốt số liệu" (later events move the live report, never the
 * snapshot), the snapshot's PDF and spreadsheet carrying the very figures the screen shows, the
 * projector's pages turned with the arrows (and still turning once the network is gone), and
 * from a unit to the dossiers that cost it points.
 */
describe('the meeting report in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let unitA: string;
  let month: string;
  let snapshotId: string;
  const codes = ['RP-1', 'RP-2', 'RP-3'];

  const liveReport = async (): Promise<LiveReport> => {
    const response = await t.read(`/api/v1/reports?period=month&date=${month}`);
    expect(response.status).toBe(200);
    return liveReportSchema.parse(await response.json());
  };

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await signIn(context, t, 'leader');
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    const units = unitsSchema.parse(await (await t.read('/api/v1/units')).json());
    unitA = units[0]!.code;
    // Received minutes ago, in the Vietnam month the report is asked for (whatever the hour).
    const receivedAt = Date.now() - 3 * MINUTE;
    month = new Date(receivedAt + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);
    const at = new Date(receivedAt).toISOString();
    const posted = await t.post([
      ...codes.map((code) =>
        aReceivedEvent(unitA, { at, dossier: { code, field: 'land', channel: 'direct' } }),
      ),
      aReceivedEvent(units[1]!.code, { at }),
      {
        id: 'rp-1-resolved',
        unit: unitA,
        type: 'dossier.resolved',
        at: new Date(receivedAt + MINUTE).toISOString(),
        dossier: { code: 'RP-1' },
      },
    ]);
    expect(posted.body).toMatchObject({ accepted: 5, rejected: [] });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows every unit’s figures exactly as the report API computes them', async () => {
    await page.goto(`${t.url}/reports?period=month&date=${month}`);
    await page.waitForSelector('[data-testid=report-units] tbody tr');
    const live = await liveReport();
    expect(await page.textContent('[data-testid=report-headline-index]')).toBe(
      formatPoints(live.report.headline.index),
    );
    // Three dossiers in a month rank no unit: the headline says why its lists are empty.
    expect(live.report.headline.best).toEqual([]);
    expect(await page.textContent('[data-testid=report-headline]')).toContain(
      `Chưa đơn vị nào có đủ ${live.report.minDossiers} hồ sơ để xếp hạng`,
    );
    const rows = await unitRows(page);
    expect(rows).toHaveLength(124);
    expect(rows.map((row) => row.code)).toEqual(live.report.units.map((unit) => unit.code));
    for (const [i, unit] of live.report.units.entries()) {
      const { figures, index } = unit.current;
      expect(rows[i]!.cells).toMatchObject({
        received: formatInteger(figures.received),
        resolved: formatInteger(figures.resolved),
        onTimeShare: formatShare(figures.onTimeShare),
        overdueNow: formatInteger(unit.overdueNow),
        index: formatPoints(index?.total ?? null),
      });
    }
    expect(rows.find((row) => row.code === unitA)!.cells).toMatchObject({ received: '3', resolved: '1' });
    // Sorted by what was received, most first: the unit with our three dossiers leads.
    await page.click('[data-testid=report-units] th:nth-child(2) button');
    expect((await unitRows(page))[0]!.code).toBe(unitA);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-1920x1080.png') });
  });

  it('freezes the figures: the snapshot keeps them while the live report moves on', async () => {
    await page.goto(`${t.url}/reports?period=month&date=${month}`);
    await page.click('[data-testid=take-snapshot]');
    await page.waitForURL(/\/reports\/snapshots\/[0-9a-f-]{36}$/);
    snapshotId = /([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const snapshot = reportSnapshotSchema.parse(
      await (await t.read(`/api/v1/report-snapshots/${snapshotId}`)).json(),
    );
    expect(await page.textContent('[data-testid=snapshot-stamp]')).toContain(snapshot.contentHash);

    // A late upload for the same month.
    const late = aReceivedEvent(unitA, {
      at: new Date(Date.now() - 2 * MINUTE).toISOString(),
      dossier: { code: 'RP-LATE', field: 'land' },
    });
    expect((await t.post([late])).body).toMatchObject({ accepted: 1 });
    await page.reload();
    await page.waitForSelector('[data-testid=report-units] tbody tr');
    const frozen = (await unitRows(page)).find((row) => row.code === unitA)!;
    expect(frozen.cells.received).toBe('3');

    await page.goto(`${t.url}/reports?period=month&date=${month}`);
    await page.waitForSelector('[data-testid=report-units] tbody tr');
    expect((await unitRows(page)).find((row) => row.code === unitA)!.cells.received).toBe('4');
  });

  it('gives a PDF and a spreadsheet carrying the figures the snapshot’s screen shows', async () => {
    await page.goto(`${t.url}/reports/snapshots/${snapshotId}`);
    await page.waitForSelector('[data-testid=report-units] tbody tr');
    const rows = await unitRows(page);
    const pdfHref = await page.getAttribute('[data-testid=snapshot-pdf]', 'href');
    const xlsxHref = await page.getAttribute('[data-testid=snapshot-xlsx]', 'href');

    const pdf = await context.request.get(new URL(pdfHref!, t.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const { lines } = await pdfLines(await pdf.body());
    const missing: string[] = [];
    for (const row of rows) {
      const wanted = PDF_ORDER.map((column) => (column === null ? null : row.cells[column]!));
      // The units table's line: rank, name, former province, then the figures in PDF_ORDER.
      const found = lines.some(
        (line) =>
          line[0] === row.cells.rank && wanted.every((cell, i) => cell === null || line[3 + i] === cell),
      );
      if (!found) missing.push(`${row.code}: ${wanted.join(' | ')}`);
    }
    expect(missing).toEqual([]);

    const xlsx = await context.request.get(new URL(xlsxHref!, t.url).toString());
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Đơn vị')!;
    const number = (value: ExcelJS.CellValue) => (value === NO_FIGURE ? null : (value as number));
    rows.forEach((row, i) => {
      const cells = sheet.getRow(3 + i);
      expect({
        rank: formatInteger(number(cells.getCell(1).value)),
        received: formatInteger(number(cells.getCell(4).value)),
        onTimeShare: formatShare(number(cells.getCell(6).value)),
        overdueNow: formatInteger(number(cells.getCell(13).value)),
        index: formatPoints(number(cells.getCell(14).value)),
      }).toEqual({
        rank: row.cells.rank,
        received: row.cells.received,
        onTimeShare: row.cells.onTimeShare,
        overdueNow: row.cells.overdueNow,
        index: row.cells.index,
      });
    });
  });

  it('turns the projector’s pages with the arrows, and keeps turning them offline', async () => {
    await page.goto(`${t.url}/reports/snapshots/${snapshotId}/present`);
    await page.waitForSelector('[data-testid=present-screen][data-kind=cover]');
    const total = Number((await page.textContent('[data-testid=present-page]'))!.split('/')[1]);
    expect(total).toBeGreaterThan(8); // cover, headline, areas, 7 pages of units, …
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=present-screen][data-page="2"][data-kind=headline]');
    expect(page.url()).toContain('page=2');
    const snapshot = reportSnapshotSchema.parse(
      await (await t.read(`/api/v1/report-snapshots/${snapshotId}`)).json(),
    );
    expect(await page.textContent('[data-testid=present-index]')).toBe(
      formatPoints(snapshot.report.headline.index),
    );
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-testid=present-screen][data-page="1"]');
    await page.screenshot({ path: join(RESULTS, 'report-present-cover.png') });

    // The room's network goes: every page is still there, the map too.
    await page.waitForTimeout(1500);
    await context.setOffline(true);
    try {
      await page.keyboard.press('End');
      await page.waitForSelector(`[data-testid=present-screen][data-page="${total}"][data-kind=map]`);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=present-screen] svg path').length >= 124,
      );
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=present-screen][data-kind=on-time] canvas');
      // Before the trend, the index of every scored unit as bars, the last of them on this page.
      const scored = snapshot.report.charts.indexByUnit.filter((unit) => unit.total !== null).length;
      expect(scored).toBeGreaterThan(0);
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=present-screen][data-kind=index] canvas');
      expect(await page.textContent('[data-testid=present-screen] h2')).toMatch(
        new RegExp(`–${scored} trên ${scored} đơn vị có điểm$`),
      );
      await page.screenshot({ path: join(RESULTS, 'report-present-index.png') });
    } finally {
      await context.setOffline(false);
    }
    await page.screenshot({ path: join(RESULTS, 'report-present-on-time.png') });
  });

  it('opens, from the unit, the dossiers that cost it points', async () => {
    await page.goto(`${t.url}/units/${unitA}`);
    await page.click('[data-testid=unit-why-lost]');
    await page.waitForURL(new RegExp(`/units/${unitA}/lost-points\\?period=${month}$`));
    await page.click('[data-testid=indicator-synced]');
    await page.waitForURL(/indicator=synced/);
    await page.waitForSelector('[data-testid=lost-table] tbody tr');
    const listed = await page.$$eval('[data-testid=lost-table] tbody tr', (rows) =>
      rows.map((row) => (row as HTMLElement).dataset.dossier),
    );
    // The one resolved was never synced to the national portal: it alone lost points on "synced".
    expect(listed).toEqual(['RP-1']);
    await page.click(`[data-testid=lost-table] tr[data-dossier="RP-1"] a`);
    await page.waitForURL(new RegExp(`/dossiers/${unitA}/RP-1$`));
    expect(problems).toEqual([]);
  });
});
