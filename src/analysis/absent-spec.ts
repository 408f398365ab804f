/**
 * Spec data that may be absent (an optional field of the spec or of a spec list item, an index past the end
 * of a spec list) is there from the start or never: JavaScript goes on with `undefined` ("undefined" in
 * text, NaN in arithmetic), while KRO waits for it forever. Where such a value is made into text or a
 * number, it must be known present (a guard around it) or the definition fails. Observed state is not
 * spec data: waiting for it is what JavaScript's pending value means.
 */
import { isDeepStrictEqual } from 'node:util';
import { mapOrEmptyOperand } from '../ir/untyped-target.js';
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { syntaxError } from './errors.js';
import type { Scope } from './scope.js';
import { operandOf, snippetOf } from './source.js';
import type { Typed } from './typed.js';

/**
 * True when `term` (one `&&` term of a condition known to hold) makes `present` true: it is the presence
 * test itself (`has(schema.spec.host)`), or bounds a list's length at least as tightly
 * (`size(schema.spec.l) >= 2` guarantees `size(schema.spec.l) > 1`).
 *
 * @example
 * ```ts
 * implies(E.binary('>=', E.call('size', [l]), E.int(2)), E.binary('>', E.call('size', [l]), E.int(1))); // true
 * ```
 */
export function implies(term: Expr, present: Expr): boolean {
  if (isDeepStrictEqual(term, present)) return true;
  if (defaultFails(term)?.some((read) => isDeepStrictEqual(E.call('has', [read]), present))) return true;
  const wanted = sizeBound(present);
  const given = sizeBound(term);
  return wanted !== undefined && given !== undefined && given.min >= wanted.min && isDeepStrictEqual(given.list, wanted.list);
}

/**
 * The reads a comparison shows present: `x.?f.orValue(0) > 0` (how `x.f > 0` compiles when `x.f` may be
 * absent, JavaScript's `undefined > 0` being false) holds only where `x.f` is set, as the default fails it.
 * Each optional step of the read (`x.?a.?b`) is then set: `x.a` and `x.a.b`, written without `?`.
 */
function defaultFails(term: Expr): Expr[] | undefined {
  if (term.kind !== 'binary' || !['<', '<=', '>', '>='].includes(term.op)) return undefined;
  const [read, bound, flipped] = term.left.kind === 'call' ? [term.left, term.right, false] : [term.right, term.left, true];
  if (read.kind !== 'call' || read.fn !== 'orValue' || !read.target || read.args.length !== 1) return undefined;
  const fallback = read.args[0]!;
  if (fallback.kind !== 'literal' || fallback.literal.kind !== 'int' || bound.kind !== 'literal' || bound.literal.kind !== 'int') return undefined;
  const [l, r] = flipped ? [bound.literal.value, fallback.literal.value] : [fallback.literal.value, bound.literal.value];
  const passes = { '<': l < r, '<=': l <= r, '>': l > r, '>=': l >= r }[term.op as '<' | '<=' | '>' | '>='];
  if (passes) return undefined;
  const reads: Expr[] = [];
  const required = (node: Expr): Expr => (node.kind === 'select' ? E.select(required(node.target), node.field) : node);
  for (let node = read.target; node.kind === 'select'; node = node.target) if (node.optional) reads.push(required(node));
  return reads;
}

/**
 * `size(l) > i` / `size(l) >= n` as the list and the least length it admits; also `size(l) != 0`, how a
 * truthy `l.length` compiles (`l.length ? l[0] : d`: a size is never negative, so it is at least 1).
 */
function sizeBound(expr: Expr): { list: Expr; min: number } | undefined {
  if (expr.kind !== 'binary' || (expr.op !== '>' && expr.op !== '>=' && expr.op !== '!=')) return undefined;
  const { left, right } = expr;
  if (left.kind !== 'call' || left.fn !== 'size' || left.target || left.args.length !== 1) return undefined;
  if (right.kind !== 'literal' || right.literal.kind !== 'int') return undefined;
  const bound = Number(right.literal.value);
  if (expr.op === '!=') return bound === 0 ? { list: left.args[0]!, min: 1 } : undefined;
  return { list: left.args[0]!, min: expr.op === '>' ? bound + 1 : bound };
}

