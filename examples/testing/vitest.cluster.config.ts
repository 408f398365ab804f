// Vitest for the cluster example: one control plane for the run, started by the global setup (or the
// cluster of TYPEKRO_TEST_KUBECONFIG). `npx vitest run --config examples/testing/vitest.cluster.config.ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.config.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: aliases },
  test: { include: ['vitest/cluster.check.ts'], globalSetup: ['vitest/global-setup.ts'], testTimeout: 300_000 },
});
