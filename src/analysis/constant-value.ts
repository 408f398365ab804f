/**
 * JavaScript's own value of an expression that reads no reference: `0 >= t.length`, with `t` the item of a
 * loop over a constant list. The compiler turns such an expression into CEL it cannot always fold
 * (`0 >= size("a")`), yet nothing in it waits for the cluster, and JavaScript decided it exactly when the
 * composition ran. It is evaluated here with JavaScript's own operators and methods, on the values the
 * source states (literals, constants, the literals a local or an item stands for), so the answer is
 * JavaScript's. Anything else (a reference, a local that changes, a helper function, a global that is not a
 * pure one below, statements) leaves the value unknown.
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import { namedBinding, type Scope } from './scope.js';

/**
 * The value of `node`, or undefined when it is not known from the source alone.
 *
 * @example
 * ```ts
 * // for (const t of ['a', 'b-c']) { if (0 >= t.length) ... }, with `t` bound to 'b-c'
 * constantValue(test, scope); // { value: false }
 * ```
 */
export function constantValue(node: Node, scope: Scope): { readonly value: unknown } | undefined {
  try {
    return { value: evaluate(node, { scope, locals: new Map(), depth: 0 }) };
  } catch {
    // Not constant, or JavaScript itself would throw: either way no answer here.
    return undefined;
  }
}

interface Env {
  readonly scope: Scope;
  /** The parameters of the callbacks being evaluated (`(x) => x.length > 1` given to `.some`). */
  readonly locals: ReadonlyMap<string, unknown>;
  readonly depth: number;
}

/** Thrown to end an evaluation that has no answer; caught in constantValue, never seen outside (so no TypeKroError). */
class NotConstant {}

/** Global functions and namespaces without side effects or hidden state (no `Math.random`, no `Date`). */
const GLOBALS: Readonly<Record<string, unknown>> = { String, Number, Boolean, parseInt, parseFloat, isNaN, isFinite, Math, JSON, Array, Object, NaN, Infinity };
const PURE_STATICS: Readonly<Record<string, ReadonlySet<string>>> = {
  Math: new Set(Object.getOwnPropertyNames(Math).filter((name) => name !== 'random')),
  JSON: new Set(['stringify']),
  Array: new Set(['isArray']),
  Object: new Set(['keys', 'values', 'entries']),
  Number: new Set(['isInteger', 'isFinite', 'isNaN', 'isSafeInteger', 'parseFloat', 'parseInt']),
  String: new Set(['fromCharCode']),
};
const GLOBAL_FUNCTIONS: ReadonlySet<unknown> = new Set([String, Number, Boolean, parseInt, parseFloat, isNaN, isFinite]);
/** Never read: they reach constructors (and through them code built from strings) or change prototypes. */
const HIDDEN_KEYS: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

function evaluate(raw: Node, env: Env): unknown {
  const node = unwrap(raw);
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    case 'TemplateLiteral':
      return node.quasis.map((quasi, i) => `${quasi.value.cooked ?? ''}${i < node.expressions.length ? String(evaluate(node.expressions[i] as Node, env)) : ''}`).join('');
    case 'Identifier':
      return identifier(node.name, node, env);
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const exported = member(node, env);
      if (exported) return exported.value;
      const target = evaluate(node.object, env);
      if (node.optional && target == null) return undefined;
      return read(target, key(node.property, node.computed, env));
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return call(node, env);
    case 'UnaryExpression':
      return unary(node.operator, evaluate(node.argument, env));
    case 'BinaryExpression':
      if (node.left.type === 'PrivateName') throw new NotConstant();
      return binary(node.operator, evaluate(node.left, env), evaluate(node.right, env));
    case 'LogicalExpression': {
      const left = evaluate(node.left, env);
      if (node.operator === '&&') return left ? evaluate(node.right, env) : left;
      if (node.operator === '||') return left ? left : evaluate(node.right, env);
      return left ?? evaluate(node.right, env);
    }
    case 'ConditionalExpression':
      return evaluate(node.test, env) ? evaluate(node.consequent, env) : evaluate(node.alternate, env);
    case 'ArrayExpression':
      return node.elements.flatMap((element) => {
        if (!element) throw new NotConstant();
        return element.type === 'SpreadElement' ? [...(evaluate(element.argument, env) as unknown[])] : [evaluate(element, env)];
      });
    case 'ObjectExpression':
      return object(node.properties, env);
    default:
      throw new NotConstant();
  }
}

function identifier(name: string, node: Node, env: Env): unknown {
  if (env.locals.has(name)) return env.locals.get(name);
  if (name === 'undefined') return undefined;
  const binding = env.scope.lookup(name, node);
  if (binding?.kind === 'constant') return binding.value;
  // A TypeScript enum's object (`Num[2]`); the objects of modules and namespaces are not values here.
  if (binding?.kind === 'module' && binding.value) return binding.value;
  // A local or an item standing for an expression: evaluated where it is written, a fresh copy each time.
  if (binding?.kind === 'alias' && env.depth < 32) return evaluate(binding.node, { scope: binding.scope, locals: new Map(), depth: env.depth + 1 });
  if (!binding && Object.hasOwn(GLOBALS, name)) return GLOBALS[name];
  throw new NotConstant();
}

