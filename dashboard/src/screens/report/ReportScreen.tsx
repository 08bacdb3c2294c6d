import { formatPeriod, liveReportSchema, REPORT_PERIOD_KINDS, reportSnapshotSchema } from '@ioc/shared';
import { useState } from 'react';
import { useSignedIn } from '../../access/PrincipalContext';
import { useResource } from '../../api/useResource';
import { errorText, sendJson } from '../../api/sendJson';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { ReportBody } from '../../panels/meeting-report/ReportBody';
import { queryStringOf, withParam, type ReportParam, type ReportUrlQuery } from '../../router/routes';
import { useNavigate } from '../../router/useAppLocation';
import { FieldSelect, FormerProvinceSelect } from '../../ui/forms/FilterSelect';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import styles from './ReportScreen.module.css';

type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

const PERIOD_KEYS: Record<ReportPeriodKind, MessageKey> = {
  month: 'report.period.month',
  quarter: 'report.period.quarter',
  ytd: 'report.period.ytd',
  year: 'report.period.year',
  custom: 'report.period.custom',
};

/** How `date` is written for each period (a custom range has `from` and `to` instead). */
const DATE_PLACEHOLDER_KEYS: Record<Exclude<ReportPeriodKind, 'custom'>, MessageKey> = {
  month: 'report.datePlaceholder.month',
  quarter: 'report.datePlaceholder.quarter',
  ytd: 'report.datePlaceholder.ytd',
  year: 'report.datePlaceholder.year',
};

/** Who may freeze a report ("Chốt số liệu"): leaders and administrators; the server decides. */
const SNAPSHOT_ROLES = new Set(['leader', 'admin']);

/**
 * The meeting report, live (`/reports?period=ytd&date=2026-11-30`): any period against the
 * previous one and the same one last year, by former province and field. "Chốt số liệu" freezes
 * it as a snapshot, which the meeting then reads, prints and files.
 */
export default function ReportScreen({ query }: { query: ReportUrlQuery }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSignedIn();
  const search = queryStringOf(query);
  const live = useResource(`/api/v1/reports${search ? `?${search}` : ''}`, liveReportSchema);
  const [freezing, setFreezing] = useState(false);
  const [freezeError, setFreezeError] = useState<string | null>(null);
  // An unknown period in the URL shows as the default; the server answers it with a 400 all the same.
  const period = REPORT_PERIOD_KINDS.find((kind) => kind === query.period) ?? 'month';
  const set = (name: ReportParam, value: string) => {
    const next: ReportUrlQuery = withParam(query, name, value);
    if (name === 'period') {
      delete next.date;
      delete next.from;
      delete next.to;
    }
    navigate({ screen: 'report', query: next }, { replace: true });
  };
  const freeze = async () => {
    setFreezing(true);
    setFreezeError(null);
    try {
      const snapshot = await sendJson('POST', '/api/v1/report-snapshots', { ...query }, reportSnapshotSchema);
      navigate({ screen: 'report-snapshot', id: snapshot.id });
    } catch (error) {
      setFreezeError(errorText(error, language, t('access.unreachable')));
    } finally {
      setFreezing(false);
    }
  };
  const canFreeze = principal.kind === 'user' && SNAPSHOT_ROLES.has(principal.role);

  return (
    <main className={styles.screen} data-testid="report-screen">
      <form
        className={styles.controls}
        onSubmit={(event) => event.preventDefault()}
        aria-label={t('report.choose')}
      >
        <label className={styles.control}>
          {t('report.period')}
          <select
            className={styles.input}
            value={period}
            onChange={(event) => set('period', event.target.value)}
            data-testid="report-period"
          >
            {REPORT_PERIOD_KINDS.map((choice) => (
              <option key={choice} value={choice}>
                {t(PERIOD_KEYS[choice])}
              </option>
            ))}
          </select>
        </label>
        {period === 'custom' ? (
          <>
            <label className={styles.control}>
              {t('report.from')}
              <input
                type="date"
                className={styles.input}
                value={query.from ?? ''}
                onChange={(event) => set('from', event.target.value)}
              />
            </label>
            <label className={styles.control}>
              {t('report.to')}
              <input
                type="date"
                className={styles.input}
                value={query.to ?? ''}
                onChange={(event) => set('to', event.target.value)}
              />
            </label>
          </>
        ) : (
          <label className={styles.control}>
            {t('report.date')}
            <input
              key={`${period}:${query.date ?? ''}`}
              className={styles.input}
              defaultValue={query.date ?? ''}
              placeholder={t(DATE_PLACEHOLDER_KEYS[period])}
              onBlur={(event) => set('date', event.target.value.trim())}
              data-testid="report-date"
            />
          </label>
        )}
        <label className={styles.control}>
          {t('map.area')}
          <FormerProvinceSelect
            className={styles.input}
            value={query.formerProvince ?? ''}
            onChange={(value) => set('formerProvince', value)}
          />
        </label>
        <label className={styles.control}>
          {t('unit.field')}
          <FieldSelect
            className={styles.input}
            value={query.field ?? ''}
            onChange={(value) => set('field', value)}
          />
        </label>
        <RouteLink route={{ screen: 'report-snapshots' }} className={styles.secondary}>
          {t('report.snapshots')}
        </RouteLink>
      </form>
      {live.status === 'loading' ? (
        <StatusView headline={t('panel.loading')} />
      ) : live.data === null ? (
        <StatusView
          error
          headline={t('panel.error')}
          detail={live.error ?? undefined}
          onRetry={live.retry}
          testId="report-error"
        />
      ) : (
        <>
          <div className={styles.actions}>
            <h2 className={styles.title} data-testid="report-title">
              {t('report.title', { period: formatPeriod(live.data.report.period, language) })}
            </h2>
            <span className={styles.subtitle}>
              {t('report.comparedWith', {
                previous: formatPeriod(live.data.report.previousPeriod, language),
                lastYear: formatPeriod(live.data.report.lastYearPeriod, language),
              })}
            </span>
            {canFreeze && (
              <button
                type="button"
                className={styles.primary}
                onClick={() => void freeze()}
                disabled={freezing}
                data-testid="take-snapshot"
              >
                {t('report.freeze')}
              </button>
            )}
            {freezeError && <span className={styles.error}>{freezeError}</span>}
          </div>
          <ReportBody report={live.data.report} view={live.data.view} />
        </>
      )}
    </main>
  );
}
