// Jest for the cluster example: one control plane per run (jest/global-setup.ts and jest/global-teardown.ts,
// or the cluster of TYPEKRO_TEST_KUBECONFIG).
// `node --experimental-vm-modules node_modules/jest/bin/jest.js --config examples/testing/jest.cluster.config.mjs`.
import { base } from './jest.config.mjs';

export default {
  ...base,
  testMatch: ['<rootDir>/examples/testing/jest/cluster.check.ts'],
  globalSetup: '<rootDir>/examples/testing/jest/global-setup.ts',
  globalTeardown: '<rootDir>/examples/testing/jest/global-teardown.ts',
};
