import type { IngestEvent } from '@ioc/shared';
import { EventQueue } from './event-queue';
import { mulberry32 } from './prng';

function eventAt(atMs: number, id: string): { atMs: number; event: IngestEvent } {
  return {
    atMs,
    event: {
      id,
      unit: '24781',
      type: 'dossier.synced',
      at: new Date(atMs).toISOString(),
      dossier: { code: id },
    },
  };
}

describe('event queue', () => {
  it('releases only events whose instant has come, in time order', () => {
    const queue = new EventQueue();
    const rng = mulberry32(5);
    for (let i = 0; i < 2000; i++) queue.push(eventAt(Math.floor(rng() * 1_000_000), `e${i}`));
    expect(queue.size).toBe(2000);
    let released: IngestEvent[] = [];
    for (let now = 0; now <= 1_000_000; now += 50_000) {
      const due = queue.takeDue(now);
      for (const event of due) expect(Date.parse(event.at)).toBeLessThanOrEqual(now);
      released = released.concat(due);
      const next = queue.peekAt();
      if (next !== null) expect(next).toBeGreaterThan(now);
    }
    expect(queue.size).toBe(0);
    const instants = released.map((e) => Date.parse(e.at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
  });

  it('keeps the planning order of events at the same instant, and honours a limit', () => {
    const queue = new EventQueue();
    queue.pushAll([eventAt(10, 'recv'), eventAt(10, 'assign'), eventAt(5, 'early'), eventAt(10, 'resolve')]);
    expect(queue.takeDue(10, 2).map((e) => e.id)).toEqual(['early', 'recv']);
    expect(queue.takeDue(9)).toEqual([]);
    expect(queue.takeDue(10).map((e) => e.id)).toEqual(['assign', 'resolve']);
    expect(queue.peekAt()).toBeNull();
  });
});
