import type { DisplaySummary } from '@ioc/shared';
import { formatAgo } from '../../../format/relativeTime';
import { formatVietnamDateTime } from '../../../format/vietnamTime';
import type { Translate } from '../../../i18n/messages';

/**
 * A wall with its live connection open is seen at least every 15 s (the server checks its
 * sockets' sessions that often); two minutes without contact means it is off or cut off.
 */
export const ONLINE_WITHIN_MS = 2 * 60_000;

export type DisplayState = 'online' | 'offline' | 'never' | 'revoked';

export function displayState(display: DisplaySummary, now: number): DisplayState {
  if (display.revokedAt !== null) return 'revoked';
  if (display.lastSeenAt === null) return 'never';
  return now - Date.parse(display.lastSeenAt) <= ONLINE_WITHIN_MS ? 'online' : 'offline';
}

export interface DisplayRow {
  id: string;
  name: string;
  pairedBy: string;
  /** "5 phút trước", or "chưa có". */
  lastSeen: string;
  /** The exact time, for a tooltip; null: never seen. */
  lastSeenExact: string | null;
  state: DisplayState;
  stateText: string;
  showComments: boolean;
  /** A token-paired display still in use may get a new link. */
  canReplaceToken: boolean;
  canRevoke: boolean;
}

export interface DisplaysView {
  rows: DisplayRow[];
  active: number;
  revoked: number;
}

/** The displays as the table shows them, in the server's order (active first, by name). */
export function prepareDisplays(
  displays: readonly DisplaySummary[],
  now: number,
  t: Translate,
): DisplaysView {
  const rows = displays.map((display): DisplayRow => {
    const state = displayState(display, now);
    const seen = display.lastSeenAt === null ? null : Date.parse(display.lastSeenAt);
    const revoked = display.revokedAt !== null;
    return {
      id: display.id,
      name: display.name,
      pairedBy: t(`displays.pairedBy.${display.pairing}`),
      lastSeen: seen === null ? t('displays.never') : formatAgo(seen, now, t),
      lastSeenExact: seen === null ? null : formatVietnamDateTime(seen, { seconds: true }),
      state,
      stateText:
        state === 'revoked'
          ? t('displays.state.revoked', { time: formatVietnamDateTime(Date.parse(display.revokedAt!)) })
          : t(`displays.state.${state}`),
      showComments: display.showComments,
      canReplaceToken: !revoked && display.pairing === 'token',
      canRevoke: !revoked,
    };
  });
  const revoked = rows.filter((row) => row.state === 'revoked').length;
  return { rows, active: rows.length - revoked, revoked };
}
