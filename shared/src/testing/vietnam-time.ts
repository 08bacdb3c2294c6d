/** `vn('2026-11-23 10:00')`: an instant written as a civil servant reads it, in Vietnam time. */
export function vn(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}:00+07:00`);
}

/** The inverse of `vn`, for readable assertions. */
export function showVn(instantMs: number): string {
  return new Date(instantMs + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
