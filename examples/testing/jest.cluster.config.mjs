// Jest for the cluster example: one control plane per run (jest/global-setup.mjs and jest/global-teardown.mjs,
// or the cluster of TYPEKRO_TEST_KUBECONFIG).
// `node --import tsx --experimental-vm-modules node_modules/jest/bin/jest.js --config examples/testing/jest.cluster.config.mjs`
// (Node imports the global setup itself, outside Jest's module mapper: in this repository tsx resolves `typekro`
// through tsconfig paths; with typekro installed, `--import tsx` is not needed).
import { base } from './jest.config.mjs';

export default {
  ...base,
  testMatch: ['<rootDir>/examples/testing/jest/cluster.check.ts'],
  globalSetup: '<rootDir>/examples/testing/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/examples/testing/jest/global-teardown.mjs',
};
