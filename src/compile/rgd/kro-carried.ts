/**
 * Strings KRO cannot carry into a resource unchanged. KRO applies each resource with server-side apply, its
 * body JSON from Go's encoder, which writes U+007F-U+009F, U+FFFE and U+FFFF as they are; the API server reads
 * an apply body as YAML 1.1 (go-yaml), where U+0085 is a line break, folded into a space with the blanks
 * around it, and the others are refused ("control characters are not allowed"). Seen on the local control
 * plane (test/input/wire.cluster.test.ts): the instance kept "nel\u0085b", its ConfigMap got "nel b".
 * TypeKro's own bodies escape them (runtime/kube/wire.ts); KRO's cannot be. U+2028, U+2029 and U+FEFF are
 * among go-yaml's hazards (util/yaml11.ts) but not KRO's: Go's encoder escapes U+2028 and U+2029, and U+FEFF
 * inside a quoted scalar is read as itself (a byte order mark only at the start of the stream, where KRO's
 * body has `{`), as test/cluster/kro-strings.cluster.test.ts shows. The spec and the instance's annotations are
 * checked by api/kro-strings.ts; the constants a composition writes into its resources, here, when the RGD is
 * compiled.
 */
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { fieldPath } from '../../model/schema/index.js';
import { CompositionError, describeResource } from './errors.js';

/** What go-yaml reads as a line break (U+0085) or refuses, and Go's JSON encoder leaves unescaped. */
// eslint-disable-next-line no-control-regex
export const KRO_UNSAFE = /[\u007f-\u009f\ufffe\uffff]/;

/**
 * `where` holds a character KRO cannot carry (`code`, at `index`): what happens to it, and the way out.
 *
 * @example
 * ```ts
 * kroCharProblem('spec.note', 0x85, 1); // => 'spec.note holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break ...'
 * ```
 */
export function kroCharProblem(where: string, code: number, index: number): string {
  const char = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const effect = code === 0x85 ? 'reads it as a line break and stores a space instead' : 'refuses it as a control character';
  return `${where} holds ${char} at index ${index}: KRO applies resources as YAML 1.1, which ${effect}; deploy in direct mode, or leave the character out`;
}

/** The problem of `text` at `where`, if it holds such a character. */
export function kroTextProblem(where: string, text: string): string | undefined {
  const index = text.search(KRO_UNSAFE);
  return index < 0 ? undefined : kroCharProblem(where, text.charCodeAt(index), index);
}

/**
 * Throws a CompositionError for the first text written as it is into a resource of the graph (a constant, a
 * key, the literal parts of a template string) that KRO would change or refuse, naming the resource (where
 * it was declared) and the field.
 *
 * @example
 * ```ts
 * checkKroTemplateStrings(graph); // throws 'resource "note" (app.ts:5:5): template.data.text holds U+0085 at index 1: ...'
 * ```
 */
export function checkKroTemplateStrings(graph: CompositionGraph): void {
  for (const resource of graph.resources) {
    if (resource.template === undefined) continue;
    const problem = firstProblem(resource.template, []);
    if (problem) throw new CompositionError(`${describeResource(resource)}: ${problem}`, resource.id);
  }
  // KRO writes the instance's status the same way (trial 16: a status constant 'x\u0085y' read back 'x y').
  const problem = firstProblem(graph.status, [], 'status');
  if (problem) throw new CompositionError(`the returned status: ${problem}`);
}

/**
 * The first problem in `value` at `path` (one array, pushed and popped: the walk visits every leaf of every
 * resource, so it allocates nothing until it finds a problem).
 */
function firstProblem(value: Value, path: (string | number)[], root = 'template'): string | undefined {
  if (typeof value === 'string') return KRO_UNSAFE.test(value) ? kroTextProblem(fieldPath(root, path), value) : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  // Every text an expression holds that it may write: a conditional's arm, a default, a join's separator or a
  // template string's literal part.
  if (isExprValue(value)) return exprProblem(value.expr, path, root);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const found = firstProblem(value[i] as Value, path, root);
      path.pop();
      if (found) return found;
    }
    return undefined;
  }
  const fields = value as Record<string, Value>;
  for (const key of Object.keys(fields)) {
    path.push(key);
    const found = KRO_UNSAFE.test(key) ? kroTextProblem(`${fieldPath(root, path)} (the key)`, key) : firstProblem(fields[key]!, path, root);
    path.pop();
    if (found) return found;
  }
  return undefined;
}

/** Calls whose result holds no text of their arguments or receiver (a number, a truth value, a presence). */
const NO_TEXT_OUT = new Set(['size', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'contains', 'matches', 'int', 'uint', 'double', 'bool', 'has', 'hasValue', 'min', 'max', 'sum', 'abs', 'sign']);
/** Macros whose body is a test: their result holds items of the target, never the body's texts. */
const TEST_BODIES = new Set(['filter', 'all', 'exists', 'exists_one']);

/**
 * The first text of `expr` that may be written into the resource (KRO carries the result, not the
 * expression) and that KRO cannot carry: a literal, or a literal part of a template string, in a position
 * whose text can reach the result: a conditional's arm (not its test), an operand of `+`, a list item, a map
 * key or value, a call's receiver and arguments (the separator of a join, the default of `orValue`), a mapping
 * body. Texts only compared (`==`, `<`, `c > "\uffff"` in the UTF-16 length TypeKro writes, `startsWith`,
 * `indexOf`, a filter's test) never reach it.
 */
function exprProblem(expr: Expr, path: readonly (string | number)[], root: string): string | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.literal.kind === 'string' && KRO_UNSAFE.test(expr.literal.value) ? kroTextProblem(`${fieldPath(root, path)} (a text in its expression)`, expr.literal.value) : undefined;
    case 'template':
      for (const part of expr.parts) {
        const found = typeof part === 'string' ? (KRO_UNSAFE.test(part) ? kroTextProblem(`${fieldPath(root, path)} (a literal part of its template string)`, part) : undefined) : exprProblem(part, path, root);
        if (found) return found;
      }
      return undefined;
    case 'conditional':
      return exprProblem(expr.then, path, root) ?? exprProblem(expr.otherwise, path, root);
    case 'binary':
      return expr.op === '+' ? (exprProblem(expr.left, path, root) ?? exprProblem(expr.right, path, root)) : undefined;
    case 'call':
      if (NO_TEXT_OUT.has(expr.fn)) return undefined;
      // split's separator is taken out of the text it splits
      return firstOf(expr.fn === 'split' ? (expr.target ? [expr.target] : expr.args.slice(0, 1)) : expr.target ? [expr.target, ...expr.args] : expr.args, path, root);
    case 'macro':
      return exprProblem(expr.target, path, root) ?? (TEST_BODIES.has(expr.macro) ? undefined : exprProblem(expr.body, path, root));
    case 'select':
    case 'index':
    case 'list':
    case 'map':
      return firstOf(exprChildren(expr), path, root);
    default:
      return undefined;
  }
}

function firstOf(exprs: readonly Expr[], path: readonly (string | number)[], root: string): string | undefined {
  for (const expr of exprs) {
    const found = exprProblem(expr, path, root);
    if (found) return found;
  }
  return undefined;
}
