/**
 * Whether this browser has been a wall. A wall must never show a sign-in screen: once revoked or
 * logged out, it offers to be paired again instead. Kept in localStorage, nothing secret.
 */
const KEY = 'ioc.wasDisplay';

export function rememberDisplay(isDisplay: boolean): void {
  if (isDisplay) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}

export function wasDisplay(): boolean {
  return localStorage.getItem(KEY) === '1';
}
