import {
  addLiveCounts,
  changedLiveFigures,
  emptyLiveCounts,
  liveFigures,
  LIVE_COUNT_KEYS,
  liveRates,
  mergeFreshness,
  RATED_30D_KEYS,
  RATED_TODAY_KEYS,
  type LiveFreshness,
} from './live-figures';
import {
  applyLiveDelta,
  heartbeatShowsGap,
  LIVE_WHOLE_SCOPES,
  liveScopeSchema,
  liveScopeStateOf,
  type LiveEntry,
} from './live-protocol';

describe('live rates', () => {
  it('are derived from summed counts, not averaged: 9 of 10 and 1 of 10 on time is 50 %, rating weighted by count', () => {
    const a = {
      ...emptyLiveCounts(),
      resolved30d: 10,
      resolvedInTime30d: 9,
      ratings30d: 3,
      ratingSum30d: 15,
    };
    const b = { ...emptyLiveCounts(), resolved30d: 10, resolvedInTime30d: 1, ratings30d: 1, ratingSum30d: 3 };
    const sum = emptyLiveCounts();
    addLiveCounts(sum, a);
    addLiveCounts(sum, b);
    expect(liveRates(sum)).toMatchObject({ onTimeRate30d: 0.5, ratingAverage30d: 4.5 });
  });

  it('are null, not 0, when there is nothing to divide', () => {
    expect(liveRates(emptyLiveCounts())).toEqual({
      resolvedToday: 0,
      onTimeRateToday: null,
      onTimeRate30d: null,
      onlineShareToday: null,
      onlineShare30d: null,
      ratingAverageToday: null,
      ratingAverage30d: null,
      lowRatingShareToday: null,
      lowRatingShare30d: null,
    });
  });

  it('counts today early + on time + late as resolved today, and shares of 1–2 ratings', () => {
    const counts = {
      ...emptyLiveCounts(),
      resolvedEarlyToday: 2,
      resolvedOnTimeToday: 1,
      resolvedLateToday: 1,
      receivedToday: 8,
      receivedOnlineToday: 2,
      ratingsToday: 4,
      lowRatingsToday: 1,
    };
    expect(liveRates(counts)).toMatchObject({
      resolvedToday: 4,
      onTimeRateToday: 0.75,
      onlineShareToday: 0.25,
      lowRatingShareToday: 0.25,
    });
  });
});

describe('ratings by level', () => {
  it('are live counts, summed per level like every other count', () => {
    for (const key of [...RATED_TODAY_KEYS, ...RATED_30D_KEYS]) expect(LIVE_COUNT_KEYS).toContain(key);
    const unit = {
      ...emptyLiveCounts(),
      ratedOneToday: 1,
      ratedFiveToday: 2,
      ratedOne30d: 3,
      ratedFour30d: 1,
    };
    const other = { ...emptyLiveCounts(), ratedOneToday: 1, ratedTwo30d: 4 };
    const sum = emptyLiveCounts();
    addLiveCounts(sum, unit);
    addLiveCounts(sum, other);
    expect(RATED_TODAY_KEYS.map((key) => sum[key])).toEqual([2, 0, 0, 0, 2]);
    expect(RATED_30D_KEYS.map((key) => sum[key])).toEqual([3, 4, 0, 1, 0]);
  });
});

describe('live scopes', () => {
  it('accept the whole scopes feed and alerts beside ranking', () => {
    for (const scope of LIVE_WHOLE_SCOPES) expect(liveScopeSchema.parse(scope)).toBe(scope);
    expect(liveScopeSchema.safeParse('feeds').success).toBe(false);
  });
});

describe('mergeFreshness', () => {
  it('keeps the latest event of the group and counts silent and no-data units', () => {
    const group: LiveFreshness = { units: 0, silentUnits: 0, unitsWithoutData: 0, lastEventAt: null };
    mergeFreshness(group, {
      units: 1,
      silentUnits: 1,
      unitsWithoutData: 0,
      lastEventAt: '2026-11-23T01:00:00.000Z',
    });
    mergeFreshness(group, { units: 1, silentUnits: 0, unitsWithoutData: 1, lastEventAt: null });
    mergeFreshness(group, {
      units: 1,
      silentUnits: 0,
      unitsWithoutData: 0,
      lastEventAt: '2026-11-23T03:00:00.000Z',
    });
    expect(group).toEqual({
      units: 3,
      silentUnits: 1,
      unitsWithoutData: 1,
      lastEventAt: '2026-11-23T03:00:00.000Z',
    });
  });
});

describe('applyLiveDelta', () => {
  const entry = (code: string, backlog: number): LiveEntry => ({
    key: `unit:${code}`,
    kind: 'unit',
    code,
    figures: liveFigures(
      { ...emptyLiveCounts(), backlog },
      { units: 1, silentUnits: 0, unitsWithoutData: 0, lastEventAt: null },
    ),
  });
  const state = liveScopeStateOf({
    scope: 'province',
    stream: 'a',
    seq: 4,
    serverVersion: 'v',
    at: '',
    entries: [entry('22918', 1), entry('22924', 2)],
  });
  const delta = (seq: number, stream = 'a') => ({
    scope: 'province' as const,
    stream,
    seq,
    at: '',
    entries: [entry('22918', 7)],
  });

  it('applies the next number and keeps the other entries', () => {
    const applied = applyLiveDelta(state, delta(5));
    expect(applied.kind).toBe('applied');
    if (applied.kind !== 'applied') return;
    expect(applied.state.seq).toBe(5);
    expect(applied.state.entries.get('unit:22918')?.figures.backlog).toBe(7);
    expect(applied.state.entries.get('unit:22924')?.figures.backlog).toBe(2);
  });

  it('merges a patch of only the changed figures into the entry it had', () => {
    const applied = applyLiveDelta(state, {
      scope: 'province',
      stream: 'a',
      seq: 5,
      at: '',
      entries: [{ key: 'unit:22924', kind: 'unit', code: '22924', figures: { overdue: 1 } }],
    });
    if (applied.kind !== 'applied') throw new Error('not applied');
    expect(applied.state.entries.get('unit:22924')?.figures).toMatchObject({ backlog: 2, overdue: 1 });
  });

  it('a patch names exactly the figures that changed', () => {
    const before = entry('22918', 1).figures;
    const after = liveFigures(
      { ...emptyLiveCounts(), backlog: 2, receivedToday: 1 },
      { units: 1, silentUnits: 0, unitsWithoutData: 0, lastEventAt: null },
    );
    // The rate it moves goes with it: nothing received today was no rate, 0 of 1 online is 0 %.
    expect(changedLiveFigures(before, after)).toEqual({ backlog: 2, receivedToday: 1, onlineShareToday: 0 });
    expect(changedLiveFigures(before, before)).toBeNull();
  });

  it('ignores an old delta, and calls a skipped number or another stream a gap', () => {
    expect(applyLiveDelta(state, delta(4))).toEqual({ kind: 'applied', state });
    expect(applyLiveDelta(state, delta(6))).toEqual({ kind: 'gap' });
    expect(applyLiveDelta(state, delta(5, 'b'))).toEqual({ kind: 'gap' });
  });

  it('a heartbeat ahead of the client or of another stream shows a gap', () => {
    expect(heartbeatShowsGap(state, { scope: 'province', stream: 'a', seq: 4, at: '' })).toBe(false);
    expect(heartbeatShowsGap(state, { scope: 'province', stream: 'a', seq: 5, at: '' })).toBe(true);
    expect(heartbeatShowsGap(state, { scope: 'province', stream: 'b', seq: 4, at: '' })).toBe(true);
  });
});
