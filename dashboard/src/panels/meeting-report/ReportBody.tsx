import {
  formatInteger,
  formatPoints,
  formatPointsChange,
  formatShare,
  formatWorkingTime,
  type MeetingReport,
  type ReportRow,
  type ReportView,
} from '@ioc/shared';
import { lazy, Suspense, useMemo, useState } from 'react';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { EChart } from '../../ui/charts/EChart';
import { RouteLink } from '../../ui/RouteLink';
import { useRemPx } from '../../ui/useRemPx';
import { shortUnitName } from '../../units/unitName';
import {
  COLUMN_LABELS,
  prepareReportRow,
  REPORT_COLUMNS,
  sortReportRows,
  type Comparison,
  type ReportColumn,
} from './prepareReport';
import { RankedNames } from './RankedNames';
import { prepareIndexByUnit, prepareIndexChangeMap, prepareOnTimeByMonth } from './reportCharts';
import styles from './ReportBody.module.css';

// The map is its own chunk, as on the map screen.
const UnitMap = lazy(() => import('../unit-map/UnitMap').then((module) => ({ default: module.UnitMap })));

const COMPARISON_KEYS: Record<Comparison, MessageKey> = {
  previous: 'report.vsPrevious',
  lastYear: 'report.vsLastYear',
};

