/**
 * Reads the compiler can answer from the source alone: a member of a local object or array literal, the
 * literal a name or a local function call stands for, the expression a local function returns. Following a
 * call needs the scope of the callee's body, which local-scope.ts builds, and local-scope.ts needs these
 * reads (folded-object.ts): the builder is given to {@link literalReaders} instead of imported (literal-reads.ts
 * gives local-scope.ts's, for everyone else).
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import { bindArguments } from './pattern-bindings.js';
import { syntaxError } from './errors.js';
import { namedBinding, withCallerMade, type Binding, type FunctionLike, type Scope } from './scope.js';

/** local-scope.ts's `functionScope`: the scope of a function's own locals over `parent`, its parameters bound. */
export type FunctionScopeOf = (fn: FunctionLike, parent: Scope, isFactoryCall: (call: Node) => boolean, params?: Readonly<Record<string, Binding>>) => Scope;

/** The reads that follow local names into literals (and calls of local functions into what they return). */
export interface LiteralReads {
  staticProperty(node: Node, scope: Scope): { node: Node; scope: Scope } | undefined;
  literalOf(node: Node, scope: Scope): { node: Node; scope: Scope } | undefined;
  ownProperties(object: Node, scope: Scope): Map<string, OwnProperty> | undefined;
}

/**
 * A computed key the source states: a string or number literal, or a name standing for one (a constant,
 * a loop's item over a constant list).
 */
export function constantKey(raw: Node, scope: Scope): string | number | undefined {
  const node = unwrap(raw);
  if (node.type === 'StringLiteral' || node.type === 'NumericLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type !== 'Identifier') return undefined;
  const binding = scope.lookup(node.name, node);
  if (binding?.kind === 'constant') return typeof binding.value === 'string' || typeof binding.value === 'number' ? binding.value : undefined;
  return binding?.kind === 'alias' ? constantKey(binding.node, binding.scope) : undefined;
}

/**
 * The expression a local function returns, for inlining a call: an expression body, or a body of `const`
 * declarations (bound by the function's scope) and one final `return`; undefined for anything else.
 */
export function returnedExpression(fn: FunctionLike): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  const simple = statements.slice(0, -1).every((statement) => statement.type === 'VariableDeclaration' && statement.kind === 'const');
  return simple && last?.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}

/** One own property of an object literal: the expression giving its value, and the scope to compile it in. */
export interface OwnProperty {
  readonly node: Node;
  readonly scope: Scope;
}

