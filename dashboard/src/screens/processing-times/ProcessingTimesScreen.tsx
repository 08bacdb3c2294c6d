import { formatPeriod, parsePeriodLabel, processingTimesSchema, type ProcessingTimes } from '@ioc/shared';
import { useMemo } from 'react';
import { useResource } from '../../api/useResource';
import { formatCount } from '../../format/figures';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import type { Language, MessageKey } from '../../i18n/messages';
import {
  queryStringOf,
  withParam,
  type DossierListFilter,
  type ProcessingTimeParam,
  type ProcessingTimesUrlQuery,
} from '../../router/routes';
import { useNavigate } from '../../router/useAppLocation';
import { Breadcrumb, type Crumb } from '../../ui/Breadcrumb';
import { FieldSelect, FormerProvinceSelect } from '../../ui/forms/FilterSelect';
import { UnitSelect } from '../../ui/forms/UnitSelect';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import { useUnitDirectory } from '../../units/UnitsContext';
import desk from '../../ui/deskList.module.css';
import layout from '../../ui/layout.module.css';
import { periodLabelOf, prepareProcessingTimes, PROCESSING_ROWS_SHOWN } from './prepareProcessingTimes';
import styles from './ProcessingTimesScreen.module.css';

/** The groupings offered, as the API's `groupBy`; the first is the API's default. */
const GROUPINGS = ['procedure', 'procedure,unit', 'unit', 'field'] as const;
const GROUPING_LABELS: Record<(typeof GROUPINGS)[number], MessageKey> = {
  procedure: 'processing.group.procedure',
  'procedure,unit': 'processing.group.procedure,unit',
  unit: 'processing.group.unit',
  field: 'processing.group.field',
};

/** "Tháng 11/2026", "Từ 01/12/2025 đến 07/12/2026": a period as the report names it. */
function periodWords(period: { from: string; to: string }, language: Language): string {
  const parsed = parsePeriodLabel(periodLabelOf(period));
  return typeof parsed === 'string' ? `${period.from} – ${period.to}` : formatPeriod(parsed, language);
}

/** The dossiers a row counts: its procedure, unit or field within the screen's filter, resolved in the period. */
function resolvedListOf(
  row: Pick<ProcessingTimes['rows'][number], 'procedureCode' | 'unitCode' | 'field'>,
  query: ProcessingTimesUrlQuery,
  period: ProcessingTimes['period'],
): DossierListFilter {
  const filter: DossierListFilter = { status: 'resolved', resolved: periodLabelOf(period) };
  for (const name of ['unit', 'formerProvince', 'field', 'procedure', 'channel'] as const) {
    const value = query[name];
    if (value !== undefined) filter[name] = value;
  }
  if (row.procedureCode !== null) filter.procedure = row.procedureCode;
  if (row.unitCode !== null) filter.unit = row.unitCode;
  if (row.field !== null) filter.field = row.field;
  return filter;
}

/**
 * How long procedures take (`/processing-times?field=land&period=2026`): per procedure, unit or
 * field, the median and p90 working time from receipt to result and the on-time share, beside
 * the same days a year before — "the processing time was cut by half", measured. Each count
 * opens the dossiers it counts.
 */
