import type { FeedRating, LiveFigures } from '@ioc/shared';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { useFreshKeys } from '../late-dossiers/useFreshKeys';
import { Panel, type PanelState } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { useUnitDirectory } from '../../units/UnitsContext';
import fresh from '../../ui/Fresh.module.css';
import styles from './Feedback.module.css';
import { prepareFeedback, type RatingShareView } from './prepareFeedback';

const LEVEL_CLASSES = [styles.level1, styles.level2, styles.level3, styles.level4, styles.level5];
const LEVEL_KEYS: MessageKey[] = ['rating.1', 'rating.2', 'rating.3', 'rating.4', 'rating.5'];

function ShareCell({ view, level }: { view: RatingShareView; level: number }) {
  return (
    <span className={styles.cell}>
      <span className={styles.track}>
        <span
          className={`${styles.fill} ${LEVEL_CLASSES[level - 1]}`}
          style={{ width: `${view.bar * 100}%` }}
        />
      </span>
      <span className={styles.shareText}>{view.share}</span>
    </span>
  );
}

export interface FeedbackProps {
  figures: LiveFigures;
  /**
   * The latest poor ratings (the province's feed); null while the feed has not arrived (the
   * distribution is shown from the figures meanwhile); absent: no list, the distribution alone.
   */
  lowRatings?: readonly FeedRating[] | null;
  /** The feed came without the comments' text (a wall not configured for it). */
  commentsWithheld?: boolean;
  state: PanelState;
  testId?: string;
}

/** What citizens say: ratings by level today and over 30 days, and the latest poor ratings in their words. */
export function Feedback({
  figures,
  lowRatings,
  commentsWithheld = false,
  state,
  testId = 'feedback',
}: FeedbackProps) {
  const { t } = useI18n();
  const { byCode } = useUnitDirectory();
  const view = useMemo(
    () => prepareFeedback(figures, lowRatings ?? [], byCode, commentsWithheld),
    [figures, lowRatings, byCode, commentsWithheld],
  );
  const arrived = useFreshKeys(lowRatings ? view.latestLow.map((low) => low.id) : null);
  return (
    <Panel
      title={t('feedback.title')}
      aside={t('feedback.counts', { today: view.ratingsToday, month: view.ratings30d })}
      state={state}
      testId={testId}
    >
      <div className={lowRatings === undefined ? styles.alone : styles.layout}>
        <div className={styles.levels} data-testid={`${testId}-levels`}>
          <span />
          <span className={styles.head}>{t('feedback.today')}</span>
          <span className={styles.head}>{t('feedback.month')}</span>
          {view.levels.map((level) => (
            <div key={level.level} className={styles.row} data-level={level.level}>
              <span className={styles.level} title={t(LEVEL_KEYS[level.level - 1]!)}>
                {level.level} ★
              </span>
              <ShareCell view={level.today} level={level.level} />
              <ShareCell view={level.month} level={level.level} />
            </div>
          ))}
        </div>
        {lowRatings !== undefined && (
          <div>
            <h3 className={styles.lowTitle}>{t('feedback.latestLow')}</h3>
            {lowRatings !== null && view.latestLow.length === 0 && (
              <p className={styles.none}>{t('feedback.noLow')}</p>
            )}
            <ul className={styles.lows} data-testid={`${testId}-low-ratings`}>
              {view.latestLow.map((low) => (
                <li
                  key={low.id}
                  className={`${styles.low} ${arrived.has(low.id) ? fresh.fresh : ''}`}
                  data-rating-id={low.id}
                >
                  <span className={styles.lowHead}>
                    <span className={styles.stars}>{'★'.repeat(low.level)}</span>
                    <RouteLink route={{ screen: 'unit', unitCode: low.unitCode }} className={styles.lowUnit}>
                      {low.unitName}
                    </RouteLink>
                    <span className={styles.lowTime}>{low.at}</span>
                  </span>
                  <span className={styles.comment}>
                    {low.comment ??
                      t(view.commentsWithheld ? 'feedback.commentWithheld' : 'feedback.noComment')}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Panel>
  );
}
