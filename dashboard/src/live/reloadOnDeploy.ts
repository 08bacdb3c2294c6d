/** A wall reloads at most this often, so a mismatch that a reload cannot fix never loops. */
export const RELOAD_AT_MOST_EVERY_MS = 60_000;

/**
 * Whether an open wall must reload to pick up a new build: the server announces the build it
 * serves, and this page was built as another one. A server without a dashboard build announces
 * a plain version (no `+build`), which says nothing about the page.
 */
export function mustReload(
  announced: string | null,
  pageBuild: string,
  lastReloadAt: number | null,
  now: number,
): boolean {
  if (announced === null || !announced.includes('+') || announced === pageBuild) return false;
  return lastReloadAt === null || now - lastReloadAt >= RELOAD_AT_MOST_EVERY_MS;
}

const LAST_RELOAD_KEY = 'ioc.lastReloadAt';

/** After a deploy the server announces a new build: load it, at most once a minute. */
export function reloadIfRedeployed(announced: string): void {
  const last = Number(sessionStorage.getItem(LAST_RELOAD_KEY)) || null;
  if (!mustReload(announced, __IOC_BUILD_ID__, last, Date.now())) return;
  sessionStorage.setItem(LAST_RELOAD_KEY, String(Date.now()));
  window.location.reload();
}
