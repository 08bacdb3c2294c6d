import type { CSSProperties } from 'react';
import { describeElapsed, readVietnamClock } from '../format/vietnamTime';
import { useI18n } from '../i18n/I18nContext';
import type { ConnectionState } from '../live/liveState';
import { theme } from '../theme';
import { connectionLook } from './connectionLook';

const banner = (color: string): CSSProperties => ({
  display: 'flex',
  alignItems: 'baseline',
  justifyContent: 'center',
  flexWrap: 'wrap',
  gap: `${theme.space.sm}px ${theme.space.xl}px`,
  padding: `${theme.space.md}px ${theme.space.xl}px`,
  background: color,
  color: theme.color.onAlert,
});
const headline: CSSProperties = { fontSize: theme.fontSize.banner, fontWeight: theme.font.weightBold };
const detail: CSSProperties = { fontSize: theme.fontSize.bannerDetail };

export interface ConnectionBannerProps {
  connection: ConnectionState;
  lastMessageAt: number | null;
  now: number;
}

/** Across the whole wall whenever the figures shown are not live: never stale without saying so. */
export function ConnectionBanner({ connection, lastMessageAt, now }: ConnectionBannerProps) {
  const { t } = useI18n();
  const look = connectionLook[connection];
  if (look.banner === null) return null;
  const elapsed = lastMessageAt === null ? null : describeElapsed(now - lastMessageAt);
  return (
    <div style={banner(look.color)} role="alert" data-testid="connection-banner">
      <span style={headline}>{t(look.banner)}</span>
      {lastMessageAt !== null && elapsed !== null && (
        <span style={detail}>
          {t('banner.lastMessage', {
            time: readVietnamClock(lastMessageAt).time,
            elapsed: t(elapsed.key, elapsed.params),
          })}
        </span>
      )}
    </div>
  );
}
