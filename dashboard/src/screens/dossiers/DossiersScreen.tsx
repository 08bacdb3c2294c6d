import { DOSSIER_LIST_SORTS, DOSSIER_LIST_STATUSES } from '@ioc/shared';
import { useMemo } from 'react';
import { formatCount } from '../../format/figures';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { describeFilter, STATUS_LABELS } from '../../panels/dossier-list/describeFilter';
import { prepareDossierRow } from '../../panels/dossier-list/prepareDossierList';
import { useDossierPages } from '../../panels/dossier-list/useDossierPages';
import {
  queryStringOf,
  withParam,
  type DossierListFilter,
  type DossierListParam,
  type ProcessingTimesUrlQuery,
} from '../../router/routes';
import { useNavigate } from '../../router/useAppLocation';
import { Breadcrumb, type Crumb } from '../../ui/Breadcrumb';
import { FieldSelect } from '../../ui/forms/FilterSelect';
import { UnitSelect } from '../../ui/forms/UnitSelect';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import { FORMER_PROVINCES } from '../../units/formerProvinces';
import { useUnitDirectory } from '../../units/UnitsContext';
import desk from '../../ui/deskList.module.css';
import styles from './DossiersScreen.module.css';

const SORT_LABELS: Record<(typeof DOSSIER_LIST_SORTS)[number], MessageKey> = {
  overdue: 'dossiers.sort.overdue',
  received: 'dossiers.sort.received',
  '-received': 'dossiers.sort.-received',
  due: 'dossiers.sort.due',
  '-due': 'dossiers.sort.-due',
};

/** How long the list's units, fields and procedures take (its status and dates are not a processing-times filter). */
function processingQueryOf(filter: DossierListFilter): ProcessingTimesUrlQuery {
  const query: ProcessingTimesUrlQuery = {};
  for (const name of ['unit', 'formerProvince', 'field', 'procedure', 'channel'] as const) {
    const value = filter[name];
    if (value !== undefined) query[name] = value;
  }
  return query;
}

/** Province › former province › unit › field › the list: every step a way back up. */
function crumbsOf(
  filter: DossierListFilter,
  title: string,
  unitName: (code: string) => string,
  t: (key: MessageKey, params?: Record<string, string>) => string,
): Crumb[] {
  const crumbs: Crumb[] = [{ label: t('ranking.province'), route: { screen: 'operations' } }];
  const units = (filter.unit ?? '').split(',').filter(Boolean);
  const province = FORMER_PROVINCES.find((p) => p.slug === filter.formerProvince);
  if (province)
    crumbs.push({
      label: t('grid.formerProvince', { province: province.name }),
      route: { screen: 'map', figure: 'overdue-share', area: province.slug },
    });
  if (units.length === 1)
    crumbs.push({ label: unitName(units[0]!), route: { screen: 'unit', unitCode: units[0]! } });
  crumbs.push({ label: title, route: null });
  return crumbs;
}

/**
 * Dossiers of a filter held in the URL (`/dossiers?unit=24781&status=overdue`): what every figure
 * of the wall that counts dossiers opens. Pages by cursor, exports the same filter.
 */
