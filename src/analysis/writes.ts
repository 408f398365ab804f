/**
 * What a write is, read from one node: the one model the write checks share. `x = v`, `[x] = v`, `x++`,
 * `for (x of list)`, `x.f = v`, `delete x.f`, `x.push(v)`, `Object.assign(x, v)`, `Object.defineProperty(x,
 * ...)`, and a local passed to a call that may change it (`configure(cfg)`: a candidate, call-writes.ts decides). The
 * declarations walk (declarations.ts) records each against the root name it writes; the scopes
 * (local-scope.ts), the checks of writes outside the composition (outer-writes.ts), through calls
 * (call-writes.ts) and to references (composition/reference-writes.ts) read those records, never the AST.
 */
import type { Identifier, Node } from '@babel/types';
import { unwrap } from './ast.js';
import { MUTATING_METHODS } from '../util/mutating-methods.js';

/** How a write happens. */
type WriteHow =
  /** `x = v`, `x.f = v`, `x += v`. */
  | 'assign'
  /** A target of a destructuring assignment: `[x, o.f] = v`, `({ s: x } = v)`. */
  | 'pattern'
  /** `x++`, `--o.n`. */
  | 'update'
  /** `delete o.f`. */
  | 'delete'
  /** A call that changes its receiver or first argument: `l.push(v)`, `Object.assign(o, v)`, `Reflect.set(o, ...)`. */
  | 'mutator'
  /** A local given to a call, which changes it only if the callee writes that parameter (call-writes.ts). */
  | 'passed'
  /** Not a write: the initialiser of a declaration, listed with a local's writes among what gives it its value. */
  | 'init';

interface WriteFields {
  /** The statement or expression that writes: the assignment, update, `delete`, call, or the initialiser. */
  readonly node: Node;
  /** What is written: `x`, `o.f`, the list of `l.push(v)`, the object of `Object.assign(o, v)`, the argument passed. */
  readonly target: Node;
  /** The value written, if any (`x = value`, `o.f = value`, `a.push(value)`; the call, for a local passed to it). */
  readonly value?: Node;
  /** The conditions (if/ternary/logical tests, loop sources) the write sits under, inside its function. */
  readonly guards: readonly Node[];
  /**
   * Made by a nested function that is not given straight to a call (a closure kept in a variable): it may
   * run any number of times, anywhere, so what it writes is taken to depend on references.
   */
  readonly fromClosure?: true;
  /** Writes a parameter or local of a function nested in the one walked (`(acc) => acc.push(x)`), not a name it sees. */
  readonly nested?: true;
}

/** One write of a binding (or of a value it holds). */
export type Write = WriteFields &
  (
    | { readonly how: Exclude<WriteHow, 'mutator' | 'passed'> }
    /** `method`: the name the call is made with (`push`, `assign`, `defineProperty`, `call`). */
    | { readonly how: 'mutator'; readonly method: string }
    /** `passedAs`: the index of the argument the local is passed as (`configure(cfg, spec)`: 0), or {@link RECEIVER}. */
    | { readonly how: 'passed'; readonly passedAs: number }
  );

/** The value a declaration starts with, as a write of it (`how: 'init'`): among what gives a local its value. */
export function initialWrite(init: Node, guards: readonly Node[] = []): Write {
  return { how: 'init', node: init, target: init, value: init, guards };
}

/** Where the walk puts what it finds: the writes of each root name, and every write in source order. */
export interface WriteSink {
  readonly byName: Map<string, Write[]>;
  readonly all: Write[];
}

/** `passedAs` of a local whose method is called (`o.update()`): the callee receives it as `this`. */
export const RECEIVER = -1;

/** Built-ins that change their first argument: `Object.defineProperty(o, ...)`, `Reflect.set(o, ...)`. */
const MUTATES_FIRST: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set(['defineProperty', 'defineProperties', 'setPrototypeOf']),
  Reflect: new Set(['set', 'defineProperty', 'deleteProperty', 'setPrototypeOf']),
};

