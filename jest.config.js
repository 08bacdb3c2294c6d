/**
 * Three tiers, by suffix: `*.spec.ts` (pure logic), `*.int-spec.ts` (real embedded TimescaleDB),
 * `*.e2e-spec.ts` (the built app over HTTP, socket.io and Chromium). TZ is pinned to UTC in
 * `npm test` so that nothing depends on the machine's zone: Vietnam time is computed explicitly.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@ioc/shared$': '<rootDir>/../shared/src/index.ts',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'shared', rootDir: 'shared', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'dashboard', rootDir: 'dashboard', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'server',
      rootDir: 'server',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      rootDir: 'server',
      testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/../db/src/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/../test/jest/slow-tests.setup.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: 'test',
      testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest/slow-tests.setup.js'],
    },
  ],
};
