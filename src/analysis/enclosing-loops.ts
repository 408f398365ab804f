/**
 * The loops a node of a composition function sits in: `for...of`, `.map`/`.forEach` callbacks and counted
 * `for` loops, as the syntax gives them (compiling their sources is the caller's job).
 */
import type { Node } from '@babel/types';
import { isFunctionNode, isLoopCallbackOf, patternNames, unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { itemPattern, patternItemName } from './loop-items.js';
import type { ParentLinks } from './parent-links.js';

/**
 * A loop around a call: `for (const v of source)`, `source.map((v) => ...)`, `source.forEach(...)`, or a
 * counted `for (let v = a; v < b; v++)` (`kind: 'for'`, `source` its test, `counted` the statement).
 */
export interface EnclosingLoop {
  /**
   * The name each item is bound to: the loop variable, or for a loop that destructures its item
   * (`for (const { name } of list)`) the name TypeKro gives the item (loop-items.ts).
   */
  readonly variable: string;
  /** Every name the loop head declares: `variable`, or the names of its pattern. */
  readonly names: readonly string[];
  /** The callback's second parameter, if it declares one (`(w, i) => ...`; a default never applies to it). */
  readonly index?: string;
  /**
   * The callback's parameters after the index: the third is the list itself (`list`), the others are never
   * passed, so each is its default (`default`) or `undefined` (neither).
   */
  readonly after?: readonly AfterIndex[];
  readonly source: Node;
  readonly kind: 'for-of' | 'map' | 'forEach' | 'for';
  /** The loop's body (statement or callback): what runs once per item. */
  readonly body: Node;
  readonly counted?: CountedLoop;
}

/** A loop callback's parameter after the index: `arr` of `(w, i, arr)`, `tag` of `(w, i, arr, tag = spec.tag)`. */
export interface AfterIndex {
  readonly name: string;
  /** Set on the third parameter: it is the list the method walks (its default never applies). */
  readonly list?: true;
  /** The default of a parameter after the list: always its value, as `.map` passes three arguments. */
  readonly default?: Node;
}

/** `for (let variable = start; variable <op> end; variable += step)`: the parts a definition-time loop needs. */
export interface CountedLoop {
  readonly start: Node;
  readonly operator: '<' | '<=' | '>' | '>=';
  readonly end: Node;
  /** +1 or -1 (`i++`, `i--`), or the literal of `i += n` / `i -= n`. */
  readonly step: number;
}


/** The loop `parent` is, when it has a form resources can be created in (others are refused where resources are). */
export function loopForm(parent: Node, child: Node, parents: ParentLinks): EnclosingLoop | undefined {
  try {
    return loopOf(parent, child, parents);
  } catch {
    return undefined;
  }
}

/** The loop `parent` is for `child` (its body or callback), or `undefined`; refuses loop heads TypeKro cannot name. */
export function loopOf(parent: Node, child: Node, parents: ParentLinks): EnclosingLoop | undefined {
  if (parent.type === 'ForOfStatement' && child === parent.body) {
    const left = parent.left;
    const id = left.type === 'VariableDeclaration' ? left.declarations[0]?.id : left;
    if (id?.type === 'Identifier') return { variable: id.name, names: [id.name], source: parent.right, kind: 'for-of', body: parent.body };
    return { ...destructuredItem(parent, left), source: parent.right, kind: 'for-of', body: parent.body };
  }
  if (parent.type === 'ForStatement' && child === parent.body) return countedLoop(parent);
  if (!isFunctionNode(parent) || !isLoopCallback(parent, parents)) return undefined;
  const owner = parents.get(parent);
  if (owner?.type !== 'CallExpression' || owner.callee.type !== 'MemberExpression') return undefined;
  const [item, index, ...after] = parent.params;
  if (!item || (item.type !== 'Identifier' && !itemPattern(parent))) throw syntaxError(parent, 'a loop callback must take its item as a name or a destructuring pattern', 'write `(item) => ...` or `({ name, port = 80 }) => ...`');
  const method = owner.callee.property.type === 'Identifier' ? owner.callee.property.name : '';
  const indexName = index && parameterName(index, method, 'index');
  return {
    ...(item.type === 'Identifier' ? { variable: item.name, names: [item.name] } : destructuredItem(parent, item)),
    ...(indexName !== undefined && { index: indexName }),
    ...(after.length > 0 && { after: after.map((param, i) => afterIndex(param, method, i === 0)) }),
    source: owner.callee.object,
    kind: method === 'forEach' ? 'forEach' : 'map',
    body: parent,
  };
}

/**
 * The name of a callback parameter after the item. JavaScript passes the index and the list, never undefined,
 * so their defaults never apply (`(w, i = spec.n)` is `(w, i)`); a pattern or rest parameter is refused.
 */
function parameterName(param: Node, method: string, what: 'index' | 'list' | 'argument'): string | undefined {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  throw syntaxError(
    param,
    `a loop callback's ${what === 'argument' ? 'parameter after the list' : what} must be a name: \`.${method}\` passes its callback the item, the item's index and the list`,
    'take the item alone (`(item) => ...`) and declare what the other parameters computed as a `const` in the callback',
  );
}

/** The third parameter (the list) or a later one (its default, or `undefined`). */
function afterIndex(param: Node, method: string, list: boolean): AfterIndex {
  const name = parameterName(param, method, list ? 'list' : 'argument')!;
  if (list) return { name, list: true };
  return param.type === 'AssignmentPattern' ? { name, default: param.right } : { name };
}

/**
 * The item of a loop that destructures it: the name it is given and the names the pattern declares (each
 * an alias of its read from the item, as `const { name } = item` in the body would be; local-scope.ts).
 */
function destructuredItem(loop: Node, head: Node): { variable: string; names: readonly string[] } {
  const pattern = itemPattern(loop);
  const variable = pattern && patternItemName(loop);
  if (!pattern || variable === undefined) {
    throw syntaxError(head, 'a for-of loop that assigns its item to names declared elsewhere is not supported', 'declare the names in the loop head: `for (const [name, replicas] of list)` or `for (const { name } of list)`');
  }
  return { variable, names: [variable, ...patternNames(pattern)] };
}

const COUNTED_FORM = 'a resource is created inside a `for` loop that is not a counted loop TypeKro can run at definition time';
const COUNTED_HINT = "write it as `for (let i = 0; i < 3; i++)` with bounds known at definition time, or loop over a constant array (`for (const x of ['a', 'b'])`) or a spec list (`for (const x of spec.items)`)";

/** A counted `for` loop: one variable, compared with a bound, stepped by a literal, not assigned in the body. */
function countedLoop(loop: Extract<Node, { type: 'ForStatement' }>): EnclosingLoop {
  const init = loop.init?.type === 'VariableDeclaration' && loop.init.declarations.length === 1 ? loop.init.declarations[0] : undefined;
  const name = init?.id.type === 'Identifier' ? init.id.name : undefined;
  const test = loop.test && unwrap(loop.test);
  const step = loop.update ? stepOf(loop.update, name) : undefined;
  if (!init?.init || name === undefined || test?.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator) || step === undefined) {
    throw syntaxError(loop, COUNTED_FORM, COUNTED_HINT);
  }
  const left = unwrap(test.left as Node);
  if (left.type !== 'Identifier' || left.name !== name) throw syntaxError(test, COUNTED_FORM, COUNTED_HINT);
  walk(loop.body, (node) => {
    const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
    if (target?.type === 'Identifier' && target.name === name) throw syntaxError(node, `${COUNTED_FORM}: the body changes \`${name}\``, COUNTED_HINT);
  });
  return {
    variable: name, names: [name], source: test, kind: 'for', body: loop.body,
    counted: { start: init.init, operator: test.operator as CountedLoop['operator'], end: test.right, step },
  };
}

function stepOf(update: Node, name: string | undefined): number | undefined {
  const node = unwrap(update);
  if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier' && node.argument.name === name) return node.operator === '++' ? 1 : -1;
  if (node.type !== 'AssignmentExpression' || node.left.type !== 'Identifier' || node.left.name !== name) return undefined;
  const right = unwrap(node.right);
  if (right.type !== 'NumericLiteral' || !Number.isSafeInteger(right.value) || right.value === 0) return undefined;
  return node.operator === '+=' ? right.value : node.operator === '-=' ? -right.value : undefined;
}

/** True when `fn` is the first argument of `x.map(...)`, `x.forEach(...)` or `x.flatMap(...)`. */
export function isLoopCallback(fn: Node, parents: ParentLinks): boolean {
  return isLoopCallbackOf(fn, parents.get(fn));
}

export /** `while`, `do...while` and `for...in` bodies: loops no KRO collection or definition-time unrolling stands for. */
function isUnsupportedLoop(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForInStatement':
      return child === parent.body;
    default:
      return false;
  }
}
