/**
 * The refusal of a call TypeKro cannot compile, with the real reason: a function of a package (or of TypeKro
 * itself) runs in JavaScript only, and its code is not read, so its result over references has no CEL; an
 * aspect maker (`withLabels(...)`) in a resource's options was meant for the composition's factory; any other
 * name is a global JavaScript function.
 */
import type { Node } from '@babel/types';
import { resolveModuleName } from './modules.js';
import { syntaxError, type CompositionSyntaxError } from './errors.js';
import { fromWhere } from './named-function.js';

const PACKAGE_HINT = 'compute the value in the composition or in a helper of your own source files (TypeKro reads those), or write Cel.expr(...)';

/** Each aspect maker, and the field that sets the same thing on one resource. */
const ASPECT_MAKERS: ReadonlyMap<string, string> = new Map([
  ['withLabels', 'labels: { team: spec.team }'],
  ['withAnnotations', "metadata: { annotations: { 'example.com/team': spec.team } }"],
  ['withEnvVars', 'env: { MODE: spec.mode }'],
]);

/**
 * Why `name(...)` at `node` cannot be compiled, naming where the function comes from.
 *
 * @example
 * ```ts
 * // app.ts: import { withLabels } from 'typekro/aspects'; ... Deployment({ ..., aspects: [withLabels({ team: spec.team })] })
 * uncompilableCall(callNode, 'withLabels').message; // 'app.ts:9:57: `withLabels(...)` makes an aspect, ...'
 * ```
 */
export function uncompilableCall(node: Node, name: string): CompositionSyntaxError {
  const target = packageOf(node, name);
  const source = target?.source;
  const field = ASPECT_MAKERS.get(name);
  if (source !== undefined && field !== undefined && isTypeKro(source)) {
    return syntaxError(
      node,
      `\`${name}(...)\` makes an aspect, which changes every resource of a composition when its factory is made; a resource factory takes no aspects, and TypeKro cannot compile the call into this resource's options`,
      `pass it to the composition's factory or YAML: app.factory('kro', { aspects: [${name}({ ... })] }) or app.toYaml({ aspects: [...] }); for this resource alone, set the field itself (${field})`,
    );
  }
  if (source !== undefined && isTypeKro(source) && /^[A-Z]/.test(name)) {
    // A factory call the compiler meets in a value that made no resource when the composition ran (a callback
    // compiled rather than run, a loop): there is no resource for it to stand for.
    return syntaxError(
      node,
      `\`${name}(...)\` creates a resource, but this call made no resource when the composition ran (it sits in a callback TypeKro compiles rather than runs, or in a branch JavaScript did not take), so there is no resource for its result to read`,
      `bind the resource to a const first, in the composition itself: \`const web = ${name}({ ... })\`, then read \`web.status...\``,
    );
  }
  if (source !== undefined && target?.unresolved) {
    return syntaxError(
      node,
      `\`${name}(...)\` is imported from "${source}", which is neither a \`paths\` alias of the tsconfig.json nearest to this file nor an installed package, so TypeKro cannot tell which file JavaScript ran`,
      `import the helper with a relative path (import { ${name} } from './...'), or declare the alias in that tsconfig.json`,
    );
  }
  if (source !== undefined) {
    return syntaxError(
      node,
      `\`${name}(...)\` comes from ${fromWhere(source)}: its code runs in JavaScript only (TypeKro does not read it), so what it computes from a reference cannot be compiled to CEL`,
      PACKAGE_HINT,
    );
  }
  return syntaxError(node, `\`${name}(...)\` is a JavaScript function; it cannot run in CEL`, 'pass the value through the spec, or write Cel.expr(...)');
}

/**
 * The refusal of `name.member(...)` at `node` when `name` is a package's namespace import (`import * as _ from
 * 'lodash'`, how such libraries are usually imported): the same reason as a named import's call; undefined
 * when `name` is not one.
 */
export function packageNamespaceCall(node: Node, name: string, member: string): CompositionSyntaxError | undefined {
  const source = packageOf(node, name)?.source;
  if (source === undefined || isTypeKro(source)) return undefined;
  return syntaxError(
    node,
    `\`${name}.${member}(...)\` comes from ${fromWhere(source)} (\`${name}\` is its namespace import): its code runs in JavaScript only (TypeKro does not read it), so what it computes from a reference cannot be compiled to CEL`,
    PACKAGE_HINT,
  );
}

/** Where `name` in the file of `node` is imported from when it is imported from a package, else undefined. */
function packageOf(node: Node, name: string): { readonly source: string; readonly unresolved?: true } | undefined {
  const file = node.loc?.filename;
  if (!file) return undefined;
  try {
    const target = resolveModuleName(file, name);
    return target?.kind === 'package' ? target : undefined;
  } catch {
    // A local import that cannot be followed says so where it is bound; here the general message stands.
    return undefined;
  }
}

/** `typekro`, `typekro/aspects`, or TypeKro's own source seen from its tests (a relative path). */
function isTypeKro(source: string): boolean {
  return source === 'typekro' || source.startsWith('typekro/') || (source.startsWith('.') && !source.includes('node_modules'));
}


