import type { Config } from 'jest';

// Decorator metadata must be emitted for TypeORM and type-graphql: swc does it like tsc.
const transform: Config['transform'] = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};

// Tests run against the sources: no build needed.
const moduleNameMapper = { '^@switchboard/domain$': '<rootDir>/services/domain/src/index.ts' };

const config: Config = {
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/services/*/src/**/*.test.ts', '<rootDir>/web/src/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/services/*/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/services/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/services/api/test/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/web/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/services/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/services/api/test/support/global-teardown.ts',
    },
  ],
};

export default config;
