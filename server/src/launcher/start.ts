/**
 * `npm start`: the embedded TimescaleDB, the server with the dashboard, and the live
 * simulator feeding all 124 units through the public ingest API, behind one URL.
 *
 *   npm start                     keep the data in .data/ and simulate
 *   npm start -- --fresh          start with an empty database
 *   npm start -- --no-simulator   no simulated traffic
 *   npm start -- --port 8080 --speed 1 --backfill 7d --seed 3
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAppConfig } from '../config/app-config';
import { KeysService } from '../keys/keys.service';
import { startServer } from '../main';
import { prepareDemoAccess } from './demo-access';

const SIMULATOR_KEY_NAME = 'simulator (npm start)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      'no-simulator': { type: 'boolean', default: false },
      port: { type: 'string' },
      // 60× so that the wall visibly moves at any hour, also at night when only online filings arrive.
      speed: { type: 'string', default: '60' },
      backfill: { type: 'string', default: '30d' },
      seed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const startedAt = Date.now();
  const config = loadAppConfig(values.port ? { ...process.env, PORT: values.port } : process.env);
  // Warnings and errors only unless IOC_LOG_LEVEL says otherwise: the simulator posts every second.
  const server = await startServer(config, {
    fresh: values.fresh,
    logLevel: process.env.IOC_LOG_LEVEL ? undefined : 'warn',
  });
  const demo = await prepareDemoAccess(server);
  console.log(
    `\n  Lam Dong IOC is live at ${server.url}  (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n` +
      `\n  The wall (a paired display, no sign-in):  ${demo.wallUrl}` +
      `\n  Sign in as a leader:  ${demo.login}  /  ${demo.password}   (a new password at every start)\n`,
  );

  let simulator: ChildProcess | null = null;
  if (!values['no-simulator']) {
    const keys = server.app.get(KeysService);
    for (const old of await keys.list()) {
      if (old.name === SIMULATOR_KEY_NAME && !old.revokedAt) await keys.revoke(old.id);
    }
    const { key } = await keys.create(SIMULATOR_KEY_NAME, null);
    // A child process of its own: generating a month of history must not slow the server down.
    simulator = fork(
      join(__dirname, '../simulator/simulator.cli.js'),
      ['--url', server.url, '--speed', values.speed, '--backfill', values.backfill, '--seed', values.seed],
      { env: { ...process.env, IOC_INGEST_KEY: key }, stdio: 'inherit' },
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    simulator?.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