/** Records the writes `node` makes (see the module comment); other nodes write nothing. */
export function recordWrite(node: Node, guards: readonly Node[], sink: WriteSink): void {
  // Called for every node of a function: no closure per node (tsx names each one it creates).
  if (node.type === 'AssignmentExpression') addWrite(sink, { how: 'assign', node, target: node.left, value: node.right, guards });
  // A `var` under a condition is undefined until its initialiser runs there (declarations.ts `declareVariables`).
  else if (node.type === 'VariableDeclaration' && node.kind === 'var' && guards.length > 0) for (const d of node.declarations) d.init && addWrite(sink, { how: 'assign', node: d, target: d.id, value: d.init, guards });
  else if (node.type === 'UpdateExpression') addWrite(sink, { how: 'update', node, target: node.argument, guards });
  else if (node.type === 'UnaryExpression' && node.operator === 'delete') addWrite(sink, { how: 'delete', node, target: node.argument, guards });
  else if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') recordCall(node, guards, sink);
  // `for (x of list)`, `for (o.key in obj)`: each item is assigned to a name declared elsewhere.
  else if ((node.type === 'ForOfStatement' || node.type === 'ForInStatement') && node.left.type !== 'VariableDeclaration') addWrite(sink, { how: 'assign', node, target: node.left, value: node.right, guards: [...guards, node.right] });
}

/** A call, plain or optional (`f?.(x)`, `l?.push(x)`). */
export type CallLike = Extract<Node, { type: 'CallExpression' | 'OptionalCallExpression' }>;

function recordCall(node: CallLike, guards: readonly Node[], sink: WriteSink): void {
  const args = node.arguments.filter((arg): arg is Extract<typeof arg, Node> => arg.type !== 'ArgumentPlaceholder' && arg.type !== 'SpreadElement');
  const callee = unwrap(node.callee);
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
    const method = callee.property.name;
    const owner = unwrap(callee.object);
    const ownerName = owner.type === 'Identifier' ? owner.name : undefined;
    // `Object.assign(o, v)`: every other argument is copied into `o` (none: `o` is unchanged).
    if (ownerName === 'Object' && method === 'assign') {
      const [target, ...values] = node.arguments as Node[];
      if (target && values.length > 0) addMutator(sink, { node, guards, method }, target, values);
      return;
    }
    // `Object.defineProperty(o, 'v', { value })`, `Reflect.set(o, 'v', x)`: the other arguments are written into `o`.
    if (ownerName !== undefined && Object.hasOwn(MUTATES_FIRST, ownerName) && MUTATES_FIRST[ownerName]!.has(method)) {
      if (args[0]) addMutator(sink, { node, guards, method }, args[0], args.slice(1));
      return;
    }
    // `Array.prototype.push.call(l, v)`, `Object.prototype.x.apply(o, [v])`: the method (named by it, not by
    // `call`) runs on the first argument.
    if ((method === 'call' || method === 'apply') && isPrototypeMethod(owner)) {
      if (args[0]) addMutator(sink, { node, guards, method: prototypeMethodName(owner) ?? method }, args[0], args.slice(1));
      return;
    }
    // (`Reflect.set(o, ...)` writes `o`, not `Reflect`: above.)
    if (MUTATING_METHODS.has(method) && ownerName !== 'Reflect') return addMutator(sink, { node, guards, method }, callee.object, node.arguments as Node[]);
    // `o.update()`: a method of a local object may change it through `this` (call-writes.ts decides).
    if (isLocalRead(callee.object)) addWrite(sink, { how: 'passed', node, target: callee.object, value: node, guards, passedAs: RECEIVER });
  }
  args.forEach((arg, index) => {
    if (isLocalRead(arg)) addWrite(sink, { how: 'passed', node, target: arg, value: node, guards, passedAs: index });
  });
}

/** A mutating call's writes into `target`: one per value written, or one without a value (`l.sort()`). */
function addMutator(sink: WriteSink, call: { node: Node; guards: readonly Node[]; method: string }, target: Node, values: readonly Node[]): void {
  if (values.length === 0) addWrite(sink, { how: 'mutator', ...call, target });
  for (const value of values) addWrite(sink, { how: 'mutator', ...call, target, value });
}

function prototypeMethodName(node: Node): string | undefined {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? node.property.name : undefined;
}

