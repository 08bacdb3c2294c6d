import { useI18n } from '../i18n/I18nContext';
import { useDisplay } from '../router/useAppLocation';
import styles from './StatusView.module.css';

/** A whole screen that has nothing to show yet, or could not get what it needs. */
export function StatusView({
  headline,
  detail,
  error = false,
  onRetry,
  testId,
}: {
  headline: string;
  detail?: string;
  error?: boolean;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const { kiosk } = useDisplay();
  return (
    <div className={styles.centre} role={error ? 'alert' : 'status'} data-testid={testId}>
      <p className={`${styles.headline} ${error ? styles.error : ''}`}>{headline}</p>
      {detail !== undefined && <p className={styles.detail}>{detail}</p>}
      {onRetry && !kiosk && (
        <button type="button" className={styles.retry} onClick={onRetry}>
          {t('panel.retry')}
        </button>
      )}
    </div>
  );
}
