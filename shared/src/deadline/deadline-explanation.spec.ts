import { WorkingCalendar } from '../calendar/working-calendar';
import type { DossierEvent } from '../events/ingest-event';
import { showVn, vn } from '../testing/vietnam-time';
import { explainDeadline } from './deadline-explanation';
import { workingDuration, workingTimeLate } from './deadline';

// Hand-computed fixtures: office hours 07:00–11:30 and 13:30–17:00 (8 h a working day).
const HUNG_KINGS = { date: '2026-04-27', kind: 'day-off' as const, name: 'Giỗ Tổ Hùng Vương' };
const calendar = new WorkingCalendar([HUNG_KINGS]);
const iso = (local: string) => new Date(vn(local)).toISOString();

let n = 0;
function event(type: DossierEvent['type'], local: string, extra: Record<string, unknown> = {}): DossierEvent {
  return {
    id: `e${++n}`,
    unit: '24781',
    type,
    at: iso(local),
    dossier: { code: 'HS-1', ...(extra.dossier as object) },
    ...extra,
  } as DossierEvent;
}
const received = (local: string, dueAt?: string) =>
  event('dossier.received', local, {
    dossier: {
      code: 'HS-1',
      procedure: '1.000001',
      field: 'land',
      channel: 'direct',
      ...(dueAt ? { dueAt: iso(dueAt) } : {}),
    },
  });

