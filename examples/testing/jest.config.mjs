// Jest for the offline examples (render, simulate). TypeKro is ESM, so Jest runs in its ESM mode:
// `node --experimental-vm-modules node_modules/jest/bin/jest.js --config examples/testing/jest.config.mjs`.
// ts-jest compiles the TypeScript; the module mapper points `typekro` at this repository's sources and
// maps the `.js` of relative imports to their `.ts` files (a project that installed typekro needs only the latter).
const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** @type {import('jest').Config} */
export const base = {
  rootDir: root,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: `${root}/tsconfig.json` }] },
  moduleNameMapper: {
    '^typekro$': '<rootDir>/src/index.ts',
    '^typekro/simple$': '<rootDir>/src/simple.ts',
    '^typekro/testing$': '<rootDir>/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default { ...base, testMatch: ['<rootDir>/examples/testing/jest/render.check.ts', '<rootDir>/examples/testing/jest/simulate.check.ts'] };
