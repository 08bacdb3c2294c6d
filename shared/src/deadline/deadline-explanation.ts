import type { TracedDay, WorkingCalendar } from '../calendar/working-calendar';
import { VIETNAM_UTC_OFFSET_MS } from '../calendar/working-calendar';
import type { DossierEvent } from '../events/ingest-event';
import type { ProcessingTime } from '../procedures/procedure';
import { deriveDossierState, isOpen, orderDossierEvents, type DossierState } from '../dossiers/dossier-state';
import type { DeadlineExplanation, ExplainedDay, ExplainedPause } from '../dossiers/drilldown-api';
import {
  computeDueAt,
  workingDuration,
  workingTimeLate,
  type StatutoryDeadlineTrace,
  type TracedPause,
  type WorkingDuration,
} from './deadline';

export interface ExplainDeadlineInput {
  /** The dossier's whole timeline (any order). */
  events: readonly DossierEvent[];
  calendar: WorkingCalendar;
  /** The procedure's statutory time in the catalogue, null when it has none. */
  processingTime: ProcessingTime | null;
  /** The appointment date stored at receipt (`dossiers.statutory_due_at`). */
  storedStatutoryDueAt: number | null;
  nowMs: number;
}

/**
 * A dossier's deadline explained: the fold that derives its state is run again with a trace (the
 * statutory part by `computeDueAt`, each pause by `extendDueAtForPause`), so the explanation is
 * the computation itself, not a second account of it.
 */
export function explainDeadline(input: ExplainDeadlineInput): {
  state: DossierState;
  explanation: DeadlineExplanation;
} {
  const { calendar, nowMs } = input;
  const traced: TracedPause[] = [];
  const { state } = deriveDossierState(input.events, {
    calendar,
    statutoryDueAt: () => input.storedStatutoryDueAt,
    tracePause: (pause) => traced.push(pause),
  });
  const receipt = orderDossierEvents(input.events).find((e) => e.type === 'dossier.received');
  const sent = receipt?.type === 'dossier.received' && receipt.dossier.dueAt !== undefined;
  const source: DeadlineExplanation['source'] =
    state.statutoryDueAt === null ? 'none' : sent ? 'sent' : 'computed';

  const statutory: StatutoryDeadlineTrace = { days: [] };
  let recomputedDueAt: number | null = null;
  if (source === 'computed' && input.processingTime && state.receivedAt !== null) {
    const dueAt = computeDueAt(state.receivedAt, input.processingTime, calendar, statutory);
    if (dueAt !== state.statutoryDueAt) recomputedDueAt = dueAt;
  }
  const firstCounted = statutory.days.find((d) => d.countedFrom !== null)?.countedFrom ?? null;

  const pauses: ExplainedPause[] = traced.map((p) => ({
    pausedAt: iso(p.pausedAt),
    endedAt: iso(p.endedAt),
    endedBy: p.endedAt === state.resolvedAt ? 'resolved' : 'resumed',
    working: workingDuration(p.workingMs, calendar),
    dueBefore: iso(p.dueBefore),
    dueAfter: iso(p.dueAfter),
    days: p.days.map(explainedDay),
  }));
  let pausedMs = traced.reduce((sum, p) => sum + p.workingMs, 0);
  const open = isOpen(state);
  if (open && state.pausedAt !== null) {
    const soFar = calendar.workingTimeBetween(state.pausedAt, nowMs);
    pausedMs += soFar;
    pauses.push({
      pausedAt: iso(state.pausedAt),
      endedAt: null,
      endedBy: 'ongoing',
      working: workingDuration(soFar, calendar),
      dueBefore: isoOrNull(state.dueAt),
      dueAfter: null,
      days: [],
    });
  }

  const explanation: DeadlineExplanation = {
    processingTime: input.processingTime,
    source,
    receivedAt: isoOrNull(state.receivedAt),
    countingStartsAt: source === 'computed' ? isoOrNull(firstCounted) : null,
    beforeSameDayCutoff: statutory.beforeSameDayCutoff ?? null,
    nthCalendarDay: statutory.nthCalendarDay ?? null,
    days: statutory.days.map(explainedDay),
    statutoryDueAt: isoOrNull(state.statutoryDueAt),
    recomputedDueAt: isoOrNull(recomputedDueAt),
    pauses,
    pausedFor: workingDuration(pausedMs, calendar),
    dueAt: isoOrNull(state.dueAt),
    outcome: outcomeOf(state, open, nowMs, calendar),
    summary: { vi: '', en: '' },
  };
  explanation.summary = { vi: describeDeadline(explanation, 'vi'), en: describeDeadline(explanation, 'en') };
  return { state, explanation };
}