/** `H.x` of a namespace import, an enum or a TypeScript namespace: its export's value, when it is a constant. */
function member(node: Node, env: Env): { readonly value: unknown } | undefined {
  // Also through namespaces (`H.fmt.x`, `process.env.NAME`, process-env.ts): the name at the root is not a local.
  let root = unwrap((node as { object: Node }).object);
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier' || env.locals.has(root.name)) return undefined;
  const exported = namedBinding(node, env.scope)?.binding;
  if (exported?.kind === 'constant') return { value: exported.value };
  if (exported?.kind === 'alias' && env.depth < 32) return { value: evaluate(exported.node, { scope: exported.scope, locals: new Map(), depth: env.depth + 1 }) };
  return undefined;
}

function key(property: Node, computed: boolean, env: Env): string | number {
  if (!computed) {
    if (property.type !== 'Identifier') throw new NotConstant();
    return property.name;
  }
  const value = evaluate(property, env);
  if (typeof value !== 'string' && typeof value !== 'number') throw new NotConstant();
  return value;
}

/** A data property of a value the evaluation built (or a namespace's constant, `Math.PI`); `undefined` when it has none. */
function read(target: unknown, name: string | number): unknown {
  if (target == null || typeof target === 'function' || HIDDEN_KEYS.has(String(name))) throw new NotConstant();
  const boxed = Object(target) as Record<string | number, unknown>;
  if (Object.hasOwn(boxed, name)) return boxed[name];
  if (name in boxed) throw new NotConstant();
  return undefined;
}

function call(node: Node & { type: 'CallExpression' | 'OptionalCallExpression' }, env: Env): unknown {
  const callee = unwrap(node.callee);
  const args = (): unknown[] => node.arguments.flatMap((argument) => (argument.type === 'SpreadElement' ? [...(evaluate(argument.argument, env) as unknown[])] : [argumentValue(argument, env)]));
  if (callee.type === 'Identifier' && !env.locals.has(callee.name) && !env.scope.lookup(callee.name, callee)) {
    const fn = GLOBALS[callee.name];
    if (!GLOBAL_FUNCTIONS.has(fn)) throw new NotConstant();
    return (fn as (...values: unknown[]) => unknown)(...args());
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') throw new NotConstant();
  const receiver = evaluate(callee.object, env);
  if ((callee.optional || node.optional) && receiver == null) return undefined;
  const name = key(callee.property, callee.computed, env);
  return (methodOf(receiver, String(name), callee.object) as (...values: unknown[]) => unknown).apply(receiver, args());
}

/** A method JavaScript would call: a pure static of a global namespace, or a built-in method of a string, number, boolean, list or object. */
function methodOf(receiver: unknown, name: string, object: Node): unknown {
  const namespace = unwrap(object);
  if (namespace.type === 'Identifier' && GLOBALS[namespace.name] === receiver) {
    if (!PURE_STATICS[namespace.name]?.has(name)) throw new NotConstant();
    return (receiver as Record<string, unknown>)[name];
  }
  if (HIDDEN_KEYS.has(name) || receiver == null) throw new NotConstant();
  const prototype = typeof receiver === 'string' ? String.prototype : typeof receiver === 'number' ? Number.prototype : typeof receiver === 'boolean' ? Boolean.prototype : Array.isArray(receiver) ? Array.prototype : Object.prototype;
  const method = (prototype as unknown as Record<string, unknown>)[name];
  if (typeof method !== 'function' || (receiver as Record<string, unknown>)[name] !== method) throw new NotConstant();
  return method;
}

/** An argument; a callback (`(x) => x.length > 1`) becomes a function evaluating its body with its parameters bound. */
function argumentValue(raw: Node, env: Env): unknown {
  const node = unwrap(raw);
  if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') return evaluate(node, env);
  const names = node.params.map((param) => {
    if (param.type !== 'Identifier') throw new NotConstant();
    return param.name;
  });
  const body = node.body.type !== 'BlockStatement' ? node.body : node.body.body.length === 1 && node.body.body[0]?.type === 'ReturnStatement' ? node.body.body[0].argument : undefined;
  if (!body) throw new NotConstant();
  return (...values: unknown[]) => {
    const locals = new Map(env.locals);
    names.forEach((name, i) => locals.set(name, values[i]));
    return evaluate(body, { ...env, locals });
  };
}

function object(properties: readonly Node[], env: Env): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const property of properties) {
    if (property.type === 'SpreadElement') Object.assign(result, evaluate(property.argument, env));
    else if (property.type === 'ObjectProperty') {
      const name = property.computed ? key(property.key, true, env) : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' || property.key.type === 'NumericLiteral' ? property.key.value : undefined;
      if (name === undefined || HIDDEN_KEYS.has(String(name))) throw new NotConstant();
      result[name] = evaluate(property.value, env);
    } else throw new NotConstant();
  }
  return result;
}

function unary(operator: string, value: unknown): unknown {
  switch (operator) {
    case '!':
      return !value;
    case '-':
      return -(value as number);
    case '+':
      return +(value as number);
    case '~':
      return ~(value as number);
    case 'typeof':
      return typeof value;
    case 'void':
      return undefined;
    default:
      throw new NotConstant();
  }
}

function binary(operator: string, a: unknown, b: unknown): unknown {
  // JavaScript's operators themselves, on the operand types JavaScript allows (`+` joins text, `<` compares it).
  const [x, y] = [a as number, b as number];
  switch (operator) {
    case '===': return a === b;
    case '!==': return a !== b;
    case '==': return a == b;
    case '!=': return a != b;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    case '%': return x % y;
    case '**': return x ** y;
    case '&': return x & y;
    case '|': return x | y;
    case '^': return x ^ y;
    case '<<': return x << y;
    case '>>': return x >> y;
    case '>>>': return x >>> y;
    default:
      throw new NotConstant();
  }
}
