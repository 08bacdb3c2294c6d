import type { Browser, CDPSession, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { TEST_ENGINE } from '@ioc/server/dist/testing/test-database';
import { startSteadyLoad, type SteadyLoad } from '@ioc/server/dist/testing/steady-load';
import { launchChromium } from '../support/chromium';
import { newWallPage } from '../support/wall';

/** Events a second: several thousand a minute, whatever the hour. */
const EVENTS_PER_SECOND = 80;
const ROTATE_SECONDS = 5;
/** Cycles of the rotation (8 screens) before the first measurement, and measured after it. */
const WARM_UP_CYCLES = 2;
const MEASURED_CYCLES = 4;

interface Sample {
  at: number;
  heapBytes: number;
  nodes: number;
  listeners: number;
  /** Nodes under `<head>`: the style and preload tags of every lazily loaded screen seen so far. */
  headNodes: number;
}

async function sample(cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const head = await cdp.send('Runtime.evaluate', {
    expression: 'document.head.querySelectorAll("*").length + 1',
    returnByValue: true,
  });
  return {
    at: Date.now(),
    heapBytes: heap.usedSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    headNodes: head.result.value as number,
  };
}

/** The operations screen whole: all 124 tiles, its panels filled and its charts drawn. */
async function screenWhole(page: Page): Promise<void> {
  await page.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });
  for (const ready of ['unit-grid', 'late-dossiers', 'feedback', 'trends']) {
    await page.locator(`[data-testid="${ready}"][data-state="ready"]`).waitFor();
  }
  await page.locator('[data-testid="daily-flow"] canvas').waitFor();
  await page.waitForTimeout(1_000);
}

/** One cycle of the rotation: it leaves the operations screen and comes back to it, whole. */
async function nextOperationsScreen(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname !== '/', { timeout: 30_000 });
  await page.waitForURL((url) => url.pathname === '/', { timeout: 120_000 });
  await screenWhole(page);
}

/**
 * An unattended wall for minutes under a steady stream of events, rotating through every screen
 * (charts created and disposed, scopes followed and left): after warming up, its JS heap and its
 * DOM stay flat. Runs once, on the embedded engine: what it tests is the browser's side.
 */
(TEST_ENGINE === 'embedded' ? describe : describe.skip)('the wall left running for minutes', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let load: SteadyLoad;

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchChromium();
    page = await newWallPage(browser, t, { viewport: { width: 1920, height: 1080 } });
    load = startSteadyLoad({ url: t.url, key: t.key, eventsPerSecond: EVENTS_PER_SECOND, seed: 5 });
  });
  afterAll(async () => {
    await load?.stop();
    await browser?.close();
    await t?.close();
  });

  it(
    'keeps its JS heap within 10 % and holds no more DOM nodes than a wall just opened',
    async () => {
      const cdp = await page.context().newCDPSession(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${t.url}/?kiosk=1&rotate=${ROTATE_SECONDS}`);
      await page.locator('[data-unit-code]').nth(123).waitFor({ timeout: 30_000 });

      const samples: Sample[] = [];
      let cycles = 0;
      while (cycles < WARM_UP_CYCLES + MEASURED_CYCLES) {
        await nextOperationsScreen(page);
        cycles += 1;
        if (cycles >= WARM_UP_CYCLES) samples.push(await sample(cdp));
      }
      const stats = await load.stop();

      // The same data, now still, on the wall left running and on a wall just opened: a leak is
      // whatever the first holds that the second does not. (Each browser context has its own
      // renderer process, so each page's DOM counters are its own.)
      const freshPage = await newWallPage(browser, t, { viewport: { width: 1920, height: 1080 } });
      const freshCdp = await freshPage.context().newCDPSession(freshPage);
      await freshPage.goto(`${t.url}/?kiosk=1`);
      await screenWhole(freshPage);
      await nextOperationsScreen(page);
      const left = await sample(cdp);
      const fresh = await sample(freshCdp);

      const first = samples[0]!;
      const last = samples[samples.length - 1]!;
      const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(
        `soak: ${Math.round((last.at - first.at) / 1000)} s measured, ${stats.accepted} events (${Math.round((stats.sent / stats.seconds) * 60)}/min); ` +
          `heap ${samples.map((s) => mib(s.heapBytes)).join(' → ')} MiB; nodes ${samples.map((s) => s.nodes).join(' → ')}; ` +
          `listeners ${samples.map((s) => s.listeners).join(' → ')}; ` +
          `once still: nodes ${left.nodes} (${left.headNodes} in <head>) left running vs ${fresh.nodes} (${fresh.headNodes}) just opened, ` +
          `listeners ${left.listeners} vs ${fresh.listeners}`,
      );
      expect(stats.failedRequests).toBe(0);
      expect(stats.sent / stats.seconds).toBeGreaterThan(EVENTS_PER_SECOND * 0.9);
      expect(errors).toEqual([]);
      // One sample can catch the screen mid-change (an alert banner shown, a ticker swapping its
      // rows: ±0.5 MiB seen from one cycle to the next), while a leak raises every sample after
      // it: growth is the lower of the last two samples over the higher of the first two.
      const growth = (of: (s: Sample) => number) =>
        Math.min(...samples.slice(-2).map(of)) / Math.max(...samples.slice(0, 2).map(of));
      expect(growth((s) => s.heapBytes)).toBeLessThan(1.1);
      // Nodes are not compared sample to sample: what the screen shows changes with the data
      // (1,193 → 1,297 seen over four cycles, alert lines and comments coming and going). Against
      // a wall just opened on the same data, the one left running holds the same elements:
      // tickers and lists bounded, charts disposed, nothing detached kept alive. Bar <head>: each
      // screen the rotation has loaded left its stylesheet there once (16 nodes seen, all of them
      // the difference), which a wall just opened has not loaded yet.
      const withoutHead = (s: Sample) => s.nodes - s.headNodes;
      expect(withoutHead(left) / withoutHead(fresh)).toBeLessThanOrEqual(1.02);
      // Listeners are reported, not bounded: charts add and drop theirs as they animate, so one
      // sample can catch hundreds more that the next has let go (330 → 600 → 329 seen).
    },
    15 * 60_000,
  );
});
