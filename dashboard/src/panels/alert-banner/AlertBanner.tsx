import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { useLiveScope } from '../../live/useLive';
import { useUnitDirectory } from '../../units/UnitsContext';
import styles from './AlertBanner.module.css';
import { prepareAlerts } from './prepareAlerts';

/** What needs a leader now, in words, above everything else; nothing at all when all is well. */
export function AlertBanner() {
  const { t } = useI18n();
  const { byCode } = useUnitDirectory();
  const { update } = useLiveScope('alerts');
  const view = useMemo(
    () => prepareAlerts(update?.alerts ?? [], byCode, (count) => t('alert.andMore', { count })),
    [update, byCode, t],
  );
  if (view.lines.length === 0) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="alert-banner">
      {view.lines.map((line) => (
        <div
          key={line.key}
          className={`${styles.line} ${styles[line.severity]}`}
          data-severity={line.severity}
        >
          <span className={styles.tag}>
            {t(line.severity === 'critical' ? 'alert.critical' : 'alert.warning')}
          </span>
          <span>{t(line.message.key, line.message.params)}</span>
        </div>
      ))}
      {view.more > 0 && <div className={styles.more}>{t('alert.more', { count: view.more })}</div>}
    </div>
  );
}
