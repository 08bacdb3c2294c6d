import { setImmediate } from 'node:timers/promises';

/**
 * Lets the requests, socket frames and timers queued behind a long synchronous stretch run
 * before it goes on (`setImmediate`, after I/O). Work proportional to a request's content
 * (a CSV file, a 10,000-event batch) calls it every few hundred items, so one big request
 * cannot hold every other client for longer than one slice.
 */
export async function yieldToEventLoop(): Promise<void> {
  await setImmediate();
}

/** How many items a request works through between two yields: ~5-10 ms of work each. */
export const ITEMS_PER_SLICE = 250;
