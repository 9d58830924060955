import type { Config } from 'jest';

// ts-jest compiles each file on its own (isolatedModules) because whole-program
// type checks run separately through `npm run typecheck`; this keeps the suite
// fast and silences the per-file hybrid-module warning.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/connectors', '<rootDir>/gateway', '<rootDir>/web/src', '<rootDir>/web/e2e'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 30_000,
};

export default config;
