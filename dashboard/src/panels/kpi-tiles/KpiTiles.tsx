import type { KpiComparison, LiveFigures } from '@ioc/shared';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import styles from './KpiTiles.module.css';
import type { Route } from '../../router/routes';
import { RouteLink } from '../../ui/RouteLink';
import { prepareKpiTiles, type KpiChangeView, type KpiTileId } from './prepareKpiTiles';

const ARROW: Record<KpiChangeView['direction'], string> = { up: '▲', down: '▼', flat: '■' };

export interface KpiTilesProps {
  figures: LiveFigures;
  comparison: KpiComparison | null;
  /** The list each figure opens (the dossiers it counts); null: a figure not to be opened. */
  linkOf?: (id: KpiTileId) => Route | null;
  /** Prefix of the tiles' test ids (`kpi-backlog`, `unit-kpi-backlog`). */
  testIdPrefix?: string;
}

/** The area's headline figures, largest type on the wall, each with how it moved since yesterday. */
export function KpiTiles({ figures, comparison, linkOf, testIdPrefix = 'kpi' }: KpiTilesProps) {
  const { t } = useI18n();
  const tiles = useMemo(() => prepareKpiTiles(figures, comparison), [figures, comparison]);
  return (
    <div className={styles.row} data-testid={`${testIdPrefix}-tiles`}>
      {tiles.map((tile) => {
        const route = linkOf?.(tile.id) ?? null;
        const className = `${styles.tile} ${tile.alert ? styles.alert : ''} ${route ? styles.link : ''}`;
        const content = (
          <>
            <span className={styles.label}>{t(tile.label)}</span>
            <span className={styles.valueLine}>
              <span className={styles.value} data-testid={`${testIdPrefix}-${tile.id}`}>
                {tile.value}
              </span>
              {tile.unit && <span className={styles.unit}>{t(tile.unit)}</span>}
            </span>
            {tile.detail && <span className={styles.detail}>{t(tile.detail.key, tile.detail.params)}</span>}
            {tile.changes.length > 0 && (
              <span className={styles.changes}>
                {tile.changes.map((change) => (
                  <span
                    key={change.versus}
                    className={`${styles.change} ${styles[change.tone]}`}
                    data-testid={`${testIdPrefix}-${tile.id}-vs-${change.versus}`}
                  >
                    {ARROW[change.direction]} {change.delta}{' '}
                    <span className={styles.versus}>
                      {t(change.versus === 'yesterday' ? 'kpi.vsYesterday' : 'kpi.vsLastWeek')}
                    </span>
                  </span>
                ))}
              </span>
            )}
          </>
        );
        return route ? (
          <RouteLink
            key={tile.id}
            route={route}
            className={className}
            testId={`${testIdPrefix}-${tile.id}-link`}
          >
            {content}
          </RouteLink>
        ) : (
          <div key={tile.id} className={className}>
            {content}
          </div>
        );
      })}
    </div>
  );
}
