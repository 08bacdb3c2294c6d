import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { theme } from '../theme';

const centre: CSSProperties = {
  flex: 1,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: theme.space.lg,
  padding: theme.space.xl,
  textAlign: 'center',
};
const headline: CSSProperties = {
  margin: 0,
  fontSize: theme.fontSize.statusTitle,
  fontWeight: theme.font.weightBold,
  color: theme.color.text,
};
const errorHeadline: CSSProperties = { ...headline, color: theme.color.overdue };
const detail: CSSProperties = {
  margin: 0,
  fontSize: theme.fontSize.statusDetail,
  color: theme.color.textMuted,
};
const retryButton: CSSProperties = {
  padding: `${theme.space.md}px ${theme.space.xl}px`,
  fontSize: theme.fontSize.statusDetail,
  fontWeight: theme.font.weightBold,
  fontFamily: theme.font.family,
  cursor: 'pointer',
  borderRadius: theme.size.radius,
  border: 'none',
  background: theme.color.accent,
  color: theme.color.onAlert,
};

/** Before the first snapshot: the wall shows nothing rather than zeros that look like real figures. */
export function ConnectingView() {
  const { t } = useI18n();
  return (
    <div style={centre} role="status" data-testid="connecting-view">
      <p style={headline}>{t('status.connecting')}</p>
      <p style={detail}>{t('status.connectingDetail')}</p>
    </div>
  );
}

export function UnitsErrorView({ detail: reason, onRetry }: { detail: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div style={centre} role="alert" data-testid="units-error-view">
      <p style={errorHeadline}>{t('status.unitsError')}</p>
      <p style={detail}>{t('status.unitsErrorDetail', { detail: reason })}</p>
      <button type="button" style={retryButton} onClick={onRetry}>
        {t('status.retry')}
      </button>
    </div>
  );
}
