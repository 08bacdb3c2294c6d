import { REFERENCE_UNITS } from '@ioc/db';
import { runSimulator } from './simulator';
import {
  DEFAULT_SIMULATOR_URL,
  MAX_SPEED,
  MAX_VOLUME,
  parseDuration,
  resolveSimulatorOptions,
  SimulatorOptionError,
  type SimulatorOptions,
} from './simulator-options';

export const SIMULATOR_USAGE = `Usage: node server/dist/simulator/simulator.cli.js --key <ingest key> [options]

Simulates the 124 service centers of Lam Dong and sends their events to the IOC's ingest API.

Options:
  --url <url>          server base URL (default ${DEFAULT_SIMULATOR_URL})
  --key <key>          a provincial ingest key (default: environment variable IOC_INGEST_KEY)
  --seed <n>           the same seed gives the same events (default 1)
  --speed <n>          live part: arrivals x n, processing durations / n (default 1, at most ${MAX_SPEED})
  --backfill <span>    first generate the history of the last span at speed 1, e.g. 30d, 12h, 0 (default 0)
  --duration <span>    stop the live part after this span, e.g. 60s, 2h (default: run until stopped)
  --units <codes>      comma-separated unit codes, e.g. 24781,22918 (default: all units)
  --volume <n>         multiplies every unit's volume without changing durations (default 1)
  -h, --help           print this help

Progress goes to stderr. Ctrl-C stops cleanly. Exit codes: 0 done, 1 failed, 2 bad arguments.`;

export type SimulatorCommand = { kind: 'help' } | { kind: 'run'; options: SimulatorOptions };

const VALUE_FLAGS = [
  '--url',
  '--key',
  '--seed',
  '--speed',
  '--backfill',
  '--duration',
  '--units',
  '--volume',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function isValueFlag(flag: string): flag is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(flag);
}

/** Strict parsing: an unknown flag, a missing value or a bad value is an error that names it. */
export function parseSimulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorCommand {
  const values = new Map<ValueFlag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const equals = arg.indexOf('=');
    const flag = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!isValueFlag(flag)) {
      throw new SimulatorOptionError(
        arg.startsWith('-') ? `unknown option '${flag}'` : `unexpected argument '${arg}'`,
      );
    }
    let value: string | undefined;
    if (flag !== arg) {
      value = arg.slice(equals + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new SimulatorOptionError(`option '${flag}' needs a value`);
      i += 1;
    }
    if (values.has(flag)) throw new SimulatorOptionError(`option '${flag}' is given twice`);
    values.set(flag, value);
  }

  const key = values.get('--key') ?? env.IOC_INGEST_KEY;
  if (!key) {
    throw new SimulatorOptionError('an ingest key is required: pass --key <key> or set IOC_INGEST_KEY');
  }
  const options: SimulatorOptions = { key };
  const url = values.get('--url');
  if (url !== undefined) options.url = url;
  const seed = values.get('--seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new SimulatorOptionError(`--seed '${seed}' must be a whole number`);
    options.seed = Number(seed);
  }
  const speed = values.get('--speed');
  if (speed !== undefined) options.speed = positiveNumber('--speed', speed);
  const volume = values.get('--volume');
  if (volume !== undefined) options.volume = positiveNumber('--volume', volume);
  const backfill = values.get('--backfill');
  if (backfill !== undefined) options.backfillMs = durationOf('--backfill', backfill);
  const duration = values.get('--duration');
  if (duration !== undefined) options.durationMs = durationOf('--duration', duration);
  const units = values.get('--units');
  if (units !== undefined) {
    options.units = units
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code.length > 0);
    if (options.units.length === 0) throw new SimulatorOptionError('--units needs at least one unit code');
  }
  // Checks ranges and unit codes now, so that a bad value is a usage error (exit 2).
  try {
    resolveSimulatorOptions(options, REFERENCE_UNITS);
  } catch (error) {
    throw new SimulatorOptionError(`${(error as Error).message} (see --help)`);
  }
  return { kind: 'run', options };
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) {
    throw new SimulatorOptionError(
      `${flag} '${text}' must be a positive number (at most ${flag === '--speed' ? MAX_SPEED : MAX_VOLUME})`,
    );
  }
  return value;
}

function durationOf(flag: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new SimulatorOptionError(`${flag}: ${(error as Error).message}`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let command: SimulatorCommand;
  try {
    command = parseSimulatorArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof SimulatorOptionError)) throw error;
    process.stderr.write(`simulator: ${error.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await runSimulator(command.options, controller.signal);
    return 0;
  } catch (error) {
    process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
