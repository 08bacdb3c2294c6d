import type { DeadlineExplanation, DossierDetail, ExplainedDay, TimelineEntry } from '@ioc/shared';
import { formatVietnamDate } from '../../format/vietnamTime';
import { formatWorkingDuration } from '../../format/workingDuration';
import type { Language, MessageKey } from '../../i18n/messages';
import { when } from '../dossier-list/prepareDossierList';

export interface ExplainedDayView {
  date: string;
  kind: ExplainedDay['kind'];
  /** The day off's name, or the weekday for a weekend. */
  name: string | null;
  /** "3 giờ 30 phút" counted, or null for a day skipped. */
  counted: string | null;
}

export interface TimelineRowView {
  id: string;
  type: string;
  typeLabel: MessageKey | null;
  at: string;
  arrivedAt: string;
  /** Arrived after an event that happened later (out of order). */
  arrivedLate: boolean;
  key: string | null;
  /** What the event adds: the department, the new date of an apology, the reason... */
  detail: string | null;
}

export interface DossierDetailView {
  /** The explanation as one sentence, in the screen's language (written by the server from the same data). */
  sentence: string;
  days: ExplainedDayView[];
  pauses: { from: string; to: string; working: string; endedBy: string }[];
  timeline: TimelineRowView[];
  outcome: { kind: DeadlineExplanation['outcome']['kind']; by: string | null };
}

const EVENT_LABELS: Record<string, MessageKey> = {
  'dossier.received': 'event.received',
  'dossier.assigned': 'event.assigned',
  'dossier.paused': 'event.paused',
  'dossier.resumed': 'event.resumed',
  'dossier.resolved': 'event.resolved',
  'dossier.returned': 'event.returned',
  'dossier.rejected': 'event.rejected',
  'dossier.withdrawn': 'event.withdrawn',
  'dossier.apologized': 'event.apologized',
  'dossier.paid': 'event.paid',
  'dossier.synced': 'event.synced',
};

const minutesOf = (minutes: number) => ({
  workingMinutes: minutes,
  days: 0,
  hours: Math.floor(minutes / 60),
  minutes: Math.round(minutes % 60),
});

function detailOf(entry: TimelineEntry): string | null {
  const event = entry.event;
  const pick = (name: string) => (typeof event[name] === 'string' ? event[name] : null);
  const due = pick('newDueAt');
  return pick('department') ?? pick('reason') ?? (due ? when(due) : null) ?? pick('method');
}

/** A dossier as its screen reads: the deadline day by day, the pauses, the events in order. */
export function prepareDossierDetail(detail: DossierDetail, language: Language): DossierDetailView {
  const { deadline } = detail;
  return {
    sentence: deadline.summary[language],
    days: deadline.days.map((day) => ({
      date: formatVietnamDate(Date.parse(`${day.date}T12:00:00+07:00`)),
      kind: day.kind,
      name: day.name,
      counted:
        day.kind === 'working' && day.countedMinutes > 0
          ? formatWorkingDuration(minutesOf(day.countedMinutes), language)
          : null,
    })),
    pauses: deadline.pauses.map((pause) => ({
      from: when(pause.pausedAt),
      to: when(pause.endedAt),
      working: formatWorkingDuration(pause.working, language),
      endedBy: pause.endedBy,
    })),
    timeline: detail.timeline.map((entry) => ({
      id: entry.id,
      type: entry.type,
      typeLabel: EVENT_LABELS[entry.type] ?? null,
      at: when(entry.at),
      arrivedAt: when(entry.arrivedAt),
      arrivedLate: entry.arrivedLate,
      key: entry.key ? (entry.key.name ?? entry.key.prefix ?? entry.key.id) : null,
      detail: detailOf(entry),
    })),
    outcome: {
      kind: deadline.outcome.kind,
      by: deadline.outcome.by ? formatWorkingDuration(deadline.outcome.by, language) : null,
    },
  };
}