export default function ProcessingTimesScreen({ query }: { query: ProcessingTimesUrlQuery }) {
  const { t, language } = useI18n();
  const { byCode } = useUnitDirectory();
  const navigate = useNavigate();
  const search = queryStringOf(query);
  const times = useResource(`/api/v1/processing-times${search ? `?${search}` : ''}`, processingTimesSchema);
  const rows = useMemo(
    () => (times.data ? prepareProcessingTimes(times.data.rows, language) : []),
    [times.data, language],
  );
  const set = (name: ProcessingTimeParam, value: string) => {
    navigate({ screen: 'processing-times', query: withParam(query, name, value) }, { replace: true });
  };
  const groups = times.data?.groupBy ?? ['procedure'];
  const units = (query.unit ?? '').split(',').filter(Boolean);
  const crumbs: Crumb[] = [{ label: t('ranking.province'), route: { screen: 'operations' } }];
  if (units.length === 1)
    crumbs.push({
      label: byCode.get(units[0]!)?.name ?? units[0]!,
      route: { screen: 'unit', unitCode: units[0]! },
    });
  crumbs.push({ label: t('processing.title'), route: null });

  return (
    <main className={`${layout.screen} ${styles.screen}`} data-testid="processing-times-screen">
      <Breadcrumb crumbs={crumbs} />
      <form
        className={desk.filters}
        onSubmit={(event) => event.preventDefault()}
        aria-label={t('processing.filters')}
      >
        <label className={desk.filter}>
          {t('processing.period')}
          <input
            key={query.period ?? ''}
            className={desk.control}
            defaultValue={query.period ?? ''}
            placeholder="2026 · 2026-Q4 · 2026-11"
            onBlur={(event) => set('period', event.target.value.trim())}
            data-testid="filter-period"
          />
        </label>
        <label className={desk.filter}>
          {t('unit.field')}
          <FieldSelect
            className={desk.control}
            value={query.field ?? ''}
            onChange={(value) => set('field', value)}
            testId="filter-field"
          />
        </label>
        <label className={desk.filter}>
          {t('map.area')}
          <FormerProvinceSelect
            className={desk.control}
            value={query.formerProvince ?? ''}
            onChange={(value) => set('formerProvince', value)}
            testId="filter-former-province"
          />
        </label>
        <label className={desk.filter}>
          {t('ranking.unit')}
          <UnitSelect
            value={query.unit ?? ''}
            onChange={(code) => set('unit', code)}
            control={{ id: 'filter-unit' }}
            testId="filter-unit"
            emptyLabel="dossiers.allUnits"
          />
        </label>
        <label className={desk.filter}>
          {t('processing.groupBy')}
          <select
            className={desk.control}
            value={query.groupBy ?? GROUPINGS[0]}
            onChange={(event) =>
              set('groupBy', event.target.value === GROUPINGS[0] ? '' : event.target.value)
            }
            data-testid="filter-group-by"
          >
            {GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {t(GROUPING_LABELS[grouping])}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className={desk.summary}>
        <h2 className={desk.title}>{t('processing.title')}</h2>
        {times.data && (
          <span className={desk.total} data-testid="processing-caption">
            {t('processing.caption', {
              period: periodWords(times.data.period, language),
              previous: periodWords(times.data.previousYear, language),
            })}
          </span>
        )}
      </div>
      {times.data === null && times.status === 'error' ? (
        <StatusView
          error
          headline={t('panel.error')}
          detail={times.error}
          onRetry={times.retry}
          testId="processing-error"
        />
      ) : times.data === null ? (
        <StatusView headline={t('panel.loading')} />
      ) : rows.length === 0 ? (
        <StatusView headline={t('processing.none')} testId="processing-empty" />
      ) : (
        <div className={desk.tableBox}>
          <table className={`${desk.table} ${styles.table}`} data-testid="processing-table">
            <thead>
              <tr>
                {groups.includes('procedure') && <th rowSpan={2}>{t('dossiers.column.procedure')}</th>}
                {groups.includes('unit') && <th rowSpan={2}>{t('ranking.unit')}</th>}
                {groups.includes('field') && <th rowSpan={2}>{t('unit.field')}</th>}
                <th colSpan={4} className={styles.group}>
                  {t('processing.thisPeriod')}
                </th>
                <th colSpan={3} className={styles.group}>
                  {t('processing.previousYear')}
                </th>
                <th colSpan={2} className={styles.group}>
                  {t('processing.change')}
                </th>
              </tr>
              <tr className={styles.second}>
                <th>{t('processing.column.resolved')}</th>
                <th>{t('processing.column.median')}</th>
                <th>{t('processing.column.p90')}</th>
                <th>{t('processing.column.onTime')}</th>
                <th>{t('processing.column.resolved')}</th>
                <th>{t('processing.column.median')}</th>
                <th>{t('processing.column.onTime')}</th>
                <th>{t('processing.column.medianChange')}</th>
                <th>{t('processing.column.onTimeChange')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  {groups.includes('procedure') && (
                    <td className={desk.procedure}>
                      <span
                        className={desk.procedureName}
                        title={row.procedureName ?? row.procedureCode ?? ''}
                      >
                        {row.procedureName ?? row.procedureCode}
                      </span>
                    </td>
                  )}
                  {groups.includes('unit') && (
                    <td>{row.unitCode === null ? '' : (byCode.get(row.unitCode)?.name ?? row.unitCode)}</td>
                  )}
                  {groups.includes('field') && <td>{row.field === null ? '' : fieldLabel(row.field, t)}</td>}
                  <td className={styles.figure}>
                    <RouteLink
                      route={{
                        screen: 'dossiers',
                        filter: resolvedListOf(row, query, times.data!.period),
                      }}
                      title={t('processing.openList', { count: row.resolved })}
                      testId="processing-resolved"
                    >
                      {row.resolved}
                    </RouteLink>
                  </td>
                  <td className={`${styles.figure} ${styles.strong}`} data-testid="processing-median">
                    {row.median}
                  </td>
                  <td className={styles.figure}>{row.p90}</td>
                  <td className={styles.figure}>{row.onTime}</td>
                  <td className={`${styles.figure} ${styles.before}`}>{row.previousResolved}</td>
                  <td
                    className={`${styles.figure} ${styles.before}`}
                    data-testid="processing-previous-median"
                  >
                    {row.previousMedian}
                  </td>
                  <td className={`${styles.figure} ${styles.before}`}>{row.previousOnTime}</td>
                  <td
                    className={`${styles.figure} ${styles.strong} ${row.trend ? styles[row.trend] : ''}`}
                    data-testid="processing-median-change"
                    data-trend={row.trend ?? 'none'}
                  >
                    {row.medianChange}
                  </td>
                  <td className={styles.figure}>{row.onTimeChange}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {times.data && times.data.rows.length > PROCESSING_ROWS_SHOWN && (
        <span className={desk.end} data-testid="processing-more">
          {t('processing.more', {
            shown: formatCount(PROCESSING_ROWS_SHOWN),
            total: formatCount(times.data.rows.length),
          })}
        </span>
      )}
    </main>
  );
}
