/**
 * What `require('typekro')` loads where Node cannot load an ES module with `require` (Node 20, or a CommonJS
 * project run by tsx, which turns `import` into `require`). Node's own answer there names the exports map
 * ("No "exports" main defined"), not the cause, so this says what to change. Node versions that load ES modules
 * with `require` take the package's ES module instead (the `module-sync` condition comes first).
 */
const error = new Error(
  'typekro is an ES module package and was loaded with require(), as a CommonJS project loads it (npm init writes "type": "commonjs"): ' +
    'set "type": "module" in your project\'s package.json (npm pkg set type=module), or name your files .mts; ' +
    'with TypeScript, use "module": "NodeNext" in tsconfig.json',
);
(error as Error & { code: string }).code = 'ERR_REQUIRE_ESM';
throw error;
