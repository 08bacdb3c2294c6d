/**
 * "Now", injected: what samples on a schedule (the 5-minute backlog slots) asks the clock rather
 * than `Date.now()`, so that a test can pin the instant and the server's own timer can never
 * write the slot the test is checking.
 */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that stands still at one instant until moved. */
export class FixedClock extends Clock {
  constructor(private instant: number) {
    super();
  }

  now(): number {
    return this.instant;
  }

  set(instant: number): void {
    this.instant = instant;
  }
}
