// Times GET requests of a signed-in person from a thread of its own (the answers are read and
// parsed outside the server's event loop, which the benchmark shares with the server).
//
//   new Worker('./report-timer.worker.mjs', { workerData: { url, requests, warmup, headers } })
//   → posts { times: [ms, ...], status, bytes, body } (the last answer's body when JSON)
import { parentPort, workerData } from 'node:worker_threads';

const { url, requests, warmup, headers } = workerData;
const times = [];
let status = 0;
let bytes = 0;
let body = null;
for (let i = 0; i < warmup + requests; i++) {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  const buffer = Buffer.from(await response.arrayBuffer());
  status = response.status;
  bytes = buffer.length;
  if (i === warmup + requests - 1 || status !== 200) {
    body = (response.headers.get('content-type') ?? '').includes('json')
      ? JSON.parse(buffer.toString())
      : null;
  }
  if (status !== 200) break;
  if (i >= warmup) times.push(performance.now() - t0);
}
parentPort.postMessage({ times, status, bytes, body });
