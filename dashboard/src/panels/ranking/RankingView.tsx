import { SERVICE_INDEX_GROUP_IDS, type Ranking } from '@ioc/shared';
import { useMemo, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { theme } from '../../theme';
import { Panel } from '../../wall/Panel';
import { prepareRanking, type RankChange, type RankingRowView } from './prepareRanking';

const page: CSSProperties = {
  flex: 1,
  minHeight: 0,
  display: 'grid',
  gridTemplateRows: 'auto minmax(0, 1fr) auto',
  gap: theme.space.lg,
  padding: theme.space.lg,
};
const lists: CSSProperties = {
  minHeight: 0,
  display: 'grid',
  gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
  gap: theme.space.lg,
};
const table: CSSProperties = {
  width: '100%',
  borderCollapse: 'collapse',
  fontSize: theme.fontSize.rankingCell,
  fontVariantNumeric: 'tabular-nums',
};
const th: CSSProperties = {
  padding: `${theme.space.xs}px ${theme.space.sm}px`,
  fontSize: theme.fontSize.rankingHeader,
  fontWeight: theme.font.weightBold,
  color: theme.color.textMuted,
  textAlign: 'right',
  whiteSpace: 'nowrap',
  borderBottom: `${theme.size.borderWidth}px solid ${theme.color.border}`,
};
const td: CSSProperties = {
  padding: `${theme.space.xs}px ${theme.space.sm}px`,
  textAlign: 'right',
  whiteSpace: 'nowrap',
  borderBottom: `${theme.size.borderWidth}px solid ${theme.color.border}`,
};
const nameCell: CSSProperties = {
  ...td,
  textAlign: 'left',
  maxWidth: 220,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};
const totalCell: CSSProperties = { ...td, fontWeight: theme.font.weightBold };
const changeColor: Record<RankChange, string> = {
  up: theme.color.live,
  down: theme.color.overdue,
  same: theme.color.textMuted,
  new: theme.color.textMuted,
};
const footer: CSSProperties = { fontSize: theme.fontSize.panelDetail, color: theme.color.textMuted };
const muted: CSSProperties = { color: theme.color.textMuted, fontSize: theme.fontSize.statusDetail };

/** The group columns; the maximum of each is written once, in the province table. */
function GroupHeaders({
  groups,
  withMax,
}: {
  groups: { id: string; maxPoints: string }[];
  withMax: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      {groups.map((group) => (
        <th key={group.id} style={th}>
          {t(`group.${group.id}` as MessageKey)}
          {withMax && ` /${group.maxPoints}`}
        </th>
      ))}
    </>
  );
}

/** One cell per group, in the order of the headers. */
function GroupCells({ points }: { points: string[] }) {
  return (
    <>
      {points.map((value, i) => (
        <td key={SERVICE_INDEX_GROUP_IDS[i]} style={td}>
          {value}
        </td>
      ))}
    </>
  );
}

function UnitList({
  title,
  rows,
  groups,
}: {
  title: string;
  rows: RankingRowView[];
  groups: { id: string; maxPoints: string }[];
}) {
  const { t } = useI18n();
  return (
    <Panel title={title}>
      <table style={table}>
        <thead>
          <tr>
            <th style={th}>{t('ranking.rank')}</th>
            <th style={th} />
            <th style={{ ...th, textAlign: 'left' }}>{t('ranking.unit')}</th>
            <th style={th}>{t('ranking.total')}</th>
            <GroupHeaders groups={groups} withMax={false} />
            <th style={th}>{t('ranking.dossiers')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitCode} data-testid={`ranking-${row.unitCode}`}>
              <td style={totalCell}>{row.rank}</td>
              <td style={{ ...td, color: changeColor[row.change] }}>{row.changeLabel}</td>
              <td style={nameCell} title={row.name}>
                {row.name}
              </td>
              <td style={totalCell}>{row.total}</td>
              <GroupCells points={row.groups} />
              <td style={td}>{row.dossiers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** The ranking screen: live, the current month's service index (scope `ranking`). */
export function RankingView({ ranking }: { ranking: Ranking | null }) {
  const { t } = useI18n();
  const view = useMemo(() => (ranking ? prepareRanking(ranking) : null), [ranking]);
  if (!view) {
    return (
      <main style={page}>
        <p style={muted}>{t('ranking.loading')}</p>
      </main>
    );
  }
  return (
    <main style={page} data-testid="ranking-view">
      <Panel
        title={t('ranking.title', { period: view.period })}
        aside={<span style={footer}>{t('ranking.subtitle')}</span>}
      >
        <table style={table}>
          <thead>
            <tr>
              <th style={{ ...th, textAlign: 'left' }}>{t('ranking.areas')}</th>
              <th style={th}>{t('ranking.total')}</th>
              <GroupHeaders groups={view.groups} withMax />
            </tr>
          </thead>
          <tbody>
            {view.areas.map((area) => (
              <tr key={area.name}>
                <td
                  style={{
                    ...nameCell,
                    maxWidth: 'none',
                    fontWeight: area.isProvince ? theme.font.weightBold : undefined,
                  }}
                >
                  {area.isProvince ? t('ranking.province') : area.name}
                </td>
                <td style={totalCell}>{area.total}</td>
                <GroupCells points={area.groups} />
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <div style={lists}>
        <UnitList title={t('ranking.top')} rows={view.top} groups={view.groups} />
        <UnitList title={t('ranking.bottom')} rows={view.bottom} groups={view.groups} />
      </div>
      <div style={footer}>
        {t('ranking.footer', {
          ranked: view.ranked,
          lowVolume: view.lowVolume,
          min: view.minDossiers,
          none: view.withoutDossiers,
        })}
      </div>
    </main>
  );
}