/** `Array.prototype.push`, `Object.prototype.x`: a method taken from a prototype. */
function isPrototypeMethod(node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const proto = unwrap(node.object);
  return proto.type === 'MemberExpression' && !proto.computed && proto.property.type === 'Identifier' && proto.property.name === 'prototype';
}

/** `x`, `x.a`, `x[0]`: an argument the callee receives a local's object (or a part of it) through. */
function isLocalRead(node: Node): boolean {
  const root = rootOf(node);
  return root.type === 'Identifier' && root.name !== 'undefined';
}

function addWrite(sink: WriteSink, write: Write): void {
  if (isPattern(write.target)) {
    addPatternWrites(sink, write, write.target, write.value);
    return;
  }
  sink.all.push(write);
  const name = rootOf(write.target).type === 'ThisExpression' ? 'this' : rootName(write.target);
  // `Object.values(meta)[0].push(x)`, `[cfg][0].n = 1`: no name is written, but the object of one is.
  const names = name !== undefined ? [name] : sharedRoots(writtenObject(write)).flatMap((root) => (root.fresh ? [] : [root.name.name]));
  for (const written of new Set(names)) {
    const list = sink.byName.get(written) ?? [];
    list.push(write);
    sink.byName.set(written, list);
  }
}

/** `x = v`, `x++`, `[x] = v`: the write rebinds the name itself, not the value it holds. */
export function rebindsName(write: Write): boolean {
  return (write.how === 'assign' || write.how === 'pattern' || write.how === 'update') && unwrap(write.target).type === 'Identifier';
}

/**
 * The object a write changes: the list of `l.push(v)`, the holder `o.a` of `o.a.b = v` or `delete o.a.b`; the
 * argument a callee receives for a local passed to a call (which may change anything inside it).
 */
export function writtenObject(write: Write): Node {
  const target = unwrap(write.target);
  if (write.how === 'mutator' || write.how === 'passed' || write.how === 'init') return target;
  return target.type === 'MemberExpression' || target.type === 'OptionalMemberExpression' ? target.object : target;
}

/** Whether the write changes the very object its target's root name holds (`l.push(v)`, `o.n = 1`), not one inside it. */
export function writesRootObject(write: Write): boolean {
  return write.how !== 'passed' && unwrap(writtenObject(write)).type === 'Identifier';
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern' || node.type === 'RestElement';
}

/** `[a, b = d] = value`, `({ s } = spec)`: every target of the pattern is written from `value` (or its default). */
function addPatternWrites(sink: WriteSink, write: Write, pattern: Node, value: Node | undefined): void {
  const into = (target: Node, from: Node | undefined): void => addWrite(sink, { node: write.node, guards: write.guards, how: 'pattern', target, ...(from && { value: from }) });
  switch (pattern.type) {
    case 'ObjectPattern':
      for (const property of pattern.properties) into(property.type === 'RestElement' ? property : property.value as Node, value);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) into(element, value);
      return;
    case 'AssignmentPattern':
      into(pattern.left, value);
      into(pattern.left, pattern.right);
      return;
    case 'RestElement':
      into(pattern.argument, value);
      return;
  }
}

/** `x` of `x`, `x.a.b`, `x[i]`, `(x as T)!.a`. */
export function rootName(target: Node): string | undefined {
  const node = rootOf(target);
  return node.type === 'Identifier' ? (node as Identifier).name : undefined;
}

/** The object a chain of member reads starts from, through TypeScript wrappers and parentheses. */
function rootOf(target: Node): Node {
  let node = unwrap(target);
  while (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') node = unwrap(node.object);
  return node;
}

/**
 * A name whose object a value may share (issue 10, trial 7a H20): `fresh` when the value is a new container
 * holding parts of it (`[...list]`, `{ a: cfg.a }`, `list.filter(...)`), so a write to the container itself
 * (`copy.push(x)`) leaves the name's object as it was, while a write inside an element (`copy[0].n = 1`) does not.
 */
export interface SharedRoot {
  readonly name: Identifier;
  readonly fresh: boolean;
  /** The value is the name's object itself (`x`, `c ? x : y`, `x.sort()`), not a part of it. */
  readonly whole: boolean;
}

/** Methods whose result is the receiver itself (`list.sort()`). */
const SAME_RESULT: ReadonlySet<string> = new Set(['sort', 'reverse', 'fill', 'copyWithin']);
/** Methods whose result is an item of the receiver (`list.find(...)`, `list.at(0)`, `map.get(k)`). */
const PART_RESULT: ReadonlySet<string> = new Set(['find', 'findLast', 'at', 'pop', 'shift', 'get']);
/** Methods whose result is a new list of the receiver's items (their objects shared). */
const COPY_RESULT: ReadonlySet<string> = new Set(['slice', 'filter', 'concat', 'flat', 'toSorted', 'toReversed', 'toSpliced', 'with', 'splice', 'values', 'entries']);
/** `Object.values(o)`, `Array.from(l)`: a new list of (parts of) the arguments' objects. */
const COPY_FUNCTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set(['values', 'entries', 'fromEntries', 'groupBy']),
  Array: new Set(['from', 'of']),
};