describe('explainDeadline: the deadline as the fold computed it, step by step', () => {
  it('5 working days across a weekend and Hung Kings day, a 2 h 30 pause, overdue by 1 day 2 h (the issue’s sentence)', () => {
    // Fri 24/4 10:00 → 5 h that day; Sat 25, Sun 26 weekend; Mon 27 Giỗ Tổ; Tue 28 – Fri 1/5 4 × 8 h
    // (37 h); Sat 2, Sun 3 weekend; Mon 4/5 07:00–10:00 (40 h): statutory due Mon 4/5 10:00.
    // Paused Thu 30/4 09:00–11:30: 2 h 30 of office time → due Mon 4/5 10:00 + 2 h 30 = 14:30.
    // Judged Tue 5/5 16:30: Mon 14:30–17:00 (2 h 30) + Tue 07:00–16:30 (7 h 30) = 10 h = 1 day 2 h.
    const { explanation, state } = explainDeadline({
      events: [
        received('2026-04-24 10:00'),
        event('dossier.paused', '2026-04-30 09:00', { reason: 'supplement' }),
        event('dossier.resumed', '2026-04-30 11:30'),
      ],
      calendar,
      processingTime: { value: 5, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-05-04 10:00'),
      nowMs: vn('2026-05-05 16:30'),
    });
    expect(showVn(state.dueAt!)).toBe('2026-05-04 14:30');
    expect(explanation.source).toBe('computed');
    expect(explanation.recomputedDueAt).toBeNull();
    expect(explanation.days.map((d) => [d.date, d.kind, d.name, d.countedMinutes])).toEqual([
      ['2026-04-24', 'working', null, 300],
      ['2026-04-25', 'weekend', null, 0],
      ['2026-04-26', 'weekend', null, 0],
      ['2026-04-27', 'day-off', 'Giỗ Tổ Hùng Vương', 0],
      ['2026-04-28', 'working', null, 480],
      ['2026-04-29', 'working', null, 480],
      ['2026-04-30', 'working', null, 480],
      ['2026-05-01', 'working', null, 480],
      ['2026-05-02', 'weekend', null, 0],
      ['2026-05-03', 'weekend', null, 0],
      ['2026-05-04', 'working', null, 180],
    ]);
    expect(explanation.days[0]!.weekday).toBe(5);
    expect(explanation.days[0]!.countedFrom).toBe(iso('2026-04-24 10:00'));
    expect(explanation.days[10]!.countedTo).toBe(iso('2026-05-04 10:00'));
    expect(explanation.pauses).toEqual([
      expect.objectContaining({
        pausedAt: iso('2026-04-30 09:00'),
        endedAt: iso('2026-04-30 11:30'),
        endedBy: 'resumed',
        working: { workingMinutes: 150, days: 0, hours: 2, minutes: 30 },
        dueBefore: iso('2026-05-04 10:00'),
        dueAfter: iso('2026-05-04 14:30'),
      }),
    ]);
    expect(explanation.outcome).toEqual({
      kind: 'overdue',
      at: iso('2026-05-05 16:30'),
      by: { workingMinutes: 600, days: 1, hours: 2, minutes: 0 },
    });
    expect(explanation.summary.vi).toBe(
      'Hạn 5 ngày làm việc; nghỉ Giỗ Tổ Hùng Vương 27/4 không tính; 4 ngày cuối tuần không tính; ' +
        'tạm dừng bổ sung 2 giờ 30 phút làm việc; hạn trả 04/05/2026 14:30; quá hạn 1 ngày 2 giờ',
    );
    expect(explanation.summary.en).toBe(
      'Due in 5 working days; Giỗ Tổ Hùng Vương 27/4 not counted; 4 weekend days not counted; ' +
        'paused for supplements 2 h 30 min of working time; due 04/05/2026 14:30; overdue by 1 day 2 h',
    );
  });

  it('same day: at 15:00 on a Friday it is due Monday 17:00; resolved Tuesday 08:00 is 1 h late', () => {
    const { explanation } = explainDeadline({
      events: [received('2026-05-08 15:00'), event('dossier.resolved', '2026-05-12 08:00')],
      calendar,
      processingTime: { value: 0, unit: 'same-day' },
      storedStatutoryDueAt: vn('2026-05-11 17:00'),
      nowMs: vn('2026-05-20 10:00'),
    });
    expect(explanation.beforeSameDayCutoff).toBe(false);
    expect(explanation.days.map((d) => [d.date, d.kind])).toEqual([
      ['2026-05-08', 'working'],
      ['2026-05-09', 'weekend'],
      ['2026-05-10', 'weekend'],
      ['2026-05-11', 'working'],
    ]);
    expect(explanation.dueAt).toBe(iso('2026-05-11 17:00'));
    expect(explanation.outcome).toEqual({
      kind: 'late',
      at: iso('2026-05-12 08:00'),
      by: { workingMinutes: 60, days: 0, hours: 1, minutes: 0 },
    });
    expect(explanation.summary.vi).toMatch(
      /nhận sau 15:00.*2 ngày cuối tuần không tính; hạn trả 11\/05\/2026 17:00; trả trễ 1 giờ$/,
    );
  });

  it('same day: at 14:59 it is due 17:00 that day, and resolved at 16:00 is on time', () => {
    const { explanation } = explainDeadline({
      events: [received('2026-05-08 14:59'), event('dossier.resolved', '2026-05-08 16:00')],
      calendar,
      processingTime: { value: 0, unit: 'same-day' },
      storedStatutoryDueAt: vn('2026-05-08 17:00'),
      nowMs: vn('2026-05-20 10:00'),
    });
    expect(explanation.beforeSameDayCutoff).toBe(true);
    expect(explanation.outcome.kind).toBe('on_time');
    expect(explanation.outcome.by?.workingMinutes).toBe(60);
  });

  it('a Saturday receipt counts from Monday 07:00', () => {
    const { explanation } = explainDeadline({
      events: [received('2026-05-09 10:00')],
      calendar,
      processingTime: { value: 1, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-05-11 17:00'),
      nowMs: vn('2026-05-11 09:00'),
    });
    expect(explanation.countingStartsAt).toBe(iso('2026-05-11 07:00'));
    expect(explanation.days.map((d) => [d.date, d.kind, d.countedMinutes])).toEqual([
      ['2026-05-09', 'weekend', 0],
      ['2026-05-10', 'weekend', 0],
      ['2026-05-11', 'working', 480],
    ]);
    // Monday 09:00 → 17:00: 1 h 30 + 3 h 30 = 6 h left.
    expect(explanation.outcome).toEqual({
      kind: 'pending',
      at: iso('2026-05-11 09:00'),
      by: { workingMinutes: 360, days: 0, hours: 6, minutes: 0 },
    });
    expect(explanation.summary.vi).toContain('nhận ngoài giờ, tính từ 11/05/2026 07:00');
  });

  it('a pause over a weekend ended by the resolution moves the deadline through it; the processing time leaves it out', () => {
    // Due Mon 1/6 08:00 + 2 working days = Wed 3/6 08:00. Paused Tue 2/6 16:00 until resolved
    // Mon 8/6 09:00: 1 + 8 + 8 + 8 + 2 = 27 h → Wed 08:00 + 27 h: Wed 7 h, Thu, Fri, Mon 07:00–11:00.
    const { explanation, state } = explainDeadline({
      events: [
        received('2026-06-01 08:00'),
        event('dossier.paused', '2026-06-02 16:00', { reason: 'supplement' }),
        event('dossier.resolved', '2026-06-08 09:00'),
      ],
      calendar,
      processingTime: { value: 2, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-06-03 08:00'),
      nowMs: vn('2026-06-20 10:00'),
    });
    expect(explanation.pauses).toHaveLength(1);
    const [pause] = explanation.pauses;
    expect(pause!.endedBy).toBe('resolved');
    expect(pause!.working.workingMinutes).toBe(27 * 60);
    expect(pause!.dueAfter).toBe(iso('2026-06-08 11:00'));
    expect(pause!.days.map((d) => [d.date, d.kind, d.countedMinutes])).toEqual([
      ['2026-06-03', 'working', 420],
      ['2026-06-04', 'working', 480],
      ['2026-06-05', 'working', 480],
      ['2026-06-06', 'weekend', 0],
      ['2026-06-07', 'weekend', 0],
      ['2026-06-08', 'working', 240],
    ]);
    // Resolved 09:00 on the deadline's day, 2 h before it: on time (early means an earlier day).
    expect(explanation.outcome).toEqual({
      kind: 'on_time',
      at: iso('2026-06-08 09:00'),
      by: { workingMinutes: 120, days: 0, hours: 2, minutes: 0 },
    });
    // 41 h of office time from receipt to result, 27 of them paused.
    expect(state.resolutionWorkingMs).toBe(14 * 3_600_000);
    expect(state.pausedWorkingMs).toBe(27 * 3_600_000);
  });

  it('an ongoing pause counts up to now and does not move the deadline yet', () => {
    const { explanation } = explainDeadline({
      events: [
        received('2026-06-01 08:00'),
        event('dossier.paused', '2026-06-01 10:00', { reason: 'supplement' }),
      ],
      calendar,
      processingTime: { value: 2, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-06-03 08:00'),
      nowMs: vn('2026-06-05 10:00'),
    });
    expect(explanation.pauses).toEqual([
      expect.objectContaining({ endedBy: 'ongoing', endedAt: null, dueAfter: null }),
    ]);
    // Mon 10:00 → Fri 10:00 is 4 working days.
    expect(explanation.pausedFor).toEqual({ workingMinutes: 4 * 480, days: 4, hours: 0, minutes: 0 });
    // The clock stands at the pause: 2 days less the 2 h before it.
    expect(explanation.outcome.kind).toBe('pending');
    expect(explanation.outcome.by?.workingMinutes).toBe(2 * 480 - 120);
    expect(explanation.summary.vi).toContain('(đang tạm dừng)');
  });

  it('a date sent by the commune is explained as sent; a calendar edited since the receipt keeps the printed date', () => {
    const sent = explainDeadline({
      events: [received('2026-06-01 08:00', '2026-06-10 17:00')],
      calendar,
      processingTime: { value: 2, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-06-10 17:00'),
      nowMs: vn('2026-06-02 10:00'),
    }).explanation;
    expect(sent.source).toBe('sent');
    expect(sent.days).toEqual([]);
    expect(sent.dueAt).toBe(iso('2026-06-10 17:00'));

    // Printed before 2/6 became a day off: 3/6 08:00; today's calendar would say 4/6 08:00.
    const edited = new WorkingCalendar([
      HUNG_KINGS,
      { date: '2026-06-02', kind: 'day-off', name: 'Nghỉ bù' },
    ]);
    const explained = explainDeadline({
      events: [received('2026-06-01 08:00')],
      calendar: edited,
      processingTime: { value: 2, unit: 'working-days' },
      storedStatutoryDueAt: vn('2026-06-03 08:00'),
      nowMs: vn('2026-06-02 10:00'),
    }).explanation;
    expect(explained.dueAt).toBe(iso('2026-06-03 08:00'));
    expect(explained.recomputedDueAt).toBe(iso('2026-06-04 08:00'));
  });
});

describe('workingTimeLate: "overdue by" in working time', () => {
  it.each<
    [string, { due: string; resolved?: string; paused?: string; open: boolean; now: string }, number | null]
  >([
    ['across a weekend', { due: '2026-05-08 16:00', open: true, now: '2026-05-11 08:00' }, 120],
    ['across Hung Kings day', { due: '2026-04-24 17:00', open: true, now: '2026-04-28 09:00' }, 120],
    [
      'resolved late',
      { due: '2026-05-08 16:00', resolved: '2026-05-11 07:30', open: false, now: '2026-06-01 09:00' },
      90,
    ],
    [
      'paused after the deadline: the clock stops',
      { due: '2026-05-08 16:00', paused: '2026-05-08 16:30', open: true, now: '2026-05-20 09:00' },
      30,
    ],
    [
      'paused before the deadline: not late',
      { due: '2026-05-08 16:00', paused: '2026-05-08 15:00', open: true, now: '2026-05-20 09:00' },
      null,
    ],
    ['not yet due', { due: '2026-05-08 16:00', open: true, now: '2026-05-08 15:00' }, null],
  ])('%s', (_name, d, minutes) => {
    const late = workingTimeLate(
      {
        dueAt: vn(d.due),
        resolvedAt: d.resolved ? vn(d.resolved) : null,
        pausedAt: d.paused ? vn(d.paused) : null,
        open: d.open,
      },
      vn(d.now),
      calendar,
    );
    expect(late === null ? null : late / 60_000).toBe(minutes);
  });

  it('says working days of 8 h, then hours and minutes', () => {
    expect(workingDuration((2 * 480 + 95) * 60_000, calendar)).toEqual({
      workingMinutes: 1055,
      days: 2,
      hours: 1,
      minutes: 35,
    });
  });
});
