import { formatDateTime, formatPeriod, reportSnapshotSchema } from '@ioc/shared';
import { useState } from 'react';
import { useSignedIn } from '../../access/PrincipalContext';
import { errorText, sendJson } from '../../api/sendJson';
import { useResource } from '../../api/useResource';
import { useI18n } from '../../i18n/I18nContext';
import { ReportBody } from '../../panels/meeting-report/ReportBody';
import { useNavigate } from '../../router/useAppLocation';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import styles from './ReportScreen.module.css';

/**
 * A frozen report (`/reports/snapshots/<id>`): the figures as they stood when it was taken,
 * whatever arrived since; its PDF and Excel file show the same numbers; its hash proves it.
 */
export default function SnapshotScreen({ id }: { id: string }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSignedIn();
  const snapshot = useResource(`/api/v1/report-snapshots/${id}`, reportSnapshotSchema);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  if (snapshot.status === 'loading') return <StatusView headline={t('panel.loading')} />;
  if (snapshot.data === null) {
    return (
      <StatusView
        error
        headline={t('report.snapshotNotFound')}
        detail={snapshot.error ?? undefined}
        testId="snapshot-not-found"
      />
    );
  }
  const { data } = snapshot;
  const remove = async () => {
    if (!window.confirm(t('report.deleteConfirm'))) return;
    try {
      await sendJson('DELETE', `/api/v1/report-snapshots/${id}`);
      navigate({ screen: 'report-snapshots' });
    } catch (error) {
      setDeleteError(errorText(error, language, t('access.unreachable')));
    }
  };
  return (
    <main className={styles.screen} data-testid="snapshot-screen">
      <div className={styles.actions}>
        <h2 className={styles.title}>{t('report.title', { period: formatPeriod(data.period, language) })}</h2>
        <a
          className={styles.primary}
          href={`/api/v1/report-snapshots/${id}/report.pdf`}
          download
          data-testid="snapshot-pdf"
        >
          PDF
        </a>
        <a
          className={styles.secondary}
          href={`/api/v1/report-snapshots/${id}/report.xlsx`}
          download
          data-testid="snapshot-xlsx"
        >
          Excel
        </a>
        <RouteLink
          route={{ screen: 'report-present', id, page: 1 }}
          className={styles.secondary}
          testId="snapshot-present"
        >
          {t('report.present')}
        </RouteLink>
        <RouteLink route={{ screen: 'report-snapshots' }} className={styles.secondary}>
          {t('report.snapshots')}
        </RouteLink>
        {principal.kind === 'user' && principal.role === 'admin' && (
          <button type="button" className={styles.secondary} onClick={() => void remove()}>
            {t('report.delete')}
          </button>
        )}
        {deleteError && <span className={styles.error}>{deleteError}</span>}
      </div>
      <p className={styles.stamp} data-testid="snapshot-stamp">
        {t('report.frozen', { at: formatDateTime(data.takenAt), by: data.takenBy.name ?? '—' })}{' '}
        <span className={styles.hash}>SHA-256 {data.contentHash}</span>
      </p>
      <ReportBody report={data.report} view={data.view} />
    </main>
  );
}