function outcomeOf(
  state: DossierState,
  open: boolean,
  nowMs: number,
  calendar: WorkingCalendar,
): DeadlineExplanation['outcome'] {
  const { dueAt, resolvedAt } = state;
  if (resolvedAt !== null && dueAt !== null && state.outcome !== null) {
    const by =
      state.outcome === 'late'
        ? calendar.workingTimeBetween(dueAt, resolvedAt)
        : calendar.workingTimeBetween(resolvedAt, dueAt);
    return { kind: state.outcome, at: iso(resolvedAt), by: workingDuration(by, calendar) };
  }
  if (!open)
    return { kind: state.closedAt === null ? 'none' : 'closed', at: iso(state.closedAt ?? nowMs), by: null };
  if (dueAt === null) return { kind: 'none', at: iso(nowMs), by: null };
  const late = workingTimeLate({ dueAt, resolvedAt, pausedAt: state.pausedAt, open }, nowMs, calendar);
  if (late !== null) return { kind: 'overdue', at: iso(nowMs), by: workingDuration(late, calendar) };
  // Within the deadline; a paused dossier's clock stands at its pause.
  const left = calendar.workingTimeBetween(state.pausedAt ?? nowMs, dueAt);
  return { kind: 'pending', at: iso(nowMs), by: workingDuration(left, calendar) };
}

/**
 * The explanation as a person reads it: "Hạn 5 ngày làm việc; nghỉ Giỗ Tổ Hùng Vương 27/4 không
 * tính; tạm dừng bổ sung 2 giờ 30 phút làm việc; hạn trả 06/05/2026 09:00; quá hạn 1 ngày 2 giờ".
 * Built from the data alone, so a screen can word it differently from the same answer.
 */
