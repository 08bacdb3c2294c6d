import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/I18nContext';
import { RouteLink } from '../../ui/RouteLink';
import type { RankingRowView, RankingView } from './prepareRanking';
import styles from './RankingTables.module.css';

function GroupHeaders({ groups, withMax }: { groups: RankingView['groups']; withMax: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {groups.map((group) => (
        <th key={group.id} className={styles.groupCol} title={t(`group.${group.id}` as MessageKey)}>
          {t(`group.${group.id}` as MessageKey)}
          {withMax && ` /${group.maxPoints}`}
        </th>
      ))}
    </>
  );
}

/** The province and the former provinces, by group. */
export function AreaTable({ view }: { view: RankingView }) {
  const { t } = useI18n();
  return (
    <table className={styles.table} data-testid="ranking-areas">
      <thead>
        <tr>
          <th className={`${styles.name} ${styles.areaNameCol}`}>{t('ranking.areas')}</th>
          <th className={styles.totalCol}>{t('ranking.total')}</th>
          <GroupHeaders groups={view.groups} withMax />
        </tr>
      </thead>
      <tbody>
        {view.areas.map((area) => (
          <tr key={area.name} className={area.isProvince ? styles.bold : undefined}>
            <td className={styles.name}>
              {area.isProvince ? t('ranking.province') : t('ranking.formerProvince', { province: area.name })}
            </td>
            <td className={styles.bold}>{area.total}</td>
            {area.groups.map((points, index) => (
              <td key={view.groups[index]?.id}>{points}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UnitRow({ row }: { row: RankingRowView }) {
  const { t } = useI18n();
  return (
    <tr data-testid={`ranking-${row.unitCode}`} className={row.rank === '—' ? styles.unranked : undefined}>
      <td className={styles.bold}>{row.rank}</td>
      <td className={styles[row.change]} aria-label={row.changeLabel}>
        {row.changeLabel}
      </td>
      <td className={styles.name} title={row.name}>
        <RouteLink route={{ screen: 'unit', unitCode: row.unitCode }} className={styles.nameLink}>
          {row.shortName}
        </RouteLink>
        {row.lowVolume && <span className={styles.tag}>{t('ranking.lowVolumeTag')}</span>}
        {row.noDossiers && <span className={styles.tag}>{t('ranking.noDossiersTag')}</span>}
      </td>
      <td className={styles.bold}>{row.total}</td>
      {row.groups.map((points, index) => (
        <td key={index}>{points}</td>
      ))}
      <td>{row.dossiers}</td>
    </tr>
  );
}

/** One page of units, side by side in columns, each a table with the same headers. */
export function UnitTables({ view }: { view: RankingView }) {
  const { t } = useI18n();
  return (
    <div
      className={styles.columns}
      style={{ gridTemplateColumns: `repeat(${view.columns.length}, minmax(0, 1fr))` }}
    >
      {view.columns.map((rows, index) => (
        <table key={index} className={styles.table} data-testid="ranking-units">
          <thead>
            <tr>
              <th className={styles.rankCol}>{t('ranking.rank')}</th>
              <th className={styles.changeCol} />
              <th className={`${styles.name} ${styles.nameCol}`}>{t('ranking.unit')}</th>
              <th className={styles.totalCol}>{t('ranking.total')}</th>
              <GroupHeaders groups={view.groups} withMax={false} />
              <th className={styles.dossiersCol}>{t('ranking.dossiers')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <UnitRow key={row.unitCode} row={row} />
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function RankingFooter({ view }: { view: RankingView }) {
  const { t } = useI18n();
  return (
    <p className={styles.footer}>
      {t('ranking.footer', {
        ranked: view.ranked,
        lowVolume: view.lowVolume,
        min: view.minDossiers,
        none: view.withoutDossiers,
      })}
    </p>
  );
}
