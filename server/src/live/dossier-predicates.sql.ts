/**
 * The SQL that says which dossiers count as open and as overdue, in one place: the live figures
 * and the 5-minute samples must never disagree. `isOpen` is written exactly as the partial index
 * `dossiers_open` (migration CreateIngestTables) so that the planner uses it.
 */
export const OPEN_DOSSIER_SQL = `status IN ('received', 'in_process', 'paused')`;

/**
 * Open and past the deadline at `nowParam` (e.g. `$2`). A paused dossier's clock is stopped,
 * but one paused after its deadline stays overdue. `alias` qualifies the columns (`d.`).
 */
export function overdueAtSql(nowParam: string, alias = ''): string {
  return `${alias}due_at <= ${nowParam} AND (${alias}status <> 'paused' OR ${alias}due_at <= ${alias}paused_at)`;
}
