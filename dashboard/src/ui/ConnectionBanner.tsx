import { useNow } from '../clock/useNow';
import { describeElapsed, readVietnamClock } from '../format/vietnamTime';
import { useI18n } from '../i18n/I18nContext';
import type { ConnectionState } from '../live/scopeState';
import styles from './ConnectionBanner.module.css';
import { connectionLook } from './connectionLook';

export interface ConnectionBannerProps {
  connection: ConnectionState;
  /** When the last figures arrived; null before any did. */
  lastMessageAt: number | null;
}

const ELAPSED_TICK_MS = 1000;

/** Across the whole screen whenever the figures shown are not live: never stale without saying so. */
export function ConnectionBanner({ connection, lastMessageAt }: ConnectionBannerProps) {
  const look = connectionLook[connection];
  if (look.banner === null || lastMessageAt === null) return null;
  return <Banner connection={connection} lastMessageAt={lastMessageAt} />;
}

/** Shown only while the figures are not live: only then does it tick. */
function Banner({ connection, lastMessageAt }: { connection: ConnectionState; lastMessageAt: number }) {
  const { t } = useI18n();
  const now = useNow(ELAPSED_TICK_MS);
  const look = connectionLook[connection];
  if (look.banner === null) return null;
  const time = readVietnamClock(lastMessageAt).time.slice(0, 5);
  const elapsed = describeElapsed(now - lastMessageAt);
  return (
    <div
      className={styles.banner}
      style={{ background: look.color }}
      role="alert"
      data-testid="connection-banner"
    >
      <span className={styles.headline}>{t(look.banner, { time })}</span>
      <span className={styles.detail}>
        {t('banner.elapsed', { elapsed: t(elapsed.key, elapsed.params) })}
      </span>
    </div>
  );
}
