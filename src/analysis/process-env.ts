/**
 * `process.env.NAME` read where a compiled value needs it (`image: spec.pinned ? \`${process.env.REGISTRY}/app:${spec.tag}\` : 'x'`).
 * JavaScript reads the environment when the composition function runs, which is when the composition is
 * defined, so the value is a constant of the definition, like a module constant's (observed-scope.ts): read
 * once per definition, the text it holds, or `undefined` for a variable that is not set (what JavaScript
 * reads; the compiler then gives `?? d` its default and refuses text made from it, as for any name always
 * `undefined`). Reached as the global `process` or through `import process from 'node:process'` (also
 * `import * as process`, `import { env } from 'node:process'`). Every other member of `process` runs in
 * JavaScript only (`process.cwd()`, `process.argv`): refused where a compiled value needs it.
 */
import type { Node } from '@babel/types';
import type { Binding, Scope } from './scope.js';
import { synthesize } from './synthesized.js';

/** Computes `decide()` once per key for one definition (observed-scope.ts `ObservedValues.once`). */
export type Once = <T>(key: string, decide: () => T) => T;

const OTHER_HINT = "read it into a module constant (`const CWD = process.cwd()`): TypeKro takes the value it held; or pass the value through the spec";

/**
 * The binding of `process` (`what: 'process'`) or of its `env` (`what: 'env'`, a named import).
 *
 * @example
 * ```ts
 * // REGISTRY=ghcr.io/acme
 * processBinding('process', once); // process.env.REGISTRY is the constant 'ghcr.io/acme'
 * ```
 */
export function processBinding(what: 'process' | 'env', once: Once): Binding {
  const env = envBinding(what === 'env' ? 'env' : 'process.env', once);
  if (what === 'env') return env;
  return {
    kind: 'module',
    file: 'process',
    exports: {
      lookup: (name) => (name === 'env' ? env : {
        kind: 'unsupported',
        why: `\`process.${name}\` is a value of the running process, which TypeKro does not compile to CEL`,
        hint: OTHER_HINT,
        ofDefinition: true,
      }),
    },
    asValue: { why: '`process` is the running process, which CEL cannot hold', hint: `read a variable of its environment (\`process.env.NAME\`), or ${OTHER_HINT}` },
  };
}

function envBinding(written: string, once: Once): Binding {
  const exports: Scope = { lookup: (name) => once(`process.env:${name}`, () => variable(name)) };
  return {
    kind: 'module',
    file: 'process.env',
    exports,
    asValue: { why: `\`${written}\` is the whole environment of the process, which TypeKro does not copy into the graph`, hint: `read one variable (\`${written}.NAME\`, or \`${written}['NAME']\`)` },
  };
}

/** A variable of the environment now, when the composition is being defined. */
function variable(name: string): Binding {
  if (!Object.hasOwn(process.env, name) && name in process.env) {
    // `process.env.toString`, `process.env.constructor`: inherited from Object, no variable.
    return { kind: 'unsupported', why: `\`process.env.${name}\` is not a variable of the environment but a property every object inherits`, hint: 'read a variable by its name' };
  }
  const value = process.env[name];
  return typeof value === 'string' ? { kind: 'constant', value } : { kind: 'alias', node: UNDEFINED, scope: NO_NAMES };
}

/** `undefined`, as the compiler reads the word (analysis/compile-names.ts). */
const UNDEFINED: Node = synthesize({ type: 'Identifier', name: 'undefined' } as Node, { type: 'Identifier', name: 'undefined' });
const NO_NAMES: Scope = { lookup: () => undefined };

/**
 * What the local name `name` of `program` imports from Node's `process` module, if anything: the module
 * (`import process from 'node:process'`, `import * as process from 'process'`) or its `env`
 * (`import { env } from 'node:process'`).
 */
export function processImport(program: Node, name: string): 'process' | 'env' | undefined {
  if (program.type !== 'Program') return undefined;
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || (statement.source.value !== 'process' && statement.source.value !== 'node:process')) continue;
    if (statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name !== name) continue;
      if (specifier.type === 'ImportDefaultSpecifier' || specifier.type === 'ImportNamespaceSpecifier') return 'process';
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      if (specifier.importKind !== 'type' && imported === 'env') return 'env';
    }
  }
  return undefined;
}
