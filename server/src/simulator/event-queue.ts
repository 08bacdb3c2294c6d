import type { IngestEvent } from '@ioc/shared';
import type { PlannedEvent } from './dossier-plan';

interface QueuedEvent extends PlannedEvent {
  /** Insertion order: events at the same instant leave in the order they were planned. */
  sequence: number;
}

/**
 * Events planned for later wait here until their instant has come: the server refuses events
 * dated in the future, and a live wall should see them happen when they happen. A binary
 * min-heap on the instant, so that a day of open dossiers costs O(log n) per event.
 */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The instant of the earliest waiting event, or null when nothing waits. */
  peekAt(): number | null {
    return this.heap[0]?.atMs ?? null;
  }

  push(planned: PlannedEvent): void {
    this.heap.push({ ...planned, sequence: this.inserted++ });
    this.siftUp(this.heap.length - 1);
  }

  pushAll(planned: readonly PlannedEvent[]): void {
    for (const item of planned) this.push(item);
  }

  /** Removes and returns, in time order, every event dated at or before `instantMs`. */
  takeDue(instantMs: number, limit = Number.POSITIVE_INFINITY): IngestEvent[] {
    const due: IngestEvent[] = [];
    while (due.length < limit) {
      const first = this.heap[0];
      if (!first || first.atMs > instantMs) break;
      due.push(first.event);
      this.removeFirst();
    }
    return due;
  }

  private removeFirst(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private precedes(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.sequence < b.sequence);
  }

  private siftUp(index: number): void {
    const item = this.heap[index];
    if (!item) return;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = this.heap[parentIndex];
      if (!parent || !this.precedes(item, parent)) break;
      this.heap[i] = parent;
      i = parentIndex;
    }
    this.heap[i] = item;
  }

  private siftDown(index: number): void {
    const item = this.heap[index];
    if (!item) return;
    const length = this.heap.length;
    let i = index;
    for (;;) {
      const leftIndex = 2 * i + 1;
      if (leftIndex >= length) break;
      const rightIndex = leftIndex + 1;
      const left = this.heap[leftIndex];
      const right = this.heap[rightIndex];
      let childIndex = leftIndex;
      let child = left;
      if (right && left && this.precedes(right, left)) {
        childIndex = rightIndex;
        child = right;
      }
      if (!child || !this.precedes(child, item)) break;
      this.heap[i] = child;
      i = childIndex;
    }
    this.heap[i] = item;
  }
}
