import {
  formatDateTime,
  formatInteger,
  formatPeriod,
  formatPoints,
  formatPointsChange,
  formatShare,
  formatWorkingTime,
  reportSnapshotSchema,
  type ReportRow,
} from '@ioc/shared';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useResource } from '../../api/useResource';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import { prepareReportRow } from '../../panels/meeting-report/prepareReport';
import { RankedNames } from '../../panels/meeting-report/RankedNames';
import {
  prepareIndexByUnit,
  prepareIndexChangeMap,
  prepareOnTimeByMonth,
} from '../../panels/meeting-report/reportCharts';
import { useNavigate } from '../../router/useAppLocation';
import { EChart } from '../../ui/charts/EChart';
import { StatusView } from '../../ui/StatusView';
import { useRemPx } from '../../ui/useRemPx';
import { shortUnitName } from '../../units/unitName';
import { presentationPages } from './presentationPages';
import styles from './PresentScreen.module.css';

// Loaded with the presentation, not when its page comes: the room's network may be gone by then.
const mapModule = import('../../panels/unit-map/UnitMap');
const UnitMap = lazy(() => mapModule.then((module) => ({ default: module.UnitMap })));

const AUTHORITY = 'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG';

function RowsTable({ rows }: { rows: readonly ReportRow[] }) {
  const { t, language } = useI18n();
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>{t('report.column.name')}</th>
          <th>{t('report.column.rank')}</th>
          <th>{t('report.column.index')}</th>
          <th>{t('report.vsPrevious')}</th>
          <th>{t('report.column.received')}</th>
          <th>{t('report.column.onTimeShare')}</th>
          <th>{t('report.column.overdueAtEnd')}</th>
          <th>{t('report.column.medianWorkingTime')}</th>
          <th>{t('report.column.satisfactionAverage')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const view = prepareReportRow(row, 'previous', language);
          return (
            <tr key={`${row.scope}:${row.code}`}>
              <td>{row.scope === 'unit' ? shortUnitName(row.name) : row.name}</td>
              <td>{view.cells.rank}</td>
              <td>{view.cells.index}</td>
              <td>{view.change.index}</td>
              <td>{view.cells.received}</td>
              <td>{view.cells.onTimeShare}</td>
              <td>{view.cells.overdueAtEnd}</td>
              <td>{view.cells.medianWorkingTime}</td>
              <td>{view.cells.satisfactionAverage}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A snapshot on the meeting room's projector (`/reports/snapshots/<id>/present?page=3`): one table
 * or chart a page, large type, ← and → (or Page Up/Down, Space) to move. Everything it shows is in
 * the snapshot it loaded once, and the map loads with it: it keeps working if the network goes.
 */
export default function PresentScreen({ id, page }: { id: string; page: number }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const rem = useRemPx();
  const snapshot = useResource(`/api/v1/report-snapshots/${id}`, reportSnapshotSchema);
  const report = snapshot.data?.report ?? null;
  const pages = useMemo(() => (report ? presentationPages(report) : []), [report]);
  const current = Math.min(Math.max(1, page), Math.max(1, pages.length));
  const onTime = useMemo(
    () => (report ? prepareOnTimeByMonth(report.charts, t('report.column.onTimeShare'), rem * 1.5) : null),
    [report, rem, t],
  );
  const changeMap = useMemo(() => (report ? prepareIndexChangeMap(report.charts) : null), [report]);
  const shownPage = pages[current - 1] ?? null;
  const indexBars = useMemo(
    () =>
      report && shownPage?.kind === 'index'
        ? prepareIndexByUnit({ ...report.charts, indexByUnit: shownPage.units }, rem * 1.5)
        : null,
    [report, shownPage, rem],
  );

  useEffect(() => {
    const go = (to: number) => {
      if (to >= 1 && to <= pages.length)
        navigate({ screen: 'report-present', id, page: to }, { replace: true });
    };
    const onKey = (event: KeyboardEvent) => {
      if (['ArrowRight', 'PageDown', ' '].includes(event.key)) go(current + 1);
      else if (['ArrowLeft', 'PageUp'].includes(event.key)) go(current - 1);
      else if (event.key === 'Home') go(1);
      else if (event.key === 'End') go(pages.length);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, pages.length, id, navigate]);

  if (snapshot.status === 'loading') return <StatusView headline={t('panel.loading')} />;
  if (!snapshot.data || !report || !onTime || !changeMap) {
    return <StatusView error headline={t('report.snapshotNotFound')} detail={snapshot.error ?? undefined} />;
  }
  const data = snapshot.data;
  const shown = pages[current - 1]!;
  const { headline } = report;

  return (
    <main className={styles.stage} data-testid="present-screen" data-page={current} data-kind={shown.kind}>
      <section className={styles.page}>
        {shown.kind === 'cover' && (
          <div className={styles.cover}>
            <p className={styles.authority}>{AUTHORITY}</p>
            <h1 className={styles.coverTitle}>
              {t('report.title', { period: formatPeriod(report.period, language) })}
            </h1>
            <p>
              {t('report.comparedWith', {
                previous: formatPeriod(report.previousPeriod, language),
                lastYear: formatPeriod(report.lastYearPeriod, language),
              })}
            </p>
            <p>{t('report.frozen', { at: formatDateTime(data.takenAt), by: data.takenBy.name ?? '—' })}</p>
          </div>
        )}
        {shown.kind === 'headline' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.headline')}</h2>
            <div className={styles.columns}>
              <div>
                <p>{t('report.headlineIndex', { scope: headline.scopeName })}</p>
                <p className={styles.big} data-testid="present-index">
                  {formatPoints(headline.index)}
                </p>
                <p>
                  {t('report.vsPrevious')} {formatPointsChange(headline.indexChange.previous)} ·{' '}
                  {t('report.vsLastYear')} {formatPointsChange(headline.indexChange.lastYear)}
                </p>
                <p>
                  {t('report.column.overdueAtEnd')}: <strong>{formatInteger(headline.overdueAtEnd)}</strong> ·{' '}
                  {t('report.column.onTimeShare')}: <strong>{formatShare(headline.onTimeShare)}</strong>
                </p>
              </div>
              <div>
                <p>{t('report.best')}</p>
                <RankedNames units={headline.best} minDossiers={report.minDossiers} />
                <p>{t('report.worst')}</p>
                <RankedNames units={headline.worst} minDossiers={report.minDossiers} />
              </div>
            </div>
          </>
        )}
        {shown.kind === 'areas' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.areas')}</h2>
            <RowsTable rows={[report.province, ...report.formerProvinces]} />
          </>
        )}
        {shown.kind === 'units' && (
          <>
            <h2 className={styles.pageTitle}>
              {t('report.unitsRange', { first: shown.first, last: shown.last, total: report.units.length })}
            </h2>
            <RowsTable rows={shown.rows} />
          </>
        )}
        {shown.kind === 'movers' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.movers')}</h2>
            <div className={styles.columns}>
              {(['risers', 'fallers'] as const).map((kind) => (
                <div key={kind}>
                  <p>
                    <strong>{t(kind === 'risers' ? 'report.risers' : 'report.fallers')}</strong>
                  </p>
                  {report.movers[kind].map((mover) => (
                    <div key={mover.unitCode}>
                      <strong>{shortUnitName(mover.unitName)}</strong>{' '}
                      {t('report.rankMove', { from: mover.previousRank, to: mover.rank })} (
                      {formatPointsChange(mover.indexChange)})
                      <ul>
                        {mover.indicators.slice(0, 2).map((indicator) => (
                          <li key={indicator.id}>
                            {indicator.name[language]}: {formatPointsChange(indicator.change)}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              ))}
            </div>
          </>
        )}
        {shown.kind === 'fields' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.byField')}</h2>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t('unit.field')}</th>
                  <th>{t('report.column.received')}</th>
                  <th>{t('report.column.onTimeShare')}</th>
                  <th>{t('report.column.overdueAtEnd')}</th>
                  <th>{t('report.column.medianWorkingTime')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byField.map((field) => (
                  <tr key={field.field}>
                    <td>{fieldLabel(field.field, t)}</td>
                    <td>{formatInteger(field.current.received)}</td>
                    <td>{formatShare(field.current.onTimeShare)}</td>
                    <td>{formatInteger(field.current.overdueAtEnd)}</td>
                    <td>{formatWorkingTime(field.current.medianWorkingTime, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {shown.kind === 'index' && indexBars && (
          <>
            <h2 className={styles.pageTitle}>
              {t('report.indexRange', { first: shown.first, last: shown.last, total: shown.total })}
            </h2>
            <div className={styles.chart}>
              <EChart option={indexBars} ariaLabel={t('report.indexByUnit')} />
            </div>
          </>
        )}
        {shown.kind === 'on-time' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.onTimeByMonth')}</h2>
            <div className={styles.chart}>
              <EChart option={onTime} ariaLabel={t('report.onTimeByMonth')} />
            </div>
          </>
        )}
        {shown.kind === 'map' && (
          <>
            <h2 className={styles.pageTitle}>{t('report.indexChangeMap')}</h2>
            <div className={styles.chart}>
              <Suspense fallback={null}>
                <UnitMap view={changeMap} area={null} figureLabel={t('report.indexChangeMap')} />
              </Suspense>
            </div>
          </>
        )}
      </section>
      <footer className={styles.footer}>
        <span>{AUTHORITY}</span>
        <span className={styles.hash}>SHA-256 {data.contentHash.slice(0, 16)}…</span>
        <span data-testid="present-page">
          {current} / {pages.length}
        </span>
      </footer>
    </main>
  );
}
