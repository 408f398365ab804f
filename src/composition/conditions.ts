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
import { compileConditionNode } from './compile-node.js';

export function compileResourceCondition(
  kind: ConditionKind,
  input: unknown,
  record: ResourceRecord,
  argument: Node | undefined,
  scope: Scope,
): Expr {
  if (typeof input === 'function') return compileCallback(kind, record, argument, scope);
  const ref = refOf(input);
  if (ref) return refToExpr(ref);
  if (isExprValue(input)) return input.expr;
  if (typeof input === 'string') return E.raw(unwrapCel(input), []);
  if (argument && mentionsReferences(argument, scope)) return compileConditionNode(argument, scope);
  if (typeof input === 'boolean') return E.bool(input);
  throw new TypeError(`${kind}() of resource "${record.id}" takes a callback, a reference, a Cel expression, a boolean or a CEL string`);
}

/** `(self) => self.status.ready` — `self` is the resource itself (`each` inside a collection). */
function compileCallback(kind: ConditionKind, record: ResourceRecord, argument: Node | undefined, scope: Scope): Expr {
  if (!argument || (argument.type !== 'ArrowFunctionExpression' && argument.type !== 'FunctionExpression')) {
    throw new Error(`${kind}() of resource "${record.id}": pass the callback inline (e.g. .${kind}((self) => self.status.ready)) so TypeKro can read its source`);
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
