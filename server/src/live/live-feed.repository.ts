import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FeedRating } from '@ioc/shared';
import { OPEN_DOSSIER_SQL, overdueAtSql } from './dossier-predicates.sql';

/** A dossier of a feed list, before the catalogue names its procedure. */
export interface FeedDossierRow {
  unitCode: string;
  dossierCode: string;
  procedureCode: string | null;
  field: string | null;
  receivedAt: string | null;
  dueAt: string;
  resolvedAt: string | null;
}

export interface FeedRows {
  lowRatings: FeedRating[];
  turnedOverdue: FeedDossierRow[];
  resolvedLate: FeedDossierRow[];
}

interface Row {
  list: 'low-rating' | 'turned-overdue' | 'resolved-late';
  unit_code: string;
  code: string;
  rating: number | null;
  comment: string | null;
  source: string | null;
  dossier_code: string | null;
  procedure_code: string | null;
  field: string | null;
  received_at: Date | null;
  due_at: Date | null;
  resolved_at: Date | null;
  at: Date | null;
}

/** The wall's live lists (scope `feed`). */
@Injectable()
export class LiveFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The newest `length` items of each list at `now`, in ONE statement (all three describe the same
   * moment). Each list is the first rows of its partial index (migration IndexWallFeed), newest
   * first, ties broken by unit and code so that the same rows come in the same order every time.
   * The turned-overdue list is the live figures' own `overdue` (paused before the deadline: not
   * overdue); resolved late counts as the live `resolved` figures do, its keys read from its index
   * alone, then each dossier by its primary key.
   */
  async latest(now: Date, length: number): Promise<FeedRows> {
    const dossierColumns = `d.unit_code, d.code, NULL::smallint AS rating, NULL AS comment, NULL AS source,
              NULL AS dossier_code, d.procedure_code, d.field, d.received_at, d.due_at, d.resolved_at, NULL::timestamptz AS at`;
    const rows = await this.dataSource.query<Row[]>(
      `(SELECT 'low-rating' AS list, f.unit_code, f.id AS code, f.rating::int AS rating, f.comment, f.source,
               f.dossier_code, NULL AS procedure_code, NULL AS field, NULL::timestamptz AS received_at,
               NULL::timestamptz AS due_at, NULL::timestamptz AS resolved_at, f.at, f.at AS sort_at
        FROM feedback f
        WHERE f.rating <= 2 AND f.at > $1::timestamptz - INTERVAL '30 days' AND f.at <= $1
        ORDER BY f.at DESC, f.unit_code DESC, f.id DESC LIMIT $2)
       UNION ALL
       (SELECT 'turned-overdue', ${dossierColumns}, d.due_at
        FROM dossiers d
        WHERE d.${OPEN_DOSSIER_SQL} AND d.due_at > $1::timestamptz - INTERVAL '24 hours'
          AND ${overdueAtSql('$1', 'd.')}
        ORDER BY d.due_at DESC, d.unit_code DESC, d.code DESC LIMIT $2)
       UNION ALL
       (SELECT 'resolved-late', ${dossierColumns}, d.resolved_at
        FROM (SELECT unit_code, code FROM dossiers
              WHERE outcome = 'late' AND status <> 'unreceived'
                AND resolved_at > $1::timestamptz - INTERVAL '24 hours' AND resolved_at <= $1
              ORDER BY resolved_at DESC, unit_code DESC, code DESC LIMIT $2) late
        JOIN dossiers d ON d.unit_code = late.unit_code AND d.code = late.code)
       ORDER BY list, sort_at DESC, unit_code DESC, code DESC`,
      [now, length],
    );
    const feed: FeedRows = { lowRatings: [], turnedOverdue: [], resolvedLate: [] };
    for (const row of rows) {
      if (row.list === 'low-rating') {
        feed.lowRatings.push({
          id: row.code,
          unitCode: row.unit_code,
          rating: Number(row.rating),
          comment: row.comment,
          at: row.at!.toISOString(),
          dossierCode: row.dossier_code,
          source: row.source ?? '',
        });
        continue;
      }
      const dossier: FeedDossierRow = {
        unitCode: row.unit_code,
        dossierCode: row.code,
        procedureCode: row.procedure_code,
        field: row.field,
        receivedAt: row.received_at?.toISOString() ?? null,
        dueAt: row.due_at!.toISOString(),
        resolvedAt: row.list === 'resolved-late' ? (row.resolved_at?.toISOString() ?? null) : null,
      };
      (row.list === 'turned-overdue' ? feed.turnedOverdue : feed.resolvedLate).push(dossier);
    }
    return feed;
  }
}
