import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aReceivedEvent, startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { launchChromium, signIn } from '../support/chromium';

const RESULTS = join(__dirname, '../../test-results');
const HOUR = 3_600_000;

/**
 * A leader at a desk, in Chromium at 1366×768: from the province's "Quá hạn" figure to the list of
 * overdue dossiers, to one dossier with its deadline explained and its events in order, and back
 * up the breadcrumb to the unit and its field.
 */
describe('the drill-down in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    t = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await signIn(context, t, 'leader');
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    // Two overdue dossiers of 24781, the older one late the longest; one within its deadline. The
    // deadlines are days back, so that working time has passed since whatever the day and hour.
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
    const posted = await t.post([
      aReceivedEvent('24781', {
        id: 'dd-1',
        at: at(300),
        dossier: { code: 'DD-OLD', field: 'land', dueAt: at(240) },
      }),
      aReceivedEvent('24781', {
        id: 'dd-2',
        at: at(200),
        dossier: { code: 'DD-NEW', field: 'land', dueAt: at(120) },
      }),
      aReceivedEvent('24781', {
        id: 'dd-3',
        at: at(1),
        dossier: { code: 'DD-OK', field: 'land', dueAt: at(-48) },
      }),
      {
        id: 'dd-1-assigned',
        unit: '24781',
        type: 'dossier.assigned',
        at: at(299),
        dossier: { code: 'DD-OLD' },
        department: 'Bộ phận Địa chính',
      },
    ]);
    expect(posted.body).toMatchObject({ accepted: 4, rejected: [] });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('opens the overdue dossiers from the wall figure, the longest overdue first', async () => {
    await page.goto(t.url);
    await page.locator('[data-testid="kpi-overdue-link"]').click();
    await page.waitForURL(/\/dossiers\?status=overdue$/);
    await page.locator('[data-testid="dossiers-table"] tbody tr').first().waitFor({ timeout: 15_000 });
    const codes = await page
      .locator('[data-testid="dossiers-table"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-dossier')));
    expect(codes).toEqual(['24781/DD-OLD', '24781/DD-NEW']);
    expect(await page.locator('[data-testid="dossiers-total"]').textContent()).toBe('2 hồ sơ');
    // The filter lives in the URL: the export links carry it.
    expect(await page.locator('[data-testid="export-xlsx"]').getAttribute('href')).toBe(
      '/api/v1/dossiers/export.xlsx?status=overdue',
    );
    await page.screenshot({ path: join(RESULTS, 'drilldown-list-1366x768.png') });
  });

  it('opens a dossier with its deadline explained in words and its events in order', async () => {
    await page.locator('[data-testid="dossiers-table"] a', { hasText: 'DD-OLD' }).click();
    await page.waitForURL(/\/dossiers\/24781\/DD-OLD$/);
    const sentence = page.locator('[data-testid="deadline-sentence"]');
    await sentence.waitFor({ timeout: 15_000 });
    expect(await sentence.textContent()).toMatch(/quá hạn \d+ (ngày|giờ)/);
    const events = await page
      .locator('[data-testid="dossier-timeline"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')));
    expect(events).toEqual(['dossier.received', 'dossier.assigned']);
    expect(await page.locator('[data-testid="dossier-timeline"]').textContent()).toContain(
      'Bộ phận Địa chính',
    );
    await page.screenshot({ path: join(RESULTS, 'drilldown-dossier-1366x768.png') });
  });

  it('goes back up the breadcrumb to the field of the unit, and the browser back button works', async () => {
    await page.locator('[data-testid="breadcrumb"] a', { hasText: 'Đất đai' }).click();
    await page.waitForURL(/\/dossiers\?unit=24781&field=land$/);
    await page.locator('[data-testid="dossiers-table"] tbody tr').nth(2).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="dossiers-total"]').textContent()).toBe('3 hồ sơ');
    await page.goBack();
    await page.waitForURL(/\/dossiers\/24781\/DD-OLD$/);
    await page.locator('[data-testid="deadline-sentence"]').waitFor();
    expect(problems).toEqual([]);
  });

  it('measures how long a procedure takes against a year before, from the unit to the dossiers counted', async () => {
    // Birth registrations of 24781 resolved within a Tuesday morning's office hours: this
    // November in 1, 1 and 2 working hours, last November in 2 and 2 — the median halved.
    const day = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+07:00`;
    const resolvedIn = (code: string, date: string, hours: number) => [
      aReceivedEvent('24781', {
        id: `${code}-recv`,
        at: day(date, 8),
        dossier: { code, procedure: '1.001193' },
      }),
      {
        id: `${code}-resolved`,
        unit: '24781',
        type: 'dossier.resolved',
        at: day(date, 8 + hours),
        dossier: { code },
      },
    ];
    const posted = await t.post([
      ...resolvedIn('PT-1', '2026-11-10', 1),
      ...resolvedIn('PT-2', '2026-11-10', 1),
      ...resolvedIn('PT-3', '2026-11-10', 2),
      ...resolvedIn('PT-4', '2025-11-11', 2),
      ...resolvedIn('PT-5', '2025-11-11', 2),
    ]);
    expect(posted.body).toMatchObject({ accepted: 10, rejected: [] });

    await page.goto(`${t.url}/units/24781`);
    await page.locator('[data-testid="unit-processing-times"]').click();
    await page.waitForURL(/\/processing-times\?unit=24781$/);
    const period = page.locator('[data-testid="filter-period"]');
    await period.fill('2026-11');
    await period.blur();
    await page.waitForURL(/\/processing-times\?unit=24781&period=2026-11$/);
    const row = page.locator('[data-testid="processing-table"] tr[data-row="1.001193//"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="processing-caption"]').textContent()).toMatch(
      /^Giải quyết trong kỳ: Tháng 11\/2026 · cùng kỳ năm trước: Tháng 11\/2025\./,
    );
    expect(await row.locator('[data-testid="processing-median"]').textContent()).toBe('1 giờ');
    expect(await row.locator('[data-testid="processing-previous-median"]').textContent()).toBe('2 giờ');
    const change = row.locator('[data-testid="processing-median-change"]');
    expect(await change.textContent()).toBe('−50%');
    expect(await change.getAttribute('data-trend')).toBe('faster');
    await page.screenshot({ path: join(RESULTS, 'processing-times-1366x768.png') });

    // The count opens the very dossiers it counts.
    const resolved = row.locator('[data-testid="processing-resolved"]');
    expect(await resolved.textContent()).toBe('3');
    await resolved.click();
    await page.waitForURL(/\/dossiers\?unit=24781&procedure=1\.001193&status=resolved&resolved=2026-11$/);
    await page.locator('[data-testid="dossiers-table"] tbody tr').nth(2).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="dossiers-total"]').textContent()).toBe('3 hồ sơ');
    expect(problems).toEqual([]);
  });

  it('shows a wall no dossier, and no link to one', async () => {
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await signIn(wallContext, t, 'wall');
    const wallPage = await wallContext.newPage();
    await wallPage.goto(t.url);
    await wallPage.locator('[data-testid="kpi-overdue"]').waitFor({ timeout: 15_000 });
    expect(await wallPage.locator('[data-testid="kpi-overdue-link"]').count()).toBe(0);
    await wallPage.goto(`${t.url}/dossiers/24781/DD-OLD`);
    await wallPage.locator('[data-testid="dossiers-not-in-scope"]').waitFor({ timeout: 15_000 });
    await wallContext.close();
  });
});
