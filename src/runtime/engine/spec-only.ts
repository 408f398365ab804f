/**
 * Expressions whose value the instance's spec alone decides. KRO and direct mode retry an expression whose
 * data is missing ("no such key"): another resource's status may still arrive. The spec does not change
 * during a deploy, so an expression that reads nothing else and misses data now misses it for good; direct
 * mode fails it at once instead of waiting for its deadline (trial 10 K04).
 */
import { exprChildren, macroVariables, type Expr } from '../../ir/expr.js';
import { schemaPathsInText } from '../../ir/schema-text-reads.js';
import type { EvalResult } from '../cel/index.js';

/**
 * Whether `expr` reads only `schema.spec`, constants and the names in `fixed` (loop items drawn from the
 * spec). Instance metadata is left out: direct mode assigns some of it (uid) only when it has an instance.
 *
 * @example
 * ```ts
 * readsOnlySpec(E.path('schema', 'spec', 'config')); // => true
 * readsOnlySpec(E.path('web', 'status', 'readyReplicas')); // => false
 * ```
 */
export function readsOnlySpec(expr: Expr, fixed: ReadonlySet<string> = new Set()): boolean {
  switch (expr.kind) {
    case 'ident':
      return fixed.has(expr.name);
    case 'select':
      return expr.target.kind === 'ident' && expr.target.name === 'schema' && !fixed.has('schema') ? expr.field === 'spec' : readsOnlySpec(expr.target, fixed);
    case 'macro':
      return readsOnlySpec(expr.target, fixed) && readsOnlySpec(expr.body, new Set([...fixed, ...macroVariables(expr)]));
    case 'raw':
      // Text TypeKro does not parse (Cel.expr): its references are known, its paths from `schema` are checked as text.
      return expr.refs.every((ref) => ref === 'schema' || fixed.has(ref)) && schemaPathsInText(expr.cel, 1).every((path) => path[0] === 'spec');
    default:
      return exprChildren(expr).every((child) => readsOnlySpec(child, fixed));
  }
}

/**
 * `result`, with "pending" turned into a final error when `expr` reads only the spec (see the file comment).
 *
 * @example
 * ```ts
 * settledBySpec({ kind: 'pending', reason: 'No such key: config' }, E.path('schema', 'spec', 'config')).kind; // => 'error'
 * ```
 */
export function settledBySpec(result: EvalResult, expr: Expr, fixed?: ReadonlySet<string>): EvalResult {
  if (result.kind !== 'pending' || !readsOnlySpec(expr, fixed)) return result;
  return {
    kind: 'error',
    message: `${result.reason} (the expression reads only the instance's spec, which stays as it is for the whole deploy, so the data never arrives: give the spec field a default in the schema, or \`?? default\` in the composition)`,
  };
}
