import { UnitRateLimiter } from './unit-rate-limiter';

describe('UnitRateLimiter', () => {
  let now = 0;
  const limiter = () => new UnitRateLimiter(100, () => now);

  it('lets a full request through at once, then holds a unit to its rate', () => {
    now = 0;
    const rate = limiter();
    expect(rate.take(new Map([['24781', 10_000]]))).toEqual({ ok: true });
    expect(rate.take(new Map([['24781', 500]]))).toEqual({
      ok: false,
      unitCode: '24781',
      retryAfterSeconds: 5,
    });
    now = 5_000;
    expect(rate.take(new Map([['24781', 500]]))).toEqual({ ok: true });
  });

  it('refuses a request whole when one of its units is over, charging none of them', () => {
    now = 0;
    const rate = limiter();
    rate.take(new Map([['22918', 10_000]]));
    expect(
      rate.take(
        new Map([
          ['24781', 10],
          ['22918', 10],
        ]),
      ),
    ).toMatchObject({ ok: false, unitCode: '22918' });
    expect(rate.take(new Map([['24781', 10_000]]))).toEqual({ ok: true });
  });

  it('keeps units apart', () => {
    now = 0;
    const rate = limiter();
    rate.take(new Map([['22918', 10_000]]));
    expect(rate.take(new Map([['24781', 9_000]]))).toEqual({ ok: true });
  });
});

describe('UnitRateLimiter.giveBack', () => {
  it('returns the events of a request that stored nothing, so the retry passes', () => {
    let now = 0;
    const rate = new UnitRateLimiter(100, () => now);
    rate.take(new Map([['24781', 10_000]]));
    rate.giveBack(new Map([['24781', 10_000]]));
    now = 1;
    expect(rate.take(new Map([['24781', 10_000]]))).toEqual({ ok: true });
  });
});
