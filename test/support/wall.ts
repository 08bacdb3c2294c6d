import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/**
 * A page of a paired wall (issue 13): a display is created through the admin API and its URL
 * token traded for the display's session cookie by the page itself, as the wall does at
 * `/?display=<token>`. The cookie is Secure: Chromium keeps it on http://127.0.0.1 (loopback is
 * a secure context), which this also proves at every wall test.
 */
export async function newWallPage(
  browser: Browser,
  server: {
    url: string;
    admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  },
  options: BrowserContextOptions = {},
  display: { showComments?: boolean } = {},
): Promise<Page> {
  const created = await server.admin('POST', '/api/v1/admin/displays', { name: 'e2e wall', ...display });
  if (created.status !== 201) throw new Error(`display not created: ${created.status}`);
  const { token } = created.body as { token: string };
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${server.url}/api/health`);
  const status = await page.evaluate(async (displayToken) => {
    const response = await fetch('/api/v1/displays/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: displayToken }),
    });
    return response.status;
  }, token);
  if (status !== 200) throw new Error(`display session refused: ${status}`);
  const cookies = await context.cookies(server.url);
  if (!cookies.some((cookie) => cookie.name === 'ioc_session' && cookie.secure && cookie.httpOnly))
    throw new Error('Chromium did not keep the Secure display session cookie');
  return page;
}

/** The sizes every wall test runs at: a 1080p wall and a 4K wall. */
export const WALL_SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

export interface CutUnit {
  code: string;
  why: string;
}

/**
 * Every unit tile checked by geometry, not by text: the tile lies inside the window, its name
 * is not clipped (its content fits its box) and wraps on two lines at most, and nothing of the
 * tile overflows it.
 */
export function cutUnits(page: Page): Promise<{ tiles: number; cut: CutUnit[] }> {
  return page.evaluate(() => {
    const cut: { code: string; why: string }[] = [];
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-unit-code]')];
    for (const tile of tiles) {
      const code = tile.dataset.unitCode ?? '?';
      const box = tile.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) cut.push({ code, why: 'not drawn' });
      else if (box.left < 0 || box.top < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5)
        cut.push({ code, why: `outside the window at ${JSON.stringify(box)}` });
      const name = tile.querySelector<HTMLElement>('[data-testid^="unit-name-"]');
      const lines = name
        ? Math.round(name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight))
        : 0;
      if (!name) cut.push({ code, why: 'no name' });
      // Two lines at most: a third fits only while the grid has all its height.
      else if (lines > 2) cut.push({ code, why: `name "${name.textContent}" on ${lines} lines` });
      else if (name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1)
        cut.push({
          code,
          why: `name "${name.textContent}" clipped (${name.scrollWidth}×${name.scrollHeight} in ${name.clientWidth}×${name.clientHeight})`,
        });
      if (tile.scrollHeight > tile.clientHeight + 1 || tile.scrollWidth > tile.clientWidth + 1)
        cut.push({
          code,
          why: `content overflows the tile (${tile.scrollWidth}×${tile.scrollHeight} in ${tile.clientWidth}×${tile.clientHeight})`,
        });
    }
    return { tiles: tiles.length, cut };
  });
}

/** Whether the page scrolls, in either direction, anywhere: a wall has no scrollbars. */
export function scrollbars(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight)
      found.push(`page ${root.scrollWidth}×${root.scrollHeight} in ${innerWidth}×${innerHeight}`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(element);
      const scrolls = /(auto|scroll)/.test(style.overflowX + style.overflowY);
      if (
        scrolls &&
        (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
      )
        found.push(`${element.tagName.toLowerCase()}.${element.className} scrolls`);
    }
    return found;
  });
}

/** The number an element shows, read the Vietnamese way ("1.234" is 1234). */
export async function figureOf(page: Page, testId: string): Promise<number> {
  const text = (await page.locator(`[data-testid="${testId}"]`).first().textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

/** Waits until an element shows `expected`. */
export async function untilFigure(
  page: Page,
  testId: string,
  expected: number,
  timeout = 15_000,
): Promise<void> {
  await page.waitForFunction(
    ([selector, value]) =>
      Number((document.querySelector(selector)?.textContent ?? '').replace(/[^\d]/g, '')) === value,
    [`[data-testid="${testId}"]`, expected] as const,
    { timeout },
  );
}

/**
 * The late-dossier tickers within their space: each list ends above the units with the most
 * overdue work, and an item shows whole or not at all (one that does not fit wraps out of sight).
 */
export function tickerOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const worst = document.querySelector('[data-testid="worst-units"]')?.getBoundingClientRect();
    for (const testId of ['turned-overdue', 'resolved-late']) {
      const list = document.querySelector(`[data-testid="${testId}"]`);
      if (!list) continue;
      const box = list.getBoundingClientRect();
      if (worst && box.bottom > worst.top + 0.5)
        problems.push(`${testId} ends at ${box.bottom}, below the top of the worst units (${worst.top})`);
      for (const item of list.querySelectorAll('li')) {
        const r = item.getBoundingClientRect();
        if (r.left < box.right && r.bottom > box.bottom + 0.5)
          problems.push(`${testId}: "${item.textContent}" cut at ${box.bottom} (ends at ${r.bottom})`);
      }
    }
    return problems;
  });
}
