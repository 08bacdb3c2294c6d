// Times GET requests from a thread of its own, as a wall or a browser asks: the answers are read
// and parsed outside the server's event loop, which the benchmark shares with the server.
//
//   new Worker('./http-timer.worker.mjs', { workerData: { url, requests, warmup, headers? } })
//   → posts { times: [ms, ...], status, body } (the last answer)
import { parentPort, workerData } from 'node:worker_threads';

const { url, requests, warmup, headers = {} } = workerData;
const times = [];
let status = 0;
let body = null;
for (let i = 0; i < warmup + requests; i++) {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  body = await response.json();
  status = response.status;
  if (status !== 200) break;
  if (i >= warmup) times.push(performance.now() - t0);
}
parentPort.postMessage({ times, status, body });
