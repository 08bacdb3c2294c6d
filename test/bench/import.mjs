// `npm run bench:import`: what one legacy CSV import costs everyone else (issue 12, item 3).
// A whole server (embedded engine) in this process; each file is posted while a 5 ms timer
// watches the event loop: its longest stall is the longest any other request would have waited.
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';

const require = createRequire(import.meta.url);
const { startTestServer } = require('../../server/dist/testing/test-server.js');

const HEADER = 'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Ghi chú';
const note = 'ghi chú '.repeat(250);
const files = {
  '8 MiB, 3,333 dossiers = 9,999 events': (run) =>
    [
      HEADER,
      ...Array.from(
        { length: 3_333 },
        (_, i) =>
          `B${run}-${i},1.001193,02/03/2026 08:00,02/03/2026 10:00,02/03/2026 11:00,Đã trả kết quả,${note}`,
      ),
    ].join('\n'),
  '8 MiB of blank lines': () => `${HEADER}\n${'\n'.repeat(8 * 1024 * 1024 - Buffer.byteLength(HEADER) - 2)}`,
  '2.8 million refused rows': () => `${HEADER}\n${'x\n'.repeat(2_800_000)}`,
  '10,000 refused rows': () =>
    [HEADER, ...Array.from({ length: 10_000 }, (_, i) => `X-${i},9.999999,02/03/2026 08:00`)].join('\n'),
};

// Three 10,000-event files in a few seconds are over one unit's sustained rate: not what is measured.
const t = await startTestServer({ IOC_UNIT_RATE_LIMIT: '1000000000' });
console.log(
  `machine: ${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
for (const [name, make] of Object.entries(files)) {
  const rows = [];
  for (let run = 0; run < 3; run++) {
    const body = Buffer.from(make(run));
    let longest = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last - 5);
      last = now;
    }, 5);
    const started = performance.now();
    const response = await fetch(`${t.url}/api/v1/imports?unit=24778`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'text/csv' },
      body,
    });
    const answer = await response.text();
    const took = performance.now() - started;
    clearInterval(probe);
    rows.push(
      `${response.status} in ${took.toFixed(0)} ms, longest stall ${longest.toFixed(0)} ms, answer ${(answer.length / 1024).toFixed(1)} KiB`,
    );
  }
  console.log(`${name}:\n  ${rows.join('\n  ')}`);
}
await t.close();
