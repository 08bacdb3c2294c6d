import {
  rulesSegments,
  serviceIndexRulesVersionSchema,
  type ServiceIndexRulesVersion,
} from './service-index-rules';
import {
  EMPTY_COUNTS,
  indicatorPoints,
  measureRate,
  scoreIndex,
  type ServiceIndexCounts,
} from './service-index-score';

const name = (text: string) => ({ vi: text, en: text });
/** The shape of the shipped rules (db/src/reference/service-index-rules.json, checked in the server's tests). */
const rules2025: ServiceIndexRulesVersion = serviceIndexRulesVersionSchema.parse({
  effectiveFrom: '2025-07-01',
  source: 'test',
  groups: [
    {
      id: 'transparency',
      name: name('transparency'),
      points: 18,
      indicators: [
        { id: 'synced', name: name('synced'), points: 12, measure: 'synced' },
        { id: 'publication', name: name('publication'), points: 6, appliesToCommunes: false },
      ],
    },
    {
      id: 'progress',
      name: name('progress'),
      points: 20,
      indicators: [{ id: 'on-time', name: name('on time'), points: 20, measure: 'on-time' }],
    },
    {
      id: 'online-services',
      name: name('online'),
      points: 12,
      indicators: [
        { id: 'full-process-online', name: name('online'), points: 12, measure: 'full-process-online' },
      ],
    },
    {
      id: 'digitisation',
      name: name('digitisation'),
      points: 22,
      indicators: [
        { id: 'digitized', name: name('digitized'), points: 12, measure: 'digitized', fullAt: 0.8 },
        { id: 'e-result', name: name('e-result'), points: 10, measure: 'e-result' },
      ],
    },
    {
      id: 'satisfaction',
      name: name('satisfaction'),
      points: 18,
      indicators: [
        { id: 'satisfaction', name: name('satisfaction'), points: 18, measure: 'satisfaction', fullAt: 0.9 },
      ],
    },
    {
      id: 'online-payment',
      name: name('payment'),
      points: 10,
      indicators: [{ id: 'paid-online', name: name('paid online'), points: 10, measure: 'paid-online' }],
    },
  ],
});

/** A later version that moves 5 points from online payment to progress. */
const rules2026: ServiceIndexRulesVersion = {
  ...rules2025,
  effectiveFrom: '2026-10-16',
  source: 'test: a notice that moves 5 points from online payment to progress',
  groups: rules2025.groups.map((g) =>
    g.id === 'progress'
      ? { ...g, points: 25, indicators: g.indicators.map((i) => ({ ...i, points: 25 })) }
      : g.id === 'online-payment'
        ? { ...g, points: 5, indicators: g.indicators.map((i) => ({ ...i, points: 5 })) }
        : g,
  ),
};

const counts = (c: Partial<ServiceIndexCounts>): ServiceIndexCounts => ({ ...EMPTY_COUNTS, ...c });
const indicator = (score: ReturnType<typeof scoreIndex>, id: string) =>
  score.groups.flatMap((g) => g.indicators).find((i) => i.id === id)!;

describe('service index rules as data', () => {
  it('rejects rules whose points do not add up, with the reason', () => {
    const broken = { ...rules2025, groups: rules2025.groups.map((g) => ({ ...g, points: g.points + 1 })) };
    const parsed = serviceIndexRulesVersionSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toContain(
      "the indicators' points must add up to the group's points",
    );
    const noMeasure = structuredClone(rules2025);
    delete noMeasure.groups[1]!.indicators[0]!.measure;
    expect(serviceIndexRulesVersionSchema.safeParse(noMeasure).error!.issues[0]!.message).toBe(
      'an indicator that applies to communes needs a measure',
    );
    expect(
      serviceIndexRulesVersionSchema.safeParse({ ...rules2025, effectiveFrom: '2026-02-30' }).success,
    ).toBe(false);
  });

  it('cuts a period at each rule change, and leaves out days before the first rules', () => {
    expect(rulesSegments([rules2026, rules2025], '2026-10-01', '2026-10-31')).toEqual([
      { from: '2026-10-01', to: '2026-10-15', rules: rules2025 },
      { from: '2026-10-16', to: '2026-10-31', rules: rules2026 },
    ]);
    expect(rulesSegments([rules2025, rules2026], '2026-11-01', '2026-11-30')).toEqual([
      { from: '2026-11-01', to: '2026-11-30', rules: rules2026 },
    ]);
    expect(rulesSegments([rules2025], '2025-06-01', '2025-06-30')).toBeNull();
    // A year that starts before the first rules is scored from their first day.
    expect(rulesSegments([rules2025], '2025-01-01', '2025-12-31')).toEqual([
      { from: '2025-07-01', to: '2025-12-31', rules: rules2025 },
    ]);
  });
});

