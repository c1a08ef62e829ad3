// Jest 30 in native ESM mode (run with --experimental-vm-modules): TypeScript through @swc/jest.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/node/src', '<rootDir>/operator/src', '<rootDir>/e2e/src', '<rootDir>/e2e/kube-sim'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 30000,
};
