/**
 * `withReadyWhen` / `withIncludeWhen` arguments to CEL: callbacks and JavaScript expressions are
 * compiled from source; references, `Cel.expr` values, booleans and raw CEL strings are taken as they are.
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import { scopeOf, type Scope } from '../analysis/scope.js';
import { E, type Expr } from '../ir/expr.js';
import { isExprValue } from '../ir/value.js';
import { observedType } from '../model/kube-types.js';
import { refOf, refToExpr } from '../model/refs.js';
import type { ConditionKind, ResourceRecord } from '../model/resource.js';
import { mentionsReferences } from '../analysis/local-scope.js';
import { compileConditionNode, compileValueNode } from './compile-node.js';
import { isBuiltExact } from './source-values.js';
import { isFunctionNode } from '../analysis/ast.js';
import { TypeKroError } from '../util/errors.js';
import { withArticle } from '../util/article.js';

export function compileResourceCondition(
  kind: ConditionKind,
  input: unknown,
  record: ResourceRecord,
  argument: Node | undefined,
  scope: Scope,
): Expr {
  const ref = refOf(input);
  // A reference proxy is callable too (`spec.flag` has a function target): only a real function is a callback.
  if (typeof input === 'function' && !ref) return compileCallback(kind, record, argument, scope);
  // JavaScript evaluated the argument on placeholders: `spec.replicas > 2` is `false` there; the source decides.
  if (argument && !isFunctionNode(argument) && mentionsReferences(argument, scope) && !(isExprValue(input) && isBuiltExact(argument, scope))) {
    const { type } = compileValueNode(argument, scope);
    if (type.kind !== 'bool' && type.kind !== 'dyn') {
      throw syntaxError(argument, `${method(kind)}() takes a boolean condition, got ${withArticle(type.kind)}`, `compare it explicitly, e.g. .${method(kind)}(spec.name !== '')`);
    }
    return compileConditionNode(argument, scope);
  }
  if (ref) return refToExpr(ref);
  if (isExprValue(input)) return input.expr;
  if (typeof input === 'string') return E.raw(unwrapCel(input), []);
  if (typeof input === 'boolean') return E.bool(input);
  throw new TypeKroError('DEFINITION_INVALID', 
    `${method(kind)}() of resource "${record.id}" takes a boolean expression over the spec or resources (spec.enabled, spec.replicas > 2), a callback, a Cel expression, a boolean or a CEL string; got ${input === null ? 'null' : typeof input}`,
  );
}

/** The handle method a condition kind is set with. */
function method(kind: ConditionKind): string {
  return kind === 'readyWhen' ? 'withReadyWhen' : 'withIncludeWhen';
}

/** `(self) => self.status.ready` — `self` is the resource itself (`each` inside a collection). */
function compileCallback(kind: ConditionKind, record: ResourceRecord, argument: Node | undefined, scope: Scope): Expr {
  if (!argument || (argument.type !== 'ArrowFunctionExpression' && argument.type !== 'FunctionExpression')) {
    const example = kind === 'readyWhen' ? '.withReadyWhen((self) => self.status.readyReplicas > 0)' : '.withIncludeWhen(() => spec.enabled)';
    throw new TypeKroError('DEFINITION_INVALID', `${method(kind)}() of resource "${record.id}": pass the callback inline (e.g. ${example}) so TypeKro can read its source`);
  }
  const self = argument.params[0];
  const selfName = self?.type === 'Identifier' ? self.name : undefined;
  const selfExpr = E.ident(record.forEach.length > 0 ? 'each' : record.id);
  const inner = selfName
    ? scopeOf({ [selfName]: { kind: 'value', expr: selfExpr, type: observedType(record.modelName, record.manifest) } }, scope)
    : scope;
  return compileConditionNode(returnedExpression(argument), inner);
}

function returnedExpression(fn: Node & { body: Node }): Node {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  if (fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument) return only.argument;
  throw syntaxError(fn.body, 'a condition callback must be a single expression or a single return statement', 'write (self) => <expression>');
}

/** Accepts `"${expr}"` and `"expr"`. */
function unwrapCel(text: string): string {
  const match = /^\$\{([\s\S]*)\}$/.exec(text.trim());
  return match?.[1] ?? text;
}