export function describeDeadline(e: DeadlineExplanation, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const parts: string[] = [];
  const time = e.processingTime;
  if (e.source === 'none') return vi ? 'Không có hạn xử lý' : 'No deadline';
  if (e.source === 'sent')
    parts.push(vi ? 'Hạn do phần mềm một cửa gửi' : "Due date sent by the commune's software");
  else if (time) parts.push(statutoryTime(time, e.beforeSameDayCutoff, vi));
  if (e.receivedAt && e.countingStartsAt && e.countingStartsAt !== e.receivedAt)
    parts.push(
      vi
        ? `nhận ngoài giờ, tính từ ${dateTime(e.countingStartsAt)}`
        : `received out of office hours, counted from ${dateTime(e.countingStartsAt)}`,
    );
  const skipped = [...e.days, ...e.pauses.flatMap((p) => p.days)].filter((d) => d.kind !== 'working');
  const daysOff = new Map<string, string[]>();
  for (const day of skipped.filter((d) => d.kind === 'day-off')) {
    const name = day.name ?? (vi ? 'ngày nghỉ' : 'day off');
    daysOff.set(name, [...(daysOff.get(name) ?? []), dayMonth(day.date)]);
  }
  for (const [name, dates] of daysOff)
    parts.push(
      vi ? `nghỉ ${name} ${dates.join(', ')} không tính` : `${name} ${dates.join(', ')} not counted`,
    );
  const weekends = new Set(skipped.filter((d) => d.kind === 'weekend').map((d) => d.date)).size;
  if (weekends > 0)
    parts.push(
      vi
        ? `${weekends} ngày cuối tuần không tính`
        : `${weekends} weekend day${weekends > 1 ? 's' : ''} not counted`,
    );
  if (e.pauses.length > 0) {
    const times = e.pauses.length > 1 ? (vi ? ` ${e.pauses.length} lần,` : ` ${e.pauses.length} times,`) : '';
    const ongoing = e.pauses.some((p) => p.endedBy === 'ongoing');
    parts.push(
      vi
        ? `tạm dừng bổ sung${times} ${duration(e.pausedFor, true)} làm việc${ongoing ? ' (đang tạm dừng)' : ''}`
        : `paused for supplements${times} ${duration(e.pausedFor, false)} of working time${ongoing ? ' (still paused)' : ''}`,
    );
  }
  if (e.recomputedDueAt && e.statutoryDueAt)
    parts.push(
      vi
        ? `lịch làm việc đã đổi sau khi tiếp nhận (nay sẽ là ${dateTime(e.recomputedDueAt)}), giữ hạn đã hẹn`
        : `the calendar changed after receipt (now ${dateTime(e.recomputedDueAt)}): the promised date stands`,
    );
  if (e.dueAt) parts.push(vi ? `hạn trả ${dateTime(e.dueAt)}` : `due ${dateTime(e.dueAt)}`);
  const by = e.outcome.by;
  switch (e.outcome.kind) {
    case 'overdue':
      parts.push(vi ? `quá hạn ${duration(by!, true)}` : `overdue by ${duration(by!, false)}`);
      break;
    case 'late':
      parts.push(vi ? `trả trễ ${duration(by!, true)}` : `resolved ${duration(by!, false)} late`);
      break;
    case 'early':
      parts.push(vi ? `giải quyết sớm ${duration(by!, true)}` : `resolved ${duration(by!, false)} early`);
      break;
    case 'on_time':
      parts.push(vi ? 'giải quyết đúng hạn' : 'resolved on time');
      break;
    case 'pending':
      parts.push(vi ? `còn ${duration(by!, true)}` : `${duration(by!, false)} left`);
      break;
    case 'closed':
      parts.push(vi ? 'hồ sơ đã đóng không có kết quả' : 'closed without a result');
      break;
    case 'none':
      break;
  }
  const sentence = parts.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function statutoryTime(time: ProcessingTime, beforeCutoff: boolean | null, vi: boolean): string {
  switch (time.unit) {
    case 'working-days':
      return vi
        ? `Hạn ${time.value} ngày làm việc`
        : `Due in ${time.value} working day${time.value > 1 ? 's' : ''}`;
    case 'working-hours':
      return vi
        ? `Hạn ${time.value} giờ làm việc`
        : `Due in ${time.value} working hour${time.value > 1 ? 's' : ''}`;
    case 'days':
      return vi ? `Hạn ${time.value} ngày` : `Due in ${time.value} calendar day${time.value > 1 ? 's' : ''}`;
    case 'same-day':
      if (vi)
        return beforeCutoff
          ? 'Hạn trong ngày (nhận trước 15:00)'
          : 'Hạn trong ngày, nhận sau 15:00 hoặc ngày nghỉ: ngày làm việc kế tiếp';
      return beforeCutoff
        ? 'Due the same day (received before 15:00)'
        : 'Same-day procedure received after 15:00 or on a day off: due the next working day';
  }
}

/** "1 ngày 2 giờ", "2 giờ 30 phút", "0 phút"; English "1 day 2 h". */
export function duration(d: WorkingDuration, vi: boolean): string {
  const parts: string[] = [];
  if (d.days > 0) parts.push(vi ? `${d.days} ngày` : `${d.days} day${d.days > 1 ? 's' : ''}`);
  if (d.hours > 0) parts.push(vi ? `${d.hours} giờ` : `${d.hours} h`);
  if (d.minutes > 0 || parts.length === 0) parts.push(vi ? `${d.minutes} phút` : `${d.minutes} min`);
  return parts.join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `06/05/2026 09:00`, Vietnam time. */
function dateTime(isoInstant: string): string {
  const local = new Date(Date.parse(isoInstant) + VIETNAM_UTC_OFFSET_MS);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** `27/4` of a `YYYY-MM-DD`. */
function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}`;
}

function explainedDay(day: TracedDay): ExplainedDay {
  return {
    date: day.date,
    weekday: ((new Date(`${day.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1,
    kind: day.kind,
    name: day.name,
    countedMinutes: day.countedMs / 60_000,
    countedFrom: isoOrNull(day.countedFrom),
    countedTo: isoOrNull(day.countedTo),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
