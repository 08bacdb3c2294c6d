// `npm run bench`: every benchmark of the repository, one after the other, printing its figures.
import { spawnSync } from 'node:child_process';

const benches = [
  'test/bench/start-to-live.mjs',
  'test/bench/ingest.mjs',
  'test/bench/import.mjs',
  'test/bench/live.mjs',
  'test/bench/ranking.mjs',
  'test/bench/reads-vs-ingest.mjs',
  'test/bench/refresh-after-import.mjs',
  'test/bench/wall.mjs',
];
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const { status } = spawnSync(process.execPath, [bench], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
