import { RATED_30D_KEYS, RATED_TODAY_KEYS, type FeedRating, type LiveFigures, type Unit } from '@ioc/shared';
import { formatCount, formatShare } from '../../format/figures';
import { formatVietnamDayTime } from '../../format/vietnamTime';
import { shortUnitName } from '../../units/unitName';

/** Low ratings listed: as many as fit the panel at every screen size. */
export const LOW_RATINGS_SHOWN = 4;

export interface RatingShareView {
  count: string;
  /** "62%"; a dash when nobody rated in the window. */
  share: string;
  /** The bar's length, 0–1 of the window's ratings. */
  bar: number;
}

export interface RatingLevelView {
  level: 1 | 2 | 3 | 4 | 5;
  today: RatingShareView;
  month: RatingShareView;
}

export interface LowRatingView {
  id: string;
  level: number;
  unitCode: string;
  unitName: string;
  at: string;
  /** Null when the citizen left no words. */
  comment: string | null;
  dossierCode: string | null;
}

export interface FeedbackView {
  /** Levels 5 (Rất hài lòng) down to 1 (Rất không hài lòng), as the form lists them. */
  levels: RatingLevelView[];
  ratingsToday: string;
  ratings30d: string;
  latestLow: LowRatingView[];
  /** This wall may not show citizens' words: the comments are withheld, not absent. */
  commentsWithheld: boolean;
}

function shareView(count: number, total: number): RatingShareView {
  return {
    count: formatCount(count),
    share: formatShare(total === 0 ? null : count / total),
    bar: total === 0 ? 0 : count / total,
  };
}

/** The distribution of ratings today and over 30 days, and the latest ratings of 1–2 with their words. */
export function prepareFeedback(
  figures: LiveFigures,
  lowRatings: readonly FeedRating[],
  units: ReadonlyMap<string, Unit>,
  commentsWithheld = false,
): FeedbackView {
  const levels = ([5, 4, 3, 2, 1] as const).map((level) => ({
    level,
    today: shareView(figures[RATED_TODAY_KEYS[level - 1]!], figures.ratingsToday),
    month: shareView(figures[RATED_30D_KEYS[level - 1]!], figures.ratings30d),
  }));
  return {
    levels,
    ratingsToday: formatCount(figures.ratingsToday),
    ratings30d: formatCount(figures.ratings30d),
    commentsWithheld,
    latestLow: lowRatings.slice(0, LOW_RATINGS_SHOWN).map((rating) => {
      const unit = units.get(rating.unitCode);
      return {
        id: `${rating.unitCode}/${rating.id}`,
        level: rating.rating,
        unitCode: rating.unitCode,
        unitName: unit ? shortUnitName(unit.name) : rating.unitCode,
        at: formatVietnamDayTime(Date.parse(rating.at)),
        comment: rating.comment?.trim() || null,
        dossierCode: rating.dossierCode,
      };
    }),
  };
}