export default function DossiersScreen({ filter }: { filter: DossierListFilter }) {
  const { t, language } = useI18n();
  const { byCode } = useUnitDirectory();
  const navigate = useNavigate();
  const query = queryStringOf(filter);
  const list = useDossierPages(query);
  const rows = useMemo(
    () =>
      list.pages
        .flatMap((page) => page.items)
        .map((item) => prepareDossierRow(item, language, t('late.unknownProcedure'))),
    [list.pages, language, t],
  );
  const title = describeFilter(filter, byCode, t);
  const total = list.pages[0]?.total ?? null;
  const set = (name: DossierListParam, value: string) => {
    navigate({ screen: 'dossiers', filter: withParam(filter, name, value) }, { replace: true });
  };
  const unitName = (code: string) => byCode.get(code)?.name ?? code;

  return (
    <main className={styles.screen} data-testid="dossiers-screen">
      <Breadcrumb crumbs={crumbsOf(filter, title, unitName, t)} />
      <form
        className={desk.filters}
        onSubmit={(event) => event.preventDefault()}
        aria-label={t('dossiers.filters')}
      >
        <label className={desk.filter}>
          {t('dossiers.filter.status')}
          <select
            className={desk.control}
            value={filter.status ?? ''}
            onChange={(event) => set('status', event.target.value)}
            data-testid="filter-status"
          >
            <option value="">{t('dossiers.all')}</option>
            {DOSSIER_LIST_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(STATUS_LABELS[status])}
              </option>
            ))}
          </select>
        </label>
        <label className={desk.filter}>
          {t('unit.field')}
          <FieldSelect
            className={desk.control}
            value={filter.field ?? ''}
            onChange={(value) => set('field', value)}
            testId="filter-field"
          />
        </label>
        <label className={desk.filter}>
          {t('ranking.unit')}
          <UnitSelect
            value={filter.unit ?? ''}
            onChange={(code) => set('unit', code)}
            control={{ id: 'filter-unit' }}
            testId="filter-unit"
            emptyLabel="dossiers.allUnits"
          />
        </label>
        <label className={desk.filter}>
          {t('dossiers.filter.received')}
          <input
            key={filter.received ?? ''}
            className={desk.control}
            defaultValue={filter.received ?? ''}
            placeholder="2026-12 · 2026-12-07"
            onBlur={(event) => set('received', event.target.value.trim())}
            data-testid="filter-received"
          />
        </label>
        <label className={desk.filter}>
          {t('dossiers.filter.code')}
          <input
            key={filter.code ?? ''}
            className={desk.control}
            defaultValue={filter.code ?? ''}
            onBlur={(event) => set('code', event.target.value.trim())}
            data-testid="filter-code"
          />
        </label>
        <label className={desk.filter}>
          {t('dossiers.filter.sort')}
          <select
            className={desk.control}
            value={filter.sort ?? ''}
            onChange={(event) => set('sort', event.target.value)}
          >
            <option value="">{t('dossiers.sort.default')}</option>
            {DOSSIER_LIST_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(SORT_LABELS[sort])}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className={desk.summary}>
        <h2 className={desk.title}>{title}</h2>
        <span className={desk.total} data-testid="dossiers-total">
          {total === null ? '' : t('dossiers.total', { count: formatCount(total) })}
        </span>
        <RouteLink
          route={{ screen: 'processing-times', query: processingQueryOf(filter) }}
          className={styles.export}
          testId="to-processing-times"
        >
          {t('processing.link')}
        </RouteLink>
        <a
          className={styles.export}
          href={`/api/v1/dossiers/export.xlsx?${query}`}
          download
          data-testid="export-xlsx"
        >
          {t('dossiers.exportXlsx')}
        </a>
        <a
          className={styles.export}
          href={`/api/v1/dossiers/export.csv?${query}`}
          download
          data-testid="export-csv"
        >
          {t('dossiers.exportCsv')}
        </a>
      </div>
      {list.status === 'error' && list.pages.length === 0 ? (
        <StatusView
          error
          headline={t('panel.error')}
          detail={list.error ?? undefined}
          onRetry={list.retry}
          testId="dossiers-error"
        />
      ) : list.status === 'loading' ? (
        <StatusView headline={t('panel.loading')} />
      ) : rows.length === 0 ? (
        <StatusView headline={t('dossiers.none')} testId="dossiers-empty" />
      ) : (
        <div className={desk.tableBox}>
          <table className={desk.table} data-testid="dossiers-table">
            <thead>
              <tr>
                <th>{t('dossiers.column.code')}</th>
                <th>{t('ranking.unit')}</th>
                <th>{t('dossiers.column.procedure')}</th>
                <th>{t('dossiers.column.received')}</th>
                <th>{t('dossiers.column.due')}</th>
                <th>{t('dossiers.column.state')}</th>
                <th>{t('dossiers.column.overdueBy')}</th>
                <th>{t('dossiers.column.paused')}</th>
                <th>{t('dossiers.column.apology')}</th>
                <th>{t('dossiers.column.rating')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-dossier={row.key}>
                  <td className={styles.code}>
                    <RouteLink route={{ screen: 'dossier', unitCode: row.unitCode, code: row.code }}>
                      {row.code}
                    </RouteLink>
                  </td>
                  <td>{row.unitName}</td>
                  <td className={desk.procedure}>
                    <span className={desk.procedureName} title={row.procedure}>
                      {row.procedure}
                    </span>
                    {row.field && <div className={desk.total}>{fieldLabel(row.field, t)}</div>}
                  </td>
                  <td className={styles.nowrap}>{row.received}</td>
                  <td className={styles.nowrap}>{row.due}</td>
                  <td>
                    <span className={`${styles.state} ${styles[row.state] ?? ''}`}>{t(row.stateLabel)}</span>
                  </td>
                  <td className={styles.lateBy}>{row.overdueBy ?? ''}</td>
                  <td className={styles.nowrap}>{row.pausedFor ?? ''}</td>
                  <td className={styles.nowrap}>{row.apology ?? ''}</td>
                  <td>{row.rating === null ? '' : `${row.rating} ★`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pages.at(-1)?.next ? (
        <button
          type="button"
          className={styles.more}
          onClick={list.loadMore}
          disabled={list.loadingMore}
          data-testid="load-more"
        >
          {t('dossiers.loadMore', { shown: formatCount(rows.length), total: formatCount(total ?? 0) })}
        </button>
      ) : (
        rows.length > 0 && (
          <span className={desk.end}>{t('dossiers.end', { count: formatCount(rows.length) })}</span>
        )
      )}
    </main>
  );
}
