/**
 * Operators whose JavaScript meaning depends on what a value is at run time, where CEL's would differ
 * (trial 7 V16, V17, V24): `+` over two values of unknown type, `===` between values of unknown type that
 * may be lists or objects, and `<`/`===` over date-time text that CEL reads as instants.
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import { syntaxError } from './errors.js';
import { valueOf, type Typed } from './typed.js';

/**
 * `a + b` where neither side's type is known: JavaScript joins the text of lists and objects (`['x'] + ['y']`
 * is `'xy'`) where CEL joins the lists, and adds or joins by what each value is; nothing in CEL does that.
 */
export function refuseUntypedPlus(node: Node, a: Typed, b: Typed): void {
  if (a.type.kind !== 'dyn' || b.type.kind !== 'dyn') return;
  throw syntaxError(
    node,
    "`+` on two values of unknown type: JavaScript adds them or joins their text by what they hold at run time (`['x'] + ['y']` is 'xy'), where CEL would join two lists",
    "say which you mean: `String(a) + String(b)` for text, or Cel.expr<number>(a, ' + ', b) for CEL's addition of two numbers of one kind",
  );
}

/**
 * `a === b` between two values of unknown type: JavaScript compares lists and objects by identity (two
 * reads of an object's fields are never the same list), CEL's `==` by contents. Where either is a list or
 * a map the answer is false; the same read on both sides (`x === x`) is the same value in JavaScript too.
 */
export function identityEquality(a: Typed, b: Typed, eq: Expr): Expr {
  if (a.type.kind !== 'dyn' || b.type.kind !== 'dyn' || sameExpr(valueOf(a), valueOf(b))) return eq;
  return E.binary('&&', E.unary('!', isComposite(valueOf(a))), eq);
}

/** `value` is a list or a map (`type([])` rather than `list`: a bare name would read as a reference to a resource). */
function isComposite(value: Expr): Expr {
  return E.binary('in', E.call('type', [value]), E.list([E.call('type', [E.list([])]), E.call('type', [E.map([])])]));
}

function exprText(e: Expr): string {
  return JSON.stringify(e, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function sameExpr(x: Expr, y: Expr): boolean {
  return exprText(x) === exprText(y);
}

function mayBeComposite(type: CelType): boolean {
  return type.kind === 'dyn' || type.kind === 'list' || type.kind === 'map' || type.kind === 'object';
}

/**
 * `list.includes(v)` / `list.indexOf(v)` where both `v` and the items may be lists or objects (trial 7 V17):
 * JavaScript finds only the very same object (SameValueZero), CEL's `in` and `indexOf` compare contents. Two
 * reads of a cluster object are never the same object, so a list or map `v` is not found (`found` is the
 * answer otherwise); a search that could meet `v` itself (a list literal holding values of unknown type, or
 * `v` read out of the list searched: `st.list.includes(st.list[0])`) has no CEL form and is refused.
 */
export function identitySearch(node: Node, needle: Typed, item: CelType, list: Expr, found: Expr, notFound: Expr): Expr {
  if (!mayBeComposite(needle.type) || !mayBeComposite(item)) return found;
  if (list.kind === 'list' || exprText(valueOf(needle)).includes(exprText(list))) {
    throw syntaxError(
      node,
      'searching values of unknown type for a value that may be a list or an object: JavaScript finds only the very same object (identity), CEL compares contents',
      'search by a field (`list.some((x) => x.name === v.name)`) or for text (`String(v)`)',
    );
  }
  return E.cond(isComposite(valueOf(needle)), notFound, found);
}

// A module function, not a closure per comparison compiled: under tsx each named closure is renamed when made.
function isDateTime(t: Typed): boolean {
  return t.type.kind === 'timestamp' && !t.type.kubernetesTime;
}

/**
 * `<`, `>`, `===` on a date-time field that is not Kubernetes' own whole-second UTC time: its TypeScript type
 * is `string`, so JavaScript compares the text as written (`'…T10:00:00+05:30' > '…T04:45:00Z'`, `'…00Z' >
 * '…00.5Z'`), while CEL holds a timestamp and compares instants. The two disagree for offsets and fractions.
 */
export function refuseDateTimeComparison(node: Node, a: Typed, b: Typed, op: string): void {
  if (!isDateTime(a) && !isDateTime(b)) return;
  throw syntaxError(
    node,
    `\`${op}\` on a date-time field (format date-time in its schema) compares its text in JavaScript, in whatever form its writer chose (an offset, trimmed fractional seconds), while CEL compares the instants`,
    `compare the instants with Cel.expr<boolean>(a, ' ${op === '===' ? '==' : op === '!==' ? '!=' : op} ', b) if that is what you mean`,
  );
}
