import { formatDateTime, formatPeriod, snapshotListSchema } from '@ioc/shared';
import { useResource } from '../../api/useResource';
import { useI18n } from '../../i18n/I18nContext';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import styles from './ReportScreen.module.css';

/** The frozen reports, newest first: each its own address, never edited. */
export default function SnapshotsScreen() {
  const { t, language } = useI18n();
  const list = useResource('/api/v1/report-snapshots?limit=200', snapshotListSchema);
  return (
    <main className={styles.screen} data-testid="snapshots-screen">
      <div className={styles.actions}>
        <h2 className={styles.title}>{t('report.snapshots')}</h2>
        <RouteLink route={{ screen: 'report', query: {} }} className={styles.secondary}>
          {t('report.live')}
        </RouteLink>
      </div>
      {list.status === 'loading' ? (
        <StatusView headline={t('panel.loading')} />
      ) : list.data === null ? (
        <StatusView error headline={t('panel.error')} detail={list.error ?? undefined} onRetry={list.retry} />
      ) : list.data.items.length === 0 ? (
        <StatusView headline={t('report.noSnapshots')} testId="snapshots-empty" />
      ) : (
        <table className={styles.list} data-testid="snapshots-table">
          <thead>
            <tr>
              <th>{t('report.period')}</th>
              <th>{t('report.takenAt')}</th>
              <th>{t('report.takenBy')}</th>
              <th>{t('report.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((snapshot) => (
              <tr key={snapshot.id}>
                <td>
                  <RouteLink route={{ screen: 'report-snapshot', id: snapshot.id }}>
                    {formatPeriod(snapshot.period, language)}
                  </RouteLink>
                </td>
                <td>{formatDateTime(snapshot.takenAt)}</td>
                <td>{snapshot.takenBy.name ?? '—'}</td>
                <td className={styles.hash}>{snapshot.contentHash.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
