/**
 * Values that differ each time JavaScript computes them: `Math.random()`, `Date.now()`, `new Date()`,
 * `crypto.randomUUID()` (trial 10 R16, N01-N03). The composition function runs once, when it is defined, so
 * such a value is frozen into the ResourceGraphDefinition (every instance gets it) and differs from one render
 * or process to the next (a golden file over it never matches); compiled, it has no CEL form either. Both
 * ways it is not what the code says, so it is refused before the function runs, wherever the function uses it.
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import type { FunctionLike, Scope } from './scope.js';
import { snippetOf, textMayMatch } from './source.js';

/** The ways out (`RANDOM_HINT` also where the compiler meets `Math.random` in a helper it inlines from another file). */
export const RANDOM_HINT =
  "pass the value through the spec; for a suffix that differs per instance and stays the same on every reconcile, use KRO's seeded random: Cel.expr<string>('random.seededString(5, ', spec.name, ')')";
const TIME_HINT = 'pass the time through the spec (`spec.deployedAt`), or leave it to the cluster: every object has `metadata.creationTimestamp`';

/**
 * Refuses the first use in `fn` of a value that changes per run. `scope` tells a global (`Math`) from a local
 * of the same name.
 *
 * @example
 * ```ts
 * // kubernetesComposition(def, (spec) => { ConfigMap({ name: `x-${Math.random()}` }) })
 * refuseRunDependentValues(fn, scope); // throws: `Math.random()` gives another value each time it runs ...
 * ```
 */
export function refuseRunDependentValues(fn: FunctionLike, scope: Scope): void {
  // Most functions mention none of these names: one look at the text skips the walk.
  if (!textMayMatch(fn, /\b(?:random|randomUUID|Date|now)\b/)) return;
  let found: { node: Node; hint: string } | undefined;
  walk(fn.body, (node) => {
    if (found) return false;
    const hint = runDependent(node, scope);
    if (hint) found = { node, hint };
    return undefined;
  });
  if (found) throw runDependentRefusal(found.node, found.hint);
}

/** The refusal of `node`, a use of a value that changes per run, with `hint` as the way out. */
export function runDependentRefusal(node: Node, hint: string): Error {
  return syntaxError(
    node,
    `\`${snippetOf(node)}\` gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either`,
    hint,
  );
}

/** The way out when `node` computes a value that changes per run, else undefined. */
function runDependent(node: Node, scope: Scope): string | undefined {
  if (node.type === 'NewExpression') {
    // `new Date(spec.since)` is another refusal (`new` builds an object at definition time); `new Date()` is now.
    return isGlobal(node.callee, 'Date', scope) && node.arguments.length === 0 ? TIME_HINT : undefined;
  }
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return undefined;
  const callee = unwrap(node.callee);
  if (isGlobal(callee, 'Date', scope)) return TIME_HINT; // `Date()` is the time as text
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = `${callee.property.name}`;
  const object = unwrap(callee.object);
  if (method === 'random' && isGlobal(object, 'Math', scope)) return RANDOM_HINT;
  if (method === 'now' && (isGlobal(object, 'Date', scope) || isGlobal(object, 'performance', scope))) return TIME_HINT;
  if ((method === 'randomUUID' || method === 'getRandomValues') && isGlobal(object, 'crypto', scope)) return RANDOM_HINT;
  return undefined;
}

/** `node` names the global `name`, not a local or an import of the same name. */
function isGlobal(node: Node, name: string, scope: Scope): boolean {
  return node.type === 'Identifier' && node.name === name && !scope.lookup(name, node);
}