/** The parts of `a && b && ...`, each known to hold when the whole does. */
export function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'binary' && expr.op === '&&' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

/**
 * The terms known to hold where `test` is true: its `&&` parts, and through negation those of `!(a || b)`
 * (`!a` and `!b`: a `?:`'s other branch, the right side of `||`) and of `!!a`. Only for guards: as a CEL
 * condition `!(a || b)` is not `!a && !b` where one side errors, but where it is true both sides are false.
 *
 * @example
 * ```ts
 * guardTerms(E.unary('!', E.binary('||', E.unary('!', E.call('has', [x])), y))); // [has(x), !y]
 * ```
 */
export function guardTerms(test: Expr): Expr[] {
  if (test.kind === 'binary' && test.op === '&&') return [...guardTerms(test.left), ...guardTerms(test.right)];
  if (test.kind === 'unary' && test.op === '!') {
    const inner = test.operand;
    if (inner.kind === 'unary' && inner.op === '!') return guardTerms(inner.operand);
    if (inner.kind === 'binary' && inner.op === '||') return [...guardTerms(E.unary('!', inner.left)), ...guardTerms(E.unary('!', inner.right))];
  }
  return [test];
}

/**
 * True when the conditions known to hold (`guards`) establish every `&&` part of `present`; an `a || b` part
 * is established by establishing either side (`spec.a || spec.b` where `spec.b` is known set).
 */
export function holds(guards: readonly Expr[], present: Expr): boolean {
  return conjuncts(present).every((part) => guards.some((guard) => implies(guard, part)) || (part.kind === 'binary' && part.op === '||' && (holds(guards, part.left) || holds(guards, part.right))));
}

/** `scope` where `test` is known to hold as well (a `?:` branch, the right side of `&&` or `||`). */
export function guardedBy(scope: Scope, test: Expr): Scope {
  return withGuards(scope, guardTerms(test));
}

/** `scope` where the conditions `terms` are known to hold as well (the `if`s around a factory call). */
export function withGuards(scope: Scope, terms: readonly Expr[]): Scope {
  if (terms.length === 0) return scope;
  return { lookup: (name, at) => scope.lookup(name, at), guards: [...(scope.guards ?? []), ...terms], ...(scope.specItem && { specItem: scope.specItem }) };
}

/**
 * What absent spec data a presence test waits for, unless `guards` establish it: `'field'` for an optional
 * field (`has(schema.spec.o)`, `has(u.role)` of a spec list item), `'item'` for an index that may be past the
 * end of a spec list (`size(schema.spec.l) > 1`). A test of observed state gives undefined.
 */
