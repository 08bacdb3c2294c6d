import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { hrefOf, parseLocation, type AppLocation, type Display, type Route } from './routes';

const NAVIGATE_EVENT = 'ioc:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

let cached: { href: string; location: AppLocation } | null = null;

/** The parsed location, the same object while the URL is unchanged (useSyncExternalStore needs that). */
function currentLocation(): AppLocation {
  const href = window.location.pathname + window.location.search;
  if (cached?.href !== href)
    cached = { href, location: parseLocation(window.location.pathname, window.location.search) };
  return cached.location;
}

/** Moves to a URL of the app; `replace` for moves that are not the user's (the kiosk's rotation). */
export function navigateTo(href: string, { replace = false } = {}): void {
  if (href === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useAppLocation(): AppLocation {
  return useSyncExternalStore(subscribe, currentLocation);
}

export const DisplayContext = createContext<Display>({ kiosk: false, rotateSeconds: null, language: 'vi' });

export function useDisplay(): Display {
  return useContext(DisplayContext);
}

/** Navigation to a route, keeping the display settings of the current URL. */
export function useNavigate(): (route: Route, options?: { replace?: boolean }) => void {
  const display = useDisplay();
  return useCallback((route, options) => navigateTo(hrefOf(route, display), options), [display]);
}
