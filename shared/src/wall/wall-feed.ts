/**
 * The wall's live lists (realtime scope `feed`): what a leader should read by name, not as a
 * count — the latest poor ratings with their comment, the dossiers that just turned overdue, the
 * dossiers just resolved late. Counted from the database after every live change and sent whole
 * when it changed, like the ranking.
 */

/** Each list holds at most this many items, newest first. */
export const WALL_FEED_LENGTH = 20;

/** A rating of 1 or 2 (Rất không hài lòng, Không hài lòng). */
export interface FeedRating {
  /** The contract's event id, unique within its unit. */
  id: string;
  unitCode: string;
  rating: number;
  /** The citizen's words; null when none were given. */
  comment: string | null;
  /** When the citizen rated (ISO). */
  at: string;
  /** The dossier rated, when the rating names one. */
  dossierCode: string | null;
  /** Where the rating was given: kiosk, sms, portal, zalo… (the contract's `source`). */
  source: string;
}

/** A dossier in one of the lists. */
export interface FeedDossier {
  unitCode: string;
  dossierCode: string;
  procedureCode: string | null;
  /** The catalogue's Vietnamese name of the procedure; null when the procedure is unknown. */
  procedureName: string | null;
  field: string | null;
  receivedAt: string | null;
  /** The deadline that passed (or was missed). */
  dueAt: string;
  /** For `resolvedLate`: when the result came; null in `turnedOverdue`. */
  resolvedAt: string | null;
}

export interface WallFeed {
  /**
   * True when this copy was sent without the comments' text (a wall not configured to show
   * citizens' words): `comment` is then null for every rating, which is not "no comment".
   */
  commentsWithheld: boolean;
  /** The latest ratings of 1–2 in the last 30 days, newest first. */
  lowRatings: FeedRating[];
  /** Open dossiers whose deadline passed in the last 24 hours, the most recent deadline first. */
  turnedOverdue: FeedDossier[];
  /** Dossiers resolved after their deadline in the last 24 hours, the most recent result first. */
  resolvedLate: FeedDossier[];
}