function RowsTable({
  rows,
  comparison,
  sortable,
  testId,
}: {
  rows: readonly ReportRow[];
  comparison: Comparison;
  sortable: boolean;
  testId: string;
}) {
  const { t, language } = useI18n();
  const [sort, setSort] = useState<{ column: ReportColumn; descending: boolean } | null>(null);
  const ordered = useMemo(
    () => (sort ? sortReportRows(rows, sort.column, sort.descending) : rows),
    [rows, sort],
  );
  const views = useMemo(
    () => ordered.map((row) => prepareReportRow(row, comparison, language)),
    [ordered, comparison, language],
  );
  const header = (column: ReportColumn) =>
    sortable ? (
      <button
        type="button"
        className={styles.sortButton}
        onClick={() =>
          setSort((previous) => ({
            column,
            descending: previous?.column === column ? !previous.descending : column !== 'rank',
          }))
        }
        aria-sort={sort?.column === column ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        {t(COLUMN_LABELS[column])}
        {sort?.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    ) : (
      t(COLUMN_LABELS[column])
    );
  return (
    <div className={styles.tableBox}>
      <table className={styles.table} data-testid={testId}>
        <thead>
          <tr>
            <th>{t('report.column.name')}</th>
            {REPORT_COLUMNS.map((column) => (
              <th key={column}>{header(column)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {views.map((row) => (
            <tr
              key={`${row.scope}:${row.code}`}
              className={row.scope === 'province' ? styles.province : undefined}
              data-row={row.code}
            >
              <td>
                {row.scope === 'unit' ? (
                  <RouteLink route={{ screen: 'unit', unitCode: row.code }}>
                    {shortUnitName(row.name)}
                  </RouteLink>
                ) : (
                  row.name
                )}
                {row.lowVolume && <span className={styles.tag}>{t('ranking.lowVolumeTag')}</span>}
                {row.noScore && <span className={styles.tag}>{t('ranking.noDossiersTag')}</span>}
              </td>
              {REPORT_COLUMNS.map((column) => (
                <td key={column} data-column={column}>
                  {row.cells[column]}
                  {column === 'received' && <span className={styles.change}>{row.change.received}</span>}
                  {column === 'onTimeShare' && (
                    <span className={styles.change}>{row.change.onTimeShare}</span>
                  )}
                  {column === 'index' && (
                    <span
                      className={`${styles.change} ${row.direction === 'up' ? styles.up : row.direction === 'down' ? styles.down : ''}`}
                    >
                      {row.change.index}
                    </span>
                  )}
                  {column === 'rank' && <span className={styles.change}>{row.change.rank}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ReportBodyProps {
  report: MeetingReport;
  view: ReportView;
}

/**
 * A meeting report as a screen: the headline read aloud, the areas and the 124 units against the
 * previous period or the same period last year (sortable), the fields, who rose and fell and why,
 * and the charts. Every figure is the report's, written by its one formatter (as the PDF prints it).
 */
export function ReportBody({ report, view }: ReportBodyProps) {
  const { t, language } = useI18n();
  const rem = useRemPx();
  const [comparison, setComparison] = useState<Comparison>('previous');
  const { headline } = report;
  const areas = useMemo(() => [report.province, ...report.formerProvinces], [report]);
  const indexOption = useMemo(() => prepareIndexByUnit(report.charts, rem), [report, rem]);
  const onTimeOption = useMemo(
    () => prepareOnTimeByMonth(report.charts, t('report.column.onTimeShare'), rem),
    [report, rem, t],
  );
  const changeMap = useMemo(() => prepareIndexChangeMap(report.charts), [report]);

  return (
    <div className={styles.body} data-testid="report-body">
      <section className={styles.headline} aria-label={t('report.headline')} data-testid="report-headline">
        <div className={styles.figure}>
          <span className={styles.figureLabel}>
            {t('report.headlineIndex', { scope: headline.scopeName })}
          </span>
          <span className={styles.figureValue} data-testid="report-headline-index">
            {formatPoints(headline.index)}
          </span>
          <span>
            {t('report.vsPrevious')} {formatPointsChange(headline.indexChange.previous)} ·{' '}
            {t('report.vsLastYear')} {formatPointsChange(headline.indexChange.lastYear)}
          </span>
        </div>
        <div className={styles.figure}>
          <span className={styles.figureLabel}>{t('report.column.overdueAtEnd')}</span>
          <span className={styles.figureValue}>{formatInteger(headline.overdueAtEnd)}</span>
          <span>
            {t('report.received', { count: formatInteger(headline.received) })} ·{' '}
            {t('report.column.onTimeShare')} {formatShare(headline.onTimeShare)}
          </span>
        </div>
        <div className={styles.figure}>
          <span className={styles.figureLabel}>{t('report.best')}</span>
          <RankedNames units={headline.best} minDossiers={report.minDossiers} className={styles.names} />
        </div>
        <div className={styles.figure}>
          <span className={styles.figureLabel}>{t('report.worst')}</span>
          <RankedNames units={headline.worst} minDossiers={report.minDossiers} className={styles.names} />
        </div>
      </section>

      <div className={styles.toolbar} role="group" aria-label={t('report.compareWith')}>
        {t('report.compareWith')}
        {(['previous', 'lastYear'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className={styles.sortButton}
            aria-pressed={comparison === option}
            onClick={() => setComparison(option)}
            data-testid={`compare-${option}`}
          >
            {comparison === option ? '● ' : '○ '}
            {t(COMPARISON_KEYS[option])}
          </button>
        ))}
        {view.omitted.length > 0 && <span className={styles.omitted}>{t('report.omitted')}</span>}
      </div>

      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>{t('report.areas')}</h3>
        <RowsTable rows={areas} comparison={comparison} sortable={false} testId="report-areas" />
      </section>

      {report.units.length > 0 && (
        <section className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('report.units', { count: report.units.length })}</h3>
          <RowsTable rows={report.units} comparison={comparison} sortable testId="report-units" />
        </section>
      )}

      {report.byField.length > 0 && (
        <section className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('report.byField')}</h3>
          <div className={styles.tableBox}>
            <table className={styles.table} data-testid="report-fields">
              <thead>
                <tr>
                  <th>{t('unit.field')}</th>
                  <th>{t('report.column.received')}</th>
                  <th>{t('report.column.resolved')}</th>
                  <th>{t('report.column.onTimeShare')}</th>
                  <th>{t('report.column.overdueAtEnd')}</th>
                  <th>{t('report.column.overdueNow')}</th>
                  <th>{t('report.column.medianWorkingTime')}</th>
                </tr>
              </thead>
              <tbody>
                {report.byField.map((field) => (
                  <tr key={field.field}>
                    <td>{fieldLabel(field.field, t)}</td>
                    <td>{formatInteger(field.current.received)}</td>
                    <td>{formatInteger(field.current.resolved)}</td>
                    <td>{formatShare(field.current.onTimeShare)}</td>
                    <td>{formatInteger(field.current.overdueAtEnd)}</td>
                    <td>{formatInteger(field.overdueNow)}</td>
                    <td>{formatWorkingTime(field.current.medianWorkingTime, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {(report.movers.risers.length > 0 || report.movers.fallers.length > 0) && (
        <section className={styles.section} data-testid="report-movers">
          <h3 className={styles.sectionTitle}>{t('report.movers')}</h3>
          <div className={styles.movers}>
            {(['risers', 'fallers'] as const).map((kind) => (
              <div key={kind} className={styles.section}>
                <strong>{t(kind === 'risers' ? 'report.risers' : 'report.fallers')}</strong>
                {report.movers[kind].map((mover) => (
                  <div key={mover.unitCode} className={styles.mover}>
                    <div className={styles.moverHead}>
                      <RouteLink route={{ screen: 'unit', unitCode: mover.unitCode }}>
                        {shortUnitName(mover.unitName)}
                      </RouteLink>
                      <span className={mover.rankChange > 0 ? styles.up : styles.down}>
                        {t('report.rankMove', { from: mover.previousRank, to: mover.rank })} (
                        {formatPointsChange(mover.indexChange)})
                      </span>
                    </div>
                    <ul className={styles.names}>
                      {mover.indicators.slice(0, 3).map((indicator) => (
                        <li key={indicator.id}>
                          <RouteLink
                            route={{
                              screen: 'lost-points',
                              unitCode: mover.unitCode,
                              indicator: indicator.id,
                              period: report.period.label,
                              page: 1,
                            }}
                          >
                            {indicator.name[language]}: {formatPointsChange(indicator.change)}{' '}
                            {t('report.points')}
                          </RouteLink>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </section>
      )}

      <section className={styles.charts}>
        <div className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('report.onTimeByMonth')}</h3>
          <div className={styles.chart}>
            <EChart
              option={onTimeOption}
              ariaLabel={t('report.onTimeByMonth')}
              testId="report-ontime-chart"
            />
          </div>
          <h3 className={styles.sectionTitle}>{t('report.indexChangeMap')}</h3>
          <div className={styles.chart}>
            <Suspense fallback={null}>
              <UnitMap view={changeMap} area={null} figureLabel={t('report.indexChangeMap')} />
            </Suspense>
          </div>
        </div>
        <div className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('report.indexByUnit')}</h3>
          <div className={styles.tall}>
            <EChart option={indexOption} ariaLabel={t('report.indexByUnit')} testId="report-index-chart" />
          </div>
        </div>
      </section>
    </div>
  );
}