describe('scoring', () => {
  it('is linear up to the cap: full points at the rate fullAt and above', () => {
    const digitized = rules2025.groups[3]!.indicators[0]!; // 12 points, full at 80%
    expect(indicatorPoints(digitized, 0.4)).toBeCloseTo(6); // 12 × 0.4 / 0.8
    expect(indicatorPoints(digitized, 0.8)).toBe(12);
    expect(indicatorPoints(digitized, 0.95)).toBe(12);
    expect(indicatorPoints(digitized, null)).toBe(12); // nothing to measure: nothing lost
    const publication = rules2025.groups[0]!.indicators[1]!;
    expect(indicatorPoints(publication, 0)).toBe(6); // does not apply to communes
  });

  it('measures satisfaction as 1 − (overdue share + poor-rating share), never below 0', () => {
    // 10 received, 8 in time (6 resolved in time + 2 open within deadline): overdue share 0.2;
    // 4 ratings, 1 poor: 0.25. Rate 1 − 0.45 = 0.55.
    const c = counts({
      received: 10,
      resolved: 7,
      resolvedInTime: 6,
      open: 3,
      openOverdue: 1,
      ratings: 4,
      poorRatings: 1,
    });
    expect(measureRate('satisfaction', c).rate).toBeCloseTo(0.55);
    expect(measureRate('on-time', c)).toEqual({ rate: 0.8, numerator: 8, denominator: 10 });
    expect(
      measureRate('satisfaction', counts({ received: 2, resolved: 2, ratings: 1, poorRatings: 1 })).rate,
    ).toBe(0);
  });

  it('gives a unit with no dossiers no total (it cannot be ranked on nothing)', () => {
    const score = scoreIndex([
      { from: '2026-10-01', to: '2026-10-31', rules: rules2025, counts: counts({}) },
    ]);
    expect(score.total).toBeNull();
    expect(score.maxPoints).toBe(100);
  });

  it('scores 100 when nothing went wrong', () => {
    const c = counts({
      received: 5,
      resolved: 5,
      resolvedInTime: 5,
      synced: 5,
      fullProcess: 2,
      fullProcessOnline: 2,
      digitized: 4,
      eResult: 5,
      feeRequired: 1,
      paidOnline: 1,
      ratings: 2,
    });
    expect(scoreIndex([{ from: '2026-10-01', to: '2026-10-31', rules: rules2025, counts: c }]).total).toBe(
      100,
    );
  });

  it('scores each side of a rule change with its own rules, weighted by dossiers', () => {
    // Before 16 Oct: 10 dossiers, 5 on time → progress 20 × 0.5 = 10 of 20, payment 10 × 0/2 = 0 of 10.
    // From 16 Oct: 30 dossiers, all on time → progress 25 of 25, payment 5 × 2/2 = 5 of 5.
    // Weighted 10:30 → progress 0.25 × 10 + 0.75 × 25 = 21.25 of 0.25 × 20 + 0.75 × 25 = 23.75;
    // payment 0.25 × 0 + 0.75 × 5 = 3.75 of 0.25 × 10 + 0.75 × 5 = 6.25.
    const before = counts({
      received: 10,
      resolved: 10,
      resolvedInTime: 5,
      synced: 10,
      digitized: 10,
      eResult: 10,
      feeRequired: 2,
    });
    const after = counts({
      received: 30,
      resolved: 30,
      resolvedInTime: 30,
      synced: 30,
      digitized: 30,
      eResult: 30,
      feeRequired: 2,
      paidOnline: 2,
    });
    const score = scoreIndex([
      { from: '2026-10-01', to: '2026-10-15', rules: rules2025, counts: before },
      { from: '2026-10-16', to: '2026-10-31', rules: rules2026, counts: after },
    ]);
    const progress = score.groups.find((g) => g.id === 'progress')!;
    expect(progress.points).toBeCloseTo(21.25);
    expect(progress.maxPoints).toBeCloseTo(23.75);
    expect(indicator(score, 'paid-online')).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(indicator(score, 'paid-online').points).toBeCloseTo(3.75);
    expect(indicator(score, 'paid-online').maxPoints).toBeCloseTo(6.25);
    expect(score.maxPoints).toBeCloseTo(100);
    // Satisfaction: before 0.5 overdue → rate 0.5, 18 × 0.5/0.9 = 10; after 18. Weighted: 16.
    expect(indicator(score, 'satisfaction').points).toBeCloseTo(16);
    expect(score.total).toBeCloseTo(100 - (23.75 - 21.25) - (6.25 - 3.75) - 2);
    expect(score.rules.map((r) => [r.effectiveFrom, r.dossiers])).toEqual([
      ['2025-07-01', 10],
      ['2026-10-16', 30],
    ]);
  });
});