export function awaitedSpecData(present: Expr, scope: Scope, guards: readonly Expr[] = scope.guards ?? []): 'field' | 'item' | undefined {
  switch (present.kind) {
    case 'binary': {
      // `size(l) > i` of a spec list: the list is as long as the instance says, from the start and for ever.
      const list = present.op === '>' && present.left.kind === 'call' && present.left.fn === 'size' && !present.left.target ? present.left.args[0] : undefined;
      if (list && present.right.kind === 'literal' && isSpecData(list, scope)) return holds(guards, present) ? undefined : 'item';
      // `t || p` (how `a || b` is present: `a` truthy, else `b` there): it fails only where `p` does, which
      // is tested only where `t` does not hold; `t` failing is no wait, it picks the other operand.
      if (present.op === '||') return awaitedSpecData(present.right, scope, [...guards, ...guardTerms(E.unary('!', present.left))]);
      // `a && b`: `b` is tested only where `a` holds.
      const right = present.op === '&&' ? [...guards, ...guardTerms(present.left)] : guards;
      return awaitedSpecData(present.left, scope, guards) ?? awaitedSpecData(present.right, scope, right);
    }
    case 'conditional':
      // `c ? x : y` (a ternary over a maybe-absent value): each branch under its side of the test.
      return awaitedSpecData(present.then, scope, [...guards, ...guardTerms(present.test)]) ?? awaitedSpecData(present.otherwise, scope, [...guards, ...guardTerms(E.unary('!', present.test))]);
    case 'unary':
      return awaitedSpecData(present.operand, scope, guards);
    case 'call': {
      const read = present.args[0];
      return present.fn === 'has' && present.args.length === 1 && read !== undefined && isSpecData(read, scope) && !holds(guards, present) ? 'field' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * True when `read` is data of the instance's spec: a path from `schema.spec`, from a loop item over spec
 * data (a `for`/`.map` item bound with `item`), through list methods (`filter`, `map`) and `orValue` defaults.
 */
export function isSpecData(read: Expr, scope: Scope): boolean {
  let node = read;
  for (;;) {
    const operand = mapOrEmptyOperand(node);
    if (operand) node = operand;
    else if (node.kind === 'select' || node.kind === 'index') {
      if (node.target.kind === 'ident' && node.target.name === 'schema') return node.kind === 'select' && node.field === 'spec';
      node = node.target;
    } else if (node.kind === 'macro') node = node.target;
    else if (node.kind === 'call' && node.fn === 'orValue' && node.target) node = node.target;
    else break;
  }
  return node.kind === 'ident' && isSpecItem(scope, node.name);
}

/** Whether the CEL name `name` is an item of spec data where `scope` is compiled. */
export function isSpecItem(scope: Scope, name: string): boolean {
  if (scope.specItem) return scope.specItem(name);
  const binding = scope.lookup(name);
  return binding?.kind === 'value' && binding.item === true;
}

/**
 * `inner` (the scope of an inlined helper's body) with what holds at the call in `caller`: its guards, and
 * which of the names in the compiled CEL are spec items.
 */
export function atCall(inner: Scope, caller: Scope): Scope {
  return { lookup: (name, at) => inner.lookup(name, at), guards: caller.guards ?? [], specItem: (name) => isSpecItem(caller, name) };
}

/**
 * Refuses `t` made into text (`use: 'text'`: a template part, `+` with a string, `String(x)`, a string
 * method's argument) or into a number (`'number'`: arithmetic) where it may be absent spec data the scope's
 * guards do not establish, or a CEL optional that may be empty (`c ? x : undefined`, `a ?? b` of two values
 * that may be unset): taking its value fails the expression, where JavaScript goes on with `undefined`.
 */
export function refuseAbsentSpecData(t: Typed, node: Node, scope: Scope, use: 'text' | 'number'): void {
  if (!t.absent) return;
  const read = snippetOf(node);
  const js = use === 'text' ? 'JavaScript makes it the text "undefined"' : 'JavaScript computes NaN with it';
  const made = use === 'text' ? 'made into text here' : 'used in arithmetic here';
  if (t.absent.wrapped) {
    if (holds(scope.guards ?? [], t.absent.present)) return;
    throw syntaxError(
      node,
      `\`${read}\` may be \`undefined\` (a branch or every side of \`??\` may give it), ${made}: ${js}, but the CEL expression fails on the missing value`,
      `end it with a default (\`${operandOf(node)} ?? <default>\`), or test it first (\`${operandOf(node)} !== undefined ? ... : ...\`)`,
    );
  }
  const awaited = awaitedSpecData(t.absent.present, scope);
  if (!awaited) return;
  if (awaited === 'item') {
    const index = indexOf(t.absent.present);
    const list = read.replace(/\[[^\]]*\]$/, '');
    throw syntaxError(
      node,
      `\`${read}\` is a spec list item that may be missing (the list may be shorter), ${made}: ${js}, but KRO waits for it forever`,
      `give it a default (\`${operandOf(node)} ?? <default>\`), test the length first (\`${list}.length > ${index} ? ... : ...\`), or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(${index + 1})\`)`,
    );
  }
  throw syntaxError(
    node,
    `\`${read}\` reads an optional spec field without a default, ${made}: when the instance leaves it out, ${js}, but KRO waits for it forever`,
    `give it a default where it is used (\`${operandOf(node)} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or test it first (\`${operandOf(node)} !== undefined ? ... : ...\`)`,
  );
}

/** `i` of the first presence test `size(list) > i` in `present`. */
export function indexOf(present: Expr): number {
  if (present.kind === 'binary' && present.op === '>' && present.right.kind === 'literal' && present.right.literal.kind === 'int') return Number(present.right.literal.value);
  if (present.kind === 'binary' && present.op === '&&') return Math.max(indexOf(present.left), indexOf(present.right));
  return 0;
}
