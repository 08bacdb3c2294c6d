import { dossierDetailSchema } from '@ioc/shared';
import { useMemo } from 'react';
import { useResource } from '../../api/useResource';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { prepareDossierDetail } from '../../panels/dossier-detail/prepareDossierDetail';
import { prepareDossierRow, when } from '../../panels/dossier-list/prepareDossierList';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { Panel } from '../../ui/Panel';
import { StatusView } from '../../ui/StatusView';
import { FORMER_PROVINCES } from '../../units/formerProvinces';
import { useUnitDirectory } from '../../units/UnitsContext';
import styles from './DossierScreen.module.css';

const DAY_KIND_KEYS: Record<'working' | 'weekend' | 'day-off', MessageKey> = {
  working: 'dossier.day.working',
  weekend: 'dossier.day.weekend',
  'day-off': 'dossier.day.off',
};

/**
 * One dossier (`/dossiers/24781/H48…`): its deadline explained as a person reads it, day by day and
 * pause by pause, its events in the order they happened with when each arrived and from which
 * key, its anomalies and its ratings.
 */
export default function DossierScreen({ unitCode, code }: { unitCode: string; code: string }) {
  const { t, language } = useI18n();
  const { byCode } = useUnitDirectory();
  const detail = useResource(`/api/v1/dossiers/${unitCode}/${encodeURIComponent(code)}`, dossierDetailSchema);
  const view = useMemo(
    () => (detail.data ? prepareDossierDetail(detail.data, language) : null),
    [detail.data, language],
  );
  const row = useMemo(
    () => (detail.data ? prepareDossierRow(detail.data.dossier, language, t('late.unknownProcedure')) : null),
    [detail.data, language, t],
  );
  const unit = byCode.get(unitCode);
  const province = FORMER_PROVINCES.find((p) => p.name === unit?.formerProvince);

  if (detail.status === 'loading') return <StatusView headline={t('panel.loading')} />;
  if (!detail.data || !view || !row) {
    return (
      <StatusView
        error
        headline={t('dossier.notFound', { code })}
        detail={detail.error ?? undefined}
        testId="dossier-not-found"
      />
    );
  }
  const dossier = detail.data.dossier;
  const late = view.outcome.kind === 'late' || view.outcome.kind === 'overdue';
  return (
    <main className={styles.screen} data-testid="dossier-screen">
      <Breadcrumb
        crumbs={[
          { label: t('ranking.province'), route: { screen: 'operations' } },
          ...(province
            ? [
                {
                  label: t('grid.formerProvince', { province: province.name }),
                  route: { screen: 'map' as const, figure: 'overdue-share' as const, area: province.slug },
                },
              ]
            : []),
          { label: unit?.name ?? unitCode, route: { screen: 'unit', unitCode } },
          ...(dossier.field
            ? [
                {
                  label: fieldLabel(dossier.field, t),
                  route: { screen: 'dossiers' as const, filter: { unit: unitCode, field: dossier.field } },
                },
              ]
            : []),
          { label: code, route: null },
        ]}
      />
      <header className={styles.heading}>
        <h2 className={styles.code}>
          {t('dossier.title', { code })} · {t(row.stateLabel)}
        </h2>
        <span className={styles.meta}>
          {row.procedure}
          {dossier.field && ` · ${fieldLabel(dossier.field, t)}`}
          {dossier.channel && ` · ${dossier.channel}`} · {unit?.name ?? unitCode}
        </span>
      </header>
      <p className={`${styles.sentence} ${late ? styles.late : ''}`} data-testid="deadline-sentence">
        {view.sentence}
      </p>
      <div className={styles.columns}>
        <Panel title={t('dossier.deadlineDays')} testId="deadline-days">
          <dl className={styles.facts}>
            <dt>{t('dossiers.column.received')}</dt>
            <dd>{row.received}</dd>
            <dt>{t('dossier.printedDue')}</dt>
            <dd>{when(dossier.statutoryDueAt)}</dd>
            <dt>{t('dossiers.column.due')}</dt>
            <dd>{row.due}</dd>
            {view.outcome.by && (
              <>
                <dt>{t(`dossier.outcome.${view.outcome.kind}` as MessageKey)}</dt>
                <dd>{view.outcome.by}</dd>
              </>
            )}
            {dossier.department && (
              <>
                <dt>{t('dossier.department')}</dt>
                <dd>{dossier.department}</dd>
              </>
            )}
            {dossier.apologyDueAt && (
              <>
                <dt>{t('dossiers.column.apology')}</dt>
                <dd>{when(dossier.apologyDueAt)}</dd>
              </>
            )}
          </dl>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t('dossier.day')}</th>
                <th>{t('dossier.dayKind')}</th>
                <th>{t('dossier.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {view.days.map((day) => (
                <tr key={day.date} className={day.counted ? undefined : styles.skipped}>
                  <td>{day.date}</td>
                  <td>
                    {t(DAY_KIND_KEYS[day.kind])}
                    {day.name && ` — ${day.name}`}
                  </td>
                  <td>{day.counted ?? t('dossier.notCounted')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.pauses.length > 0 && (
            <ul className={styles.list} data-testid="deadline-pauses">
              {view.pauses.map((pause) => (
                <li key={pause.from}>
                  {t('dossier.pause', { from: pause.from, to: pause.to, working: pause.working })}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t('dossier.timeline')} testId="dossier-timeline">
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t('dossier.happened')}</th>
                <th>{t('dossier.event')}</th>
                <th>{t('dossier.arrived')}</th>
                <th>{t('dossier.key')}</th>
              </tr>
            </thead>
            <tbody>
              {view.timeline.map((entry) => (
                <tr key={entry.id} data-event={entry.type}>
                  <td>{entry.at}</td>
                  <td>
                    {entry.typeLabel ? t(entry.typeLabel) : entry.type}
                    {entry.detail && ` — ${entry.detail}`}
                  </td>
                  <td>
                    {entry.arrivedAt}
                    {entry.arrivedLate && <span className={styles.flag}>{t('dossier.arrivedLate')}</span>}
                  </td>
                  <td>{entry.key ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.data.anomalies.length > 0 && (
            <>
              <h3>{t('dossier.anomalies')}</h3>
              <ul className={styles.list}>
                {detail.data.anomalies.map((anomaly) => (
                  <li key={`${anomaly.eventId}-${anomaly.kind}`}>
                    {when(anomaly.at)} — {anomaly.detail}
                  </li>
                ))}
              </ul>
            </>
          )}
          {detail.data.feedback.length > 0 && (
            <>
              <h3>{t('dossier.feedback')}</h3>
              <ul className={styles.list}>
                {detail.data.feedback.map((rating) => (
                  <li key={rating.id}>
                    {'★'.repeat(rating.rating)} {when(rating.at)}
                    {rating.comment && ` — ${rating.comment}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
      </div>
    </main>
  );
}
