import { PAIRING_CODE_PATTERN } from '@ioc/shared';
import type { Problem } from '../problem';

/** What a wall left alone should open: no controls, every screen in turn, 30 s each. */
const KIOSK_SUGGESTION = { kiosk: '1', rotate: '30' } as const;

/**
 * The links to open on a wall created with a token: the server's path (`/?display=<token>`) on
 * this app's origin, and the same for an unattended wall (`&kiosk=1&rotate=30`).
 */
export function wallLinks(origin: string, path: string): { url: string; kioskUrl: string } {
  const url = new URL(path, origin);
  const kiosk = new URL(url);
  for (const [name, value] of Object.entries(KIOSK_SUGGESTION)) kiosk.searchParams.set(name, value);
  return { url: url.toString(), kioskUrl: kiosk.toString() };
}

/**
 * A code as typed (`k7qx m3pd`, `K7QXM3PD`, ` k7qx-m3pd `) as the wall shows it: `K7QX-M3PD`.
 * What cannot be a code is given back trimmed and upper-cased, for the check to name.
 */
export function normalisePairingCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]+/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : typed.trim().toUpperCase();
}

export function pairingCodeProblem(typed: string): Problem | null {
  return PAIRING_CODE_PATTERN.test(normalisePairingCode(typed)) ? null : { key: 'form.codeInvalid' };
}

export function displayNameProblem(name: string): Problem | null {
  const trimmed = name.trim();
  if (trimmed === '') return { key: 'form.nameRequired' };
  return trimmed.length > 200 ? { key: 'form.nameTooLong' } : null;
}
