import type { DossierListItem } from '@ioc/shared';
import { MISSING_FIGURE } from '../../format/figures';
import { formatVietnamDateTime } from '../../format/vietnamTime';
import { formatWorkingDuration } from '../../format/workingDuration';
import type { Language, MessageKey } from '../../i18n/messages';
import { shortUnitName } from '../../units/unitName';

/** How a dossier stands, in one word the list colours. */
export type DossierStateKind =
  'overdue' | 'open' | 'paused' | 'late' | 'on-time' | 'early' | 'rejected' | 'withdrawn' | 'other';

export interface DossierRowView {
  key: string;
  unitCode: string;
  unitName: string;
  code: string;
  field: string | null;
  procedure: string;
  channel: string | null;
  received: string;
  due: string;
  resolved: string;
  state: DossierStateKind;
  stateLabel: MessageKey;
  /** "1 ngày 2 giờ" past the deadline (now, or at the result); null when not late. */
  overdueBy: string | null;
  pausedFor: string | null;
  /** The apology letter's new date, when one was issued. */
  apology: string | null;
  rating: number | null;
}

function stateOf(item: DossierListItem): DossierStateKind {
  if (item.overdue) return 'overdue';
  switch (item.status) {
    case 'received':
    case 'in_process':
      return 'open';
    case 'paused':
      return 'paused';
    case 'resolved':
    case 'returned':
      return item.outcome === 'late'
        ? 'late'
        : item.outcome === 'early'
          ? 'early'
          : item.outcome === 'on_time'
            ? 'on-time'
            : 'other';
    case 'rejected':
      return 'rejected';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return 'other';
  }
}

const STATE_LABELS: Record<DossierStateKind, MessageKey> = {
  overdue: 'dossier.state.overdue',
  open: 'dossier.state.open',
  paused: 'dossier.state.paused',
  late: 'dossier.state.late',
  'on-time': 'dossier.state.on-time',
  early: 'dossier.state.early',
  rejected: 'dossier.state.rejected',
  withdrawn: 'dossier.state.withdrawn',
  other: 'dossier.state.other',
};

/** An ISO instant in Vietnam time; a dash when there is none. */
export function when(iso: string | null): string {
  return iso === null ? MISSING_FIGURE : formatVietnamDateTime(Date.parse(iso));
}

/** A row of the list as the table shows it: times in Vietnam, durations in office time. */
export function prepareDossierRow(
  item: DossierListItem,
  language: Language,
  unknownProcedure: string,
): DossierRowView {
  const state = stateOf(item);
  return {
    key: `${item.unitCode}/${item.code}`,
    unitCode: item.unitCode,
    unitName: shortUnitName(item.unitName),
    code: item.code,
    field: item.field,
    procedure: item.procedureName ?? item.procedureCode ?? unknownProcedure,
    channel: item.channel,
    received: when(item.receivedAt),
    due: when(item.dueAt),
    resolved: when(item.resolvedAt),
    state,
    stateLabel: STATE_LABELS[state],
    overdueBy:
      item.overdueBy && (state === 'overdue' || state === 'late')
        ? formatWorkingDuration(item.overdueBy, language)
        : null,
    pausedFor: item.pausedFor ? formatWorkingDuration(item.pausedFor, language) : null,
    apology: item.apologyDueAt ? when(item.apologyDueAt) : null,
    rating: item.rating,
  };
}
