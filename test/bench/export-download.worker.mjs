// Downloads an export from a thread of its own (as a browser would), reading the body as it
// streams: when the first byte came, when the last did, how many bytes.
//
//   new Worker('./export-download.worker.mjs', { workerData: { url, headers } })
//   → posts { status, firstByteMs, totalMs, bytes }
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers } = workerData;
const started = performance.now();
const response = await fetch(url, { headers });
let firstByteMs = null;
let bytes = 0;
for await (const chunk of response.body) {
  if (firstByteMs === null) firstByteMs = performance.now() - started;
  bytes += chunk.length;
}
parentPort.postMessage({ status: response.status, firstByteMs, totalMs: performance.now() - started, bytes });