/** A key JavaScript orders first, numerically: the canonical form of an integer below 2^32 - 1. */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** The reads of {@link LiteralReads}, following calls through `functionScope`. */
export function literalReaders(functionScope: FunctionScopeOf): LiteralReads {
  /**
   * The expression a member read stands for when its object is a local object or array literal (through
   * aliases): `options.image` with `const options = { image: x }` is `x`, and a key the literal lacks is
   * `undefined`. Undefined when the literal does not decide it (spreads or computed keys after the property).
   */
  function staticProperty(node: Node, scope: Scope, depth: number): { node: Node; scope: Scope } | undefined {
    const read = unwrap(node);
    if (read.type !== 'MemberExpression' || read.optional) return undefined;
    const key = !read.computed && read.property.type === 'Identifier' ? read.property.name : read.computed ? constantKey(read.property, scope) : undefined;
    if (key === undefined) return undefined;
    const target = literalOf(read.object, scope, deeper(depth, read));
    if (!target) return undefined;
    if (target.node.type === 'ArrayExpression') {
      const element = typeof key === 'number' ? target.node.elements[key] : undefined;
      const simple = target.node.elements.every((e) => e && e.type !== 'SpreadElement');
      return simple && element ? { node: element, scope: target.scope } : undefined;
    }
    if (target.node.type !== 'ObjectExpression') return undefined;
    // Through spreads of local literals; the last property with the key wins, as in JavaScript.
    const properties = ownProperties(target.node, target.scope, depth);
    if (!properties) return undefined;
    const found = properties.get(String(key));
    if (found) return found;
    // Every property is known and none is `key`: JavaScript reads `undefined` (unless the prototype has it).
    if (String(key) in Object.prototype) return undefined;
    return { node: { type: 'Identifier', name: 'undefined', loc: read.loc, start: read.start, end: read.end } as Node, scope };
  }

  /**
   * The object or array literal `node` stands for, through local names, static member reads and calls of
   * local functions that return one expression.
   */
  function literalOf(node: Node, scope: Scope, depth: number): { node: Node; scope: Scope } | undefined {
    const value = unwrap(node);
    if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return { node: value, scope };
    const callee = value.type === 'CallExpression' ? namedBinding(unwrap(value.callee), scope) : undefined;
    if (callee && value.type === 'CallExpression') {
      const binding = callee.binding;
      const body = binding?.kind === 'function' ? returnedExpression(binding.fn) : undefined;
      if (!body || binding?.kind !== 'function') return undefined;
      return literalOf(body, functionScope(binding.fn, withCallerMade(binding.scope, scope, value), () => false, bindArguments(binding.fn, value, scope, binding.scope)), deeper(depth, value));
    }
    if (value.type === 'Identifier') {
      const binding = scope.lookup(value.name, value);
      return binding?.kind === 'alias' ? literalOf(binding.node, binding.scope, deeper(depth, value)) : undefined;
    }
    if (value.type === 'LogicalExpression' && (value.operator === '??' || value.operator === '||')) {
      // `options ?? {}`, what a destructured parameter's default stands for (`({ p = 1 } = {}) =>`): a literal
      // is an object, never nullish nor falsy, so it is the value; a missing argument (`undefined`) gives the default.
      return literalOf(value.left, scope, depth) ?? (isUndefined(value.left, scope, depth) ? literalOf(value.right, scope, depth) : undefined);
    }
    // `T.SIZES` of `import * as T from './tables.js'`: the export, as `SIZES` imported by name is.
    const exported = value.type === 'MemberExpression' ? namedBinding(value, scope)?.binding : undefined;
    if (exported?.kind === 'alias') return literalOf(exported.node, exported.scope, deeper(depth, value));
    const property = staticProperty(value, scope, depth);
    return property ? literalOf(property.node, property.scope, deeper(depth, value)) : undefined;
  }

  /** Whether `node` is `undefined` (through local names): a missing argument, a key a local literal lacks. */
  function isUndefined(node: Node, scope: Scope, depth: number): boolean {
    const value = unwrap(node);
    // `({}).probe`, what `{ probe = {} }` reads of an argument without it: a key the literal lacks.
    const property = value.type === 'MemberExpression' ? staticProperty(value, scope, depth) : undefined;
    if (property) return isUndefined(property.node, property.scope, deeper(depth, value));
    if (value.type !== 'Identifier') return false;
    if (value.name === 'undefined') return true;
    const binding = scope.lookup(value.name, value);
    return binding?.kind === 'alias' && isUndefined(binding.node, binding.scope, deeper(depth, value));
  }

  /**
   * The own properties of an object literal, in JavaScript's key order (integer keys ascending, then the others
   * as first written; a later duplicate or spread key replaces the value, not the position), through spreads
   * of local literals. Undefined when the literal does not show every key: a computed key, a method or
   * accessor, a spread of something else.
   */
  function ownProperties(object: Node, scope: Scope, depth: number): Map<string, OwnProperty> | undefined {
    const properties = new Map<string, OwnProperty>();
    if (!collectOwn(object, scope, properties, depth)) return undefined;
    const keys = [...properties.keys()];
    const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    return new Map([...indexes, ...keys.filter((key) => !isArrayIndex(key))].map((key) => [key, properties.get(key)!]));
  }

  function collectOwn(raw: Node, scope: Scope, into: Map<string, OwnProperty>, depth: number): boolean {
    const object = unwrap(raw);
    if (object.type !== 'ObjectExpression') return false;
    for (const property of object.properties) {
      if (property.type === 'SpreadElement') {
        const spread = literalOf(property.argument, scope, deeper(depth, property));
        if (!spread || !collectOwn(spread.node, spread.scope, into, deeper(depth, property))) return false;
        continue;
      }
      if (property.type !== 'ObjectProperty' || property.computed) return false;
      const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
      // `{ __proto__: x }` sets the prototype, not a key.
      if (key === undefined || (key === '__proto__' && !property.shorthand)) return false;
      into.set(key, { node: property.value, scope });
    }
    return true;
  }

  // The reads start at depth 0; only they recurse with a depth (a caller's `.map(literalOf)` passes no index as one).
  return {
    staticProperty: (node, scope) => staticProperty(node, scope, 0),
    literalOf: (node, scope) => literalOf(node, scope, 0),
    ownProperties: (object, scope) => ownProperties(object, scope, 0),
  };
}

/**
 * How many names, members, spreads and calls a read follows before it is taken for a definition in terms of
 * itself (`const a = b; const b = a;`, `const t = () => t().x` in code JavaScript did not run, where no
 * temporal dead zone stopped it): far beyond any real table, and short of the stack's end.
 */
const MAX_DEPTH = 200;

/** `depth + 1`, refusing at {@link MAX_DEPTH} where the read at `node` is followed. */
function deeper(depth: number, node: Node): number {
  if (depth >= MAX_DEPTH) {
    throw syntaxError(node, `this value is defined in terms of itself (TypeKro followed ${MAX_DEPTH} names, members, spreads and calls from it without reaching a value), which JavaScript cannot evaluate either`, 'define each value from values declared before it, with no function that returns a call of itself');
  }
  return depth + 1;
}
