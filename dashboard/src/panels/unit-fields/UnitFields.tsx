import type { LiveFigures } from '@ioc/shared';
import { useMemo } from 'react';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import { Panel, type PanelState } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { fieldListRoute } from '../dossier-list/listRoutes';
import { prepareUnitFields } from './prepareUnitFields';
import dataTable from '../../ui/dataTable.module.css';
import styles from './UnitFields.module.css';

/** The unit's open and recent work per field. */
export function UnitFields({
  fields,
  state,
  unitCode,
}: {
  fields: ReadonlyMap<string, LiveFigures>;
  state: PanelState;
  /** The unit whose dossier lists the field's figures open; null: no links (a wall). */
  unitCode: string | null;
}) {
  const { t } = useI18n();
  const rows = useMemo(() => prepareUnitFields(fields), [fields]);
  const shown: PanelState =
    state.kind === 'ready' && rows.length === 0 ? { kind: 'empty', message: t('unit.noFields') } : state;
  return (
    <Panel title={t('unit.fields')} state={shown} testId="unit-fields">
      <table className={dataTable.table}>
        <thead>
          <tr>
            <th>{t('unit.field')}</th>
            <th>{t('map.figure.backlog')}</th>
            <th>{t('map.figure.overdue')}</th>
            <th>{t('map.figure.overdue-share')}</th>
            <th>{t('kpi.dueSoon')}</th>
            <th>{t('map.figure.received-today')}</th>
            <th>{t('unit.resolvedToday')}</th>
            <th>{t('map.figure.on-time-30d')}</th>
            <th>{t('map.figure.rating-30d')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-field={row.field}>
              <td>
                {unitCode ? (
                  <RouteLink route={fieldListRoute(unitCode, row.field, 'open')}>
                    {fieldLabel(row.field, t)}
                  </RouteLink>
                ) : (
                  fieldLabel(row.field, t)
                )}
              </td>
              <td>{row.backlog}</td>
              <td className={row.overdueCount > 0 ? styles.overdue : undefined}>
                {unitCode && row.overdueCount > 0 ? (
                  <RouteLink
                    route={fieldListRoute(unitCode, row.field, 'overdue')}
                    testId={`field-overdue-${row.field}`}
                  >
                    {row.overdue}
                  </RouteLink>
                ) : (
                  row.overdue
                )}
              </td>
              <td>{row.overdueShare}</td>
              <td>{row.dueSoon}</td>
              <td>{row.receivedToday}</td>
              <td>{row.resolvedToday}</td>
              <td>{row.onTime30d}</td>
              <td>{row.rating30d}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
