// A worker of test/bench/live.mjs: holds a share of the fan-out clients on `/live`, each
// subscribed to scope `province` (the wall), and reports back over IPC. Driven entirely by the
// parent's messages:
//   {cmd: 'connect', n}        open n more clients (connected, subscribed, province snapshot
//                              received); answers {type: 'wave', ok, failed}
//   {cmd: 'measure'}           start recording delta delivery times
//   {cmd: 'stop', from, to}    stop; answers {type: 'samples', ...} for the deltas of scope
//                              `province` with seq in [from, to]
//   {cmd: 'exit'}              close every client and exit
//
//   (forked by live.mjs with argv: <url> <admin token>; the token opens the socket, issue 13)
import { io } from 'socket.io-client';

const url = process.argv[2];
const adminToken = process.argv[3] ?? '';
if (!url || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
  console.error('live-fanout-worker: expected a loopback url http://127.0.0.1:<port>');
  process.exit(2);
}
const CONNECT_TIMEOUT_MS = 15_000;
const SCOPE = 'province';

/** `received`: seq of a `province` delta → its delivery time in ms. */
/** @type {{socket: import('socket.io-client').Socket, received: Map<number, number>, dropped: boolean}[]} */
const clients = [];
let measuring = false;
let disconnects = 0;
let cpuAtStart = process.cpuUsage();
let wallAtStart = performance.now();

function openClient() {
  return new Promise((resolve) => {
    const socket = io(`${url}/live`, {
      transports: ['websocket'],
      forceNew: true, // one connection per client, no multiplexing over a shared Manager
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
      extraHeaders: { authorization: `Bearer ${adminToken}` },
    });
    const client = { socket, received: new Map(), dropped: false };
    let settled = false;
    const settle = (ok) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!ok) socket.close();
      resolve(ok ? client : null);
    };
    const timer = setTimeout(() => settle(false), CONNECT_TIMEOUT_MS + 1_000);
    socket.on('connect', () => {
      socket.emit('live:subscribe', { scopes: [SCOPE] }, (ack) => {
        if (!ack?.ok) settle(false);
      });
    });
    socket.on('live:snapshot', (snapshot) => {
      if (snapshot.scope === SCOPE) settle(true);
    });
    socket.on('connect_error', () => settle(false));
    socket.on('live:delta', (delta) => {
      if (!measuring || delta.scope !== SCOPE) return;
      // Same machine, same clock: the server stamped `at` right before emitting.
      client.received.set(delta.seq, Date.now() - Date.parse(delta.at));
    });
    socket.on('disconnect', () => {
      if (settled && !client.dropped) {
        client.dropped = true;
        disconnects += 1;
      }
      settle(false);
    });
  });
}

process.on('message', async (message) => {
  if (message.cmd === 'connect') {
    const opened = await Promise.all(Array.from({ length: message.n }, openClient));
    let ok = 0;
    for (const client of opened) {
      if (client) {
        clients.push(client);
        ok += 1;
      }
    }
    process.send({ type: 'wave', ok, failed: message.n - ok });
  } else if (message.cmd === 'measure') {
    disconnects = 0;
    for (const client of clients) client.received.clear();
    cpuAtStart = process.cpuUsage();
    wallAtStart = performance.now();
    measuring = true;
  } else if (message.cmd === 'stop') {
    measuring = false;
    const cpu = process.cpuUsage(cpuAtStart);
    const wallMs = performance.now() - wallAtStart;
    const samples = [];
    let missing = 0;
    for (const client of clients) {
      for (let seq = message.from; seq <= message.to; seq++) {
        const ms = client.received.get(seq);
        if (ms === undefined) missing += 1;
        else samples.push(ms);
      }
    }
    process.send({
      type: 'samples',
      clients: clients.length,
      samples,
      missing,
      disconnects,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
      rssMb: process.memoryUsage().rss / 1048576,
    });
  } else if (message.cmd === 'exit') {
    for (const client of clients) client.socket.close();
    setTimeout(() => process.exit(0), 100).unref();
    process.disconnect();
  }
});
