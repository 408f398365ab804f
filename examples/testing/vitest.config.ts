// Vitest for the offline examples (render, simulate): `npx vitest run --config examples/testing/vitest.config.ts`.
// The aliases point `typekro` at this repository's sources; a project that installed typekro needs none.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const aliases = [
  { find: /^typekro$/, replacement: here('../../src/index.ts') },
  { find: /^typekro\/simple$/, replacement: here('../../src/simple.ts') },
  { find: /^typekro\/testing$/, replacement: here('../../src/testing/index.ts') },
];

export default defineConfig({
  root: here('.'),
  resolve: { alias: aliases },
  test: { include: ['vitest/render.check.ts', 'vitest/simulate.check.ts'] },
});