/**
 * The names whose objects the value of `node` may be, or hold (see {@link SharedRoot}): `cfg` for `cfg.flags`,
 * both `a` and `b` for `c ? a : b`, `meta` (fresh) for `[meta]` or `Object.values(meta)`, `meta` again (not
 * fresh: an element is a part of `meta`) for `[meta][0]`. Other values (a literal, a template, the result of
 * a call the analysis does not know) share none.
 */
export function sharedRoots(raw: Node): SharedRoot[] {
  const node = unwrap(raw);
  switch (node.type) {
    case 'Identifier':
      return node.name === 'undefined' ? [] : [{ name: node, fresh: false, whole: true }];
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return part(sharedRoots(node.object));
    case 'ConditionalExpression':
      return [...sharedRoots(node.consequent), ...sharedRoots(node.alternate)];
    case 'LogicalExpression':
      return [...sharedRoots(node.left), ...sharedRoots(node.right)];
    case 'SequenceExpression':
      return sharedRoots(node.expressions[node.expressions.length - 1]!);
    case 'AssignmentExpression':
      return sharedRoots(node.right);
    case 'AwaitExpression':
      return sharedRoots(node.argument);
    case 'ArrayExpression':
      return holding(node.elements.flatMap((element) => (element ? [element.type === 'SpreadElement' ? element.argument : element] : [])));
    case 'ObjectExpression':
      return holding(node.properties.flatMap((property) => (property.type === 'SpreadElement' ? [property.argument] : property.type === 'ObjectProperty' ? [property.value as Node] : [])));
    case 'CallExpression':
    case 'OptionalCallExpression':
      return callRoots(node);
    default:
      return [];
  }
}

/** A part of a value shares the objects the value shares; a part of a fresh container is one of its (shared) items. */
function part(roots: SharedRoot[]): SharedRoot[] {
  return roots.map((root) => ({ ...root, fresh: false, whole: false }));
}

/** A new container holding `values` (`[a, ...b]`, `{ x: a }`). */
function holding(values: readonly Node[]): SharedRoot[] {
  return values.flatMap((value) => sharedRoots(value).map((root) => ({ ...root, fresh: true, whole: false })));
}

function callRoots(node: CallLike): SharedRoot[] {
  const callee = unwrap(node.callee);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return [];
  const method = callee.property.name;
  const args = node.arguments.flatMap((arg) => (arg.type === 'SpreadElement' ? [arg.argument] : arg.type === 'ArgumentPlaceholder' ? [] : [arg as Node]));
  const owner = unwrap(callee.object);
  if (owner.type === 'Identifier' && Object.hasOwn(COPY_FUNCTIONS, owner.name)) return COPY_FUNCTIONS[owner.name]!.has(method) ? holding(args) : [];
  // `Object.assign(target, ...)` is `target`, now holding the other arguments' values.
  if (owner.type === 'Identifier' && owner.name === 'Object' && method === 'assign') return [...(args[0] ? sharedRoots(args[0]) : []), ...holding(args.slice(1))];
  if (SAME_RESULT.has(method)) return sharedRoots(callee.object);
  if (PART_RESULT.has(method)) return part(sharedRoots(callee.object));
  if (COPY_RESULT.has(method)) return holding([callee.object, ...(method === 'concat' ? args : [])]);
  return [];
}
