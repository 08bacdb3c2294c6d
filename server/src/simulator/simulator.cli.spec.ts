import { parseSimulatorArgs, SIMULATOR_USAGE } from './simulator.cli';
import { parseDuration } from './simulator-options';

describe('simulator command line', () => {
  const env = { IOC_INGEST_KEY: 'from-env' };

  it('parses every option, in both --flag value and --flag=value forms', () => {
    const command = parseSimulatorArgs(
      [
        '--url',
        'http://10.0.0.5:3000',
        '--key=k1',
        '--seed',
        '7',
        '--speed',
        '60',
        '--backfill',
        '30d',
        '--duration=60s',
        '--units',
        '24781, 22918',
        '--volume',
        '2.5',
      ],
      {},
    );
    expect(command).toEqual({
      kind: 'run',
      options: {
        url: 'http://10.0.0.5:3000',
        key: 'k1',
        seed: 7,
        speed: 60,
        backfillMs: 30 * 86_400_000,
        durationMs: 60_000,
        units: ['24781', '22918'],
        volume: 2.5,
      },
    });
  });

  it('takes the key from IOC_INGEST_KEY and leaves the rest to defaults', () => {
    expect(parseSimulatorArgs([], env)).toEqual({ kind: 'run', options: { key: 'from-env' } });
  });

  it('names IOC_INGEST_KEY when no key is given', () => {
    expect(() => parseSimulatorArgs(['--seed', '2'], {})).toThrow(/IOC_INGEST_KEY/);
  });

  it('refuses unknown flags, stray arguments, missing and repeated values, naming them', () => {
    expect(() => parseSimulatorArgs(['--sped', '2'], env)).toThrow("unknown option '--sped'");
    expect(() => parseSimulatorArgs(['--speed=2', '--bogus=1'], env)).toThrow("unknown option '--bogus'");
    expect(() => parseSimulatorArgs(['fast'], env)).toThrow("unexpected argument 'fast'");
    expect(() => parseSimulatorArgs(['--seed'], env)).toThrow("option '--seed' needs a value");
    expect(() => parseSimulatorArgs(['--seed', '1', '--seed', '2'], env)).toThrow(/given twice/);
  });

  it('refuses bad values, naming the option', () => {
    expect(() => parseSimulatorArgs(['--speed', '-1'], env)).toThrow(/--speed/);
    expect(() => parseSimulatorArgs(['--speed', '0'], env)).toThrow(/--speed/);
    expect(() => parseSimulatorArgs(['--seed', '1.5'], env)).toThrow(/--seed/);
    expect(() => parseSimulatorArgs(['--backfill', '30'], env)).toThrow(/--backfill/);
    expect(() => parseSimulatorArgs(['--duration', 'soon'], env)).toThrow(/--duration/);
    expect(() => parseSimulatorArgs(['--units', '24781,99999'], env)).toThrow(/99999/);
    expect(() => parseSimulatorArgs(['--url', 'ftp://x'], env)).toThrow(/url/);
  });

  it('answers --help with the usage, which lists every option', () => {
    expect(parseSimulatorArgs(['--speed', '2', '--help'], {})).toEqual({ kind: 'help' });
    expect(parseSimulatorArgs(['-h'], {})).toEqual({ kind: 'help' });
    for (const flag of [
      '--url',
      '--key',
      '--seed',
      '--speed',
      '--backfill',
      '--duration',
      '--units',
      '--volume',
    ]) {
      expect(SIMULATOR_USAGE).toContain(flag);
    }
  });

  it('reads durations with a unit, or 0', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(() => parseDuration('12')).toThrow(/duration/);
    expect(() => parseDuration('-1h')).toThrow(/duration/);
  });
});
