/**
 * `withReadyWhen` / `withIncludeWhen` arguments to CEL: callbacks and JavaScript expressions are
 * compiled from source; references, `Cel.expr` values, booleans and raw CEL strings are taken as they are.
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import { namedBinding, scopeOf, type Scope } from '../analysis/scope.js';
import { snippetOf } from '../analysis/source.js';
import { E, exprChildren, macroVariables, type Expr } from '../ir/expr.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { isExprValue } from '../ir/value.js';
import { observedType } from '../model/kube-types.js';
import { refOf, refToExpr } from '../model/refs.js';
import type { ConditionKind, ResourceRecord } from '../model/resource.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { compileConditionNode, compileValueNode } from './compile-node.js';
import { isBuiltExact } from './source-values.js';
import { isFunctionNode, unwrap } from '../analysis/ast.js';
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
    const condition = compileConditionNode(argument, scope);
    if (kind === 'readyWhen') checkReadsItselfOnly(condition, record.forEach.length > 0 ? 'each' : record.id, undefined, argument);
    return condition;
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
function compileCallback(kind: ConditionKind, record: ResourceRecord, written: Node | undefined, outer: Scope): Expr {
  // A function passed by name (`.withReadyWhen(isAvailable)`, imported or declared): its own source, in the scope it is defined in (trial 7 H23).
  const named = written ? namedBinding(unwrap(written), outer)?.binding : undefined;
  const argument = named?.kind === 'function' ? named.fn : written;
  const scope = named?.kind === 'function' ? named.scope : outer;
  if (!argument || (argument.type !== 'ArrowFunctionExpression' && argument.type !== 'FunctionExpression' && argument.type !== 'FunctionDeclaration')) {
    const example = kind === 'readyWhen' ? '.withReadyWhen((self) => self.status.readyReplicas > 0)' : '.withIncludeWhen(() => spec.enabled)';
    const why = `${method(kind)}() of resource "${record.id}" takes its callback written inline or a function named where it is declared, so TypeKro can read its source`;
    if (argument) throw syntaxError(argument, why, argument.type === 'CallExpression' ? `write the function in the call, e.g. ${example}` : `write the function in the call, e.g. ${example}, or call it there: .${method(kind)}((self) => ${snippetOf(argument)}(self))`);
    throw new TypeKroError('DEFINITION_INVALID', `${why} (e.g. ${example})`);
  }
  const self = argument.params[0];
  const selfName = self?.type === 'Identifier' ? self.name : undefined;
  const selfId = record.forEach.length > 0 ? 'each' : record.id;
  const selfExpr = E.ident(selfId);
  const inner = selfName
    ? scopeOf({ [selfName]: { kind: 'value', expr: selfExpr, type: observedType(record.modelName, record.manifest) } }, scope)
    : scope;
  const body = returnedExpression(argument);
  const condition = compileConditionNode(body, inner);
  if (kind === 'readyWhen') checkReadsItselfOnly(condition, selfId, selfName ?? 'self', body);
  return condition;
}

/**
 * KRO evaluates readyWhen with the resource itself only in scope; a read of the spec or another resource
 * would make KRO reject the RGD. Said here, at the callback, with the reads as the composition wrote them.
 */
function checkReadsItselfOnly(condition: Expr, self: string, selfName: string | undefined, node: Node): void {
  const others = readsOutside(condition, self);
  if (others.length === 0) return;
  const name = selfName ?? 'self';
  const what = selfName ? `a readyWhen callback may only read the resource itself (\`${selfName}\`)` : 'a readyWhen condition may only read the resource itself (through a callback\'s parameter)';
  throw syntaxError(
    node,
    `${what}: KRO evaluates it with nothing else in scope, and this one reads ${others.join(', ')}`,
    `move conditions on the spec or on other resources to .withIncludeWhen(...) or to the status; write readyWhen as a callback on the resource: .withReadyWhen((${name}) => ${name}.status...)`,
  );
}

/** The reads in `expr` of roots other than `self` (`spec.n`, `db.status.ready`), as the composition wrote them. */
function readsOutside(expr: Expr, self: string): string[] {
  const reads = new Set<string>();
  const bound = new Set<string>();
  const visit = (node: Expr): void => {
    let root: Expr = node;
    while (root.kind === 'select' || root.kind === 'index') root = root.target;
    if (root.kind === 'ident' && root !== node && root.name !== self && !bound.has(root.name)) {
      // The read as written: the compiler's guards (`db.?status`) are not the user's.
      reads.add(printAsJavaScript(node).replace(/\?\./g, '.').replace(/\.\[/g, '['));
      return;
    }
    if (node.kind === 'ident' && node.name !== self && !bound.has(node.name)) reads.add(node.name);
    if (node.kind === 'macro') {
      visit(node.target);
      const names = macroVariables(node).filter((name) => !bound.has(name));
      for (const name of names) bound.add(name);
      visit(node.body);
      for (const name of names) bound.delete(name);
      return;
    }
    for (const child of exprChildren(node)) visit(child);
  };
  visit(expr);
  return [...reads];
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
