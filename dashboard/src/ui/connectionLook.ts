import type { MessageKey } from '../i18n/messages';
import type { ConnectionState } from '../live/scopeState';
import { theme } from './theme';

/** How each connection state looks and reads, in the header and in the screen-wide banner. */
export const connectionLook: Record<
  ConnectionState,
  { color: string; label: MessageKey; banner: MessageKey | null }
> = {
  connecting: { color: theme.color.warning, label: 'connection.connecting', banner: null },
  live: { color: theme.color.live, label: 'connection.live', banner: null },
  resyncing: { color: theme.color.warning, label: 'connection.resyncing', banner: 'banner.resyncing' },
  reconnecting: {
    color: theme.color.warning,
    label: 'connection.reconnecting',
    banner: 'banner.reconnecting',
  },
  stale: { color: theme.color.critical, label: 'connection.stale', banner: 'banner.stale' },
};
