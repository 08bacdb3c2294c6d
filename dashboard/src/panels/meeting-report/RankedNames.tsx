import { formatPoints, type MeetingReport } from '@ioc/shared';
import { useI18n } from '../../i18n/I18nContext';
import { shortUnitName } from '../../units/unitName';
import styles from './RankedNames.module.css';

/** The headline's best or last three units; a period where no unit reached the ranking says so. */
export function RankedNames({
  units,
  minDossiers,
  className,
}: {
  units: MeetingReport['headline']['best'];
  minDossiers: number;
  className?: string;
}) {
  const { t } = useI18n();
  if (units.length === 0)
    return <p className={styles.none}>{t('report.noneRanked', { count: minDossiers })}</p>;
  return (
    <ol className={className}>
      {units.map((unit) => (
        <li key={unit.unitCode}>
          {shortUnitName(unit.unitName)} — {formatPoints(unit.total)}
        </li>
      ))}
    </ol>
  );
}
