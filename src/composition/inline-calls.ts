/**
 * A factory call written inline in a value (`Deployment({...}).status.readyReplicas > 0`) stands for the
 * resource it made. The run registers that resource when the call runs; these decide what the call's
 * result names when a value compiled from source reads it: the resource, or nothing single (refused).
 */
import type { Node } from '@babel/types';
import type { ObjectExpression, ObjectMethod, ObjectProperty } from '@babel/types';
import { isFunctionNode, patternNames, walk } from '../analysis/ast.js';
import { functionAround } from '../analysis/function-facts.js';
import { declaratorOf, handleBase } from '../analysis/handle-methods.js';
import { isReadThrough } from '../analysis/local-scope.js';
import { findCallAt } from '../analysis/source.js';
import { madeAnywhere, madeByCall, madeThrough, type Binding, type FunctionLike } from '../analysis/scope.js';
import { E } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { ResourceRecord } from '../model/resource.js';
import { factoryCallOf, type CallSite, type CompositionSource } from './source-site.js';

/** Why a factory call written inline that made several resources cannot be read. */
const SEVERAL_MADE = 'this factory call makes more than one resource';
const NO_SINGLE = ', so its result written inline names no single resource';
/** The way out for a helper outside the composition called more than once: name what each call returns where it is made. */
const SEVERAL_RETURNED_HINT =
  "make each resource with its own factory call in the helper, return them by name (`return { deploy, svc }`), and call the helper once per place in the composition, outside loops and callbacks; destructure what it returns where you call it (`const { deploy: apiDeploy } = webPair(...)`, then `apiDeploy.status...`)";

/**
 * A factory call in a local function whose result is a field of the resource, not the handle
 * (`const ready = (n) => Deployment({...}).status.readyReplicas > 0; const a = ready('a')`): `a` is compiled
 * from source (the inline call stands for its resource), not bound to the resource.
 */
export function readThroughInHelper(site: CallSite, source: CompositionSource | undefined): boolean {
  if (site.direct || !source) return false;
  const call = factoryCallOf(site, source);
  return call !== undefined && isReadThrough(source.fn, call);
}

/**
 * Binds the resource a factory call made, found again when the call stands inline in a value compiled from source
 * (`Deployment({...}).status.readyReplicas > 0`), or when a value reads it through what a helper returned
 * (`pair.deploy.status`, the helper inlined where it is called): under the chain of calls that made it (each call
 * of a helper made its own), and under the call alone (a helper called once). A value is compiled when the
 * call that holds it runs, right after the inline call made its resource: in a loop unrolled in JavaScript
 * (`for (const n of ['a', 'b'])`) the resource of this pass is the one bound. A forEach over a reference
 * makes a list of resources, and a local function called twice made two that a value inlining the
 * function cannot tell apart: the call's result names no single one, and reading it is refused.
 */
export function bindMadeByCall(
  bindings: Record<string, Binding>,
  site: CallSite,
  record: ResourceRecord,
  source: CompositionSource | undefined,
  observedTypeOf: (record: ResourceRecord) => CelType,
): void {
  if (record.bindsDeclaration === false || !source) return;
  // A call inside a local function JavaScript skipped is made from source (site.made): one more resource of it.
  const inComposition = site.made?.call ?? factoryCallOf(site, source);
  // A call inside a helper outside the composition too: `pair.deploy` reads it through the helper (trial 8 T02).
  const inner = site.inner[0];
  const call = inComposition ?? (inner && findCallAt(inner.file, inner.line, inner.column));
  if (!call) return;
  const resource: Binding = { kind: 'value', expr: E.ident(record.id), type: observedTypeOf(record) };
  bind(bindings, site.direct ? madeByCall(call) : madeAnywhere(call), site, record, resource, inComposition !== undefined);
  // Through the calls that led to it, so that each call of a helper reads its own resource.
  const chain = site.direct || site.made ? undefined : callChain(site);
  if (chain) bind(bindings, madeThrough(chain), site, record, resource, inComposition !== undefined);
}

function bind(bindings: Record<string, Binding>, name: string, site: CallSite, record: ResourceRecord, resource: Binding, inComposition: boolean): void {
  bindings[name] =
    record.forEach.length > 0
      ? { kind: 'unsupported', why: `${SEVERAL_MADE} (a KRO forEach over a list in the spec)${NO_SINGLE}`, hint: 'collect the resources (`const webs = spec.names.map((name) => Deployment({ ... }))`) and read the collection after the loop' }
      : !site.direct && bindings[name] !== undefined
        ? { kind: 'unsupported', why: `${SEVERAL_MADE} (it sits in a function called more than once)${inComposition ? NO_SINGLE : ', so reading it through what the function returns names no single resource'}`, hint: inComposition ? 'bind each resource to its own const in the composition and read those: `const web = Deployment({ ... })`, then `web.status...`' : SEVERAL_RETURNED_HINT }
        : resource;
}

/** The calls from the composition's to the factory call, outermost first (see `madeThrough`). */
function callChain(site: CallSite): Node[] | undefined {
  const calls: Node[] = [site.call];
  for (const frame of [...site.inner].reverse()) {
    const call = findCallAt(frame.file, frame.line, frame.column);
    if (!call) return undefined;
    calls.push(call);
  }
  return calls;
}

/** The name a resource takes from where the composition binds its call; `binds`: the name holds the resource itself. */
export interface DeclaredName {
  readonly name: string;
  readonly binds: boolean;
}

/**
 * The name the composition gives the resource the current factory call made. A direct call: the `const` it is
 * bound to. A call inside helpers: where the resource sits in what the helpers return (see `pathThroughHelpers`)
 * decides it. Returned itself (`const w = webOnly(spec.name)`): `w` (a helper that also makes a Service gave `w` to
 * whichever resource came first, trial 8 T03). Returned in an object or a list and destructured
 * (`const { deploy, svc } = webPair(spec.name)`, `const [deploy, svc] = ...`): the name it is destructured into.
 * Returned in an object held whole (`const pair = webPair(spec.name)`, read `pair.deploy`): the property it is
 * returned under (`deploy`), which names nothing in the composition (trial 8 T02). Otherwise none: the id comes
 * from its kind.
 */
export function declaredThroughHelpers(site: CallSite): DeclaredName | undefined {
  const { declaredAs, declaredPattern } = site.context;
  if (site.direct) return declaredAs === undefined ? undefined : { name: declaredAs, binds: true };
  const path = pathThroughHelpers(site);
  if (!path) return undefined;
  if (path.length === 0) return declaredAs === undefined ? undefined : { name: declaredAs, binds: true };
  const bound = declaredPattern && nameInPattern(declaredPattern, path, true);
  if (bound) return { name: bound, binds: true };
  // A name holding an object the resource is part of: the property it is returned under.
  const last = path[path.length - 1];
  const holder = declaredAs ?? (declaredPattern && nameInPattern(declaredPattern, path, false));
  return holder !== undefined && typeof last === 'string' ? { name: last, binds: false } : undefined;
}

/** A step into a value: a property name or a list index. */
type Path = readonly (string | number)[];

/**
 * Where the resource a call inside helpers made sits in the value the composition's call returned: [] when every
 * helper returns it, `['deploy']` for `return { deploy, svc }`, `[0]` for `return [deploy, svc]`, composed frame by
 * frame outwards (a helper returning `{ web: webPair(name) }` puts it at `['web', 'deploy']`; one that destructures
 * `const { deploy } = webPair(name)` and returns `deploy` at []). Undefined when no such path is written in the
 * helpers' source (the resource is not returned, or returned through code this does not follow).
 */
function pathThroughHelpers(site: CallSite): Path | undefined {
  let path: Path | undefined = [];
  let callee: FunctionLike | undefined;
  for (const frame of site.inner) {
    const call = findCallAt(frame.file, frame.line, frame.column);
    const fn = call && !runsCallback(call, callee) ? functionAround(frame.file, call) : undefined;
    path = fn && returnedAt(fn, call!, path);
    if (!path) return undefined;
    callee = fn;
  }
  return runsCallback(site.call, callee) ? undefined : path;
}

/**
 * Whether `call` runs `callee` as a callback written in it (`names.map((n) => Deployment(...))`): it returns what
 * the callback returned in a list, or nothing of it, so no place of one resource is written in the source.
 */
function runsCallback(call: Node, callee: FunctionLike | undefined): boolean {
  return callee !== undefined && within(call, callee);
}

/** Whether `node` lies inside `call` (its callee or arguments). */
function within(call: Node, node: Node): boolean {
  return (node.start ?? -1) >= (call.start ?? 0) && (node.end ?? Infinity) <= (call.end ?? 0) && node.loc?.filename === call.loc?.filename;
}

/** Where `path` of `call`'s value sits in what `fn` returns (the same place for each of its returns), if written there. */
function returnedAt(fn: FunctionLike, call: Node, path: Path): Path | undefined {
  const found = returnedValues(fn).map((value) => pathIn(fn, value, call, path, 0));
  const first = found[0];
  return first && found.every((each) => each !== undefined && each.join('\0') === first.join('\0')) ? first : undefined;
}

/**
 * Where `path` of `call`'s value sits in `value`, an expression of `fn`: `call` itself (through handle methods and
 * TypeScript wrappers), a `const` bound to it or to a part of it, an object or list literal holding one of those.
 */
function pathIn(fn: FunctionLike, value: Node, call: Node, path: Path, depth: number): Path | undefined {
  const node = handleBase(value);
  if (node === call) return path;
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'Identifier': {
      const declarator = declaratorOf(fn, node);
      if (!declarator?.init) return undefined;
      const whole = pathIn(fn, declarator.init, call, path, depth + 1);
      if (!whole || declarator.id.type === 'Identifier') return whole;
      // `const { deploy } = webPair(name)`: the name holds one part of the value.
      const part = pathInPattern(declarator.id, node.name);
      return part && part.every((step, i) => whole[i] === step) ? whole.slice(part.length) : undefined;
    }
    case 'ObjectExpression':
      return inObject(fn, node, call, path, depth);
    case 'ArrayExpression':
      for (const [index, element] of node.elements.entries()) {
        // After a spread the positions are not written in the source.
        if (!element || element.type === 'SpreadElement') return undefined;
        const found = pathIn(fn, element, call, path, depth + 1);
        if (found) return [index, ...found];
      }
      return undefined;
    default:
      return undefined;
  }
}

const MAX_DEPTH = 32;

/** {@link pathIn} for an object literal: the property holding it (the last one of its name), or a spread object's. */
function inObject(fn: FunctionLike, node: ObjectExpression, call: Node, path: Path, depth: number): Path | undefined {
  let found: Path | undefined;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      found = pathIn(fn, property.argument, call, path, depth + 1) ?? found;
      continue;
    }
    const key = staticKey(property);
    if (found && key === found[0]) found = undefined;
    if (property.type !== 'ObjectProperty' || key === undefined) continue;
    const inner = pathIn(fn, property.value, call, path, depth + 1);
    if (inner) found = [key, ...inner];
  }
  return found && typeof found[0] === 'string' ? found : undefined;
}

function staticKey(property: ObjectProperty | ObjectMethod): string | undefined {
  const key = property.key;
  if (key.type === 'StringLiteral') return key.value;
  if (property.computed) return undefined;
  return key.type === 'Identifier' ? key.name : key.type === 'NumericLiteral' ? String(key.value) : undefined;
}

/** The steps from a destructured value to `name` in `pattern` (`{ web: { deploy } }` → `['web', 'deploy']`); none through a rest element. */
function pathInPattern(pattern: Node, name: string): Path | undefined {
  const target = pattern.type === 'AssignmentPattern' ? pattern.left : pattern;
  if (target.type === 'Identifier') return target.name === name ? [] : undefined;
  if (target.type === 'ObjectPattern') {
    for (const property of target.properties) {
      if (property.type === 'RestElement') continue;
      const key = staticKey(property);
      const inner = key === undefined ? undefined : pathInPattern(property.value, name);
      if (inner) return [key!, ...inner];
    }
  }
  if (target.type === 'ArrayPattern') {
    for (const [index, element] of target.elements.entries()) {
      if (!element || element.type === 'RestElement') continue;
      const inner = pathInPattern(element, name);
      if (inner) return [index, ...inner];
    }
  }
  return undefined;
}

/** The name `pattern` binds to the part of the value at `path` (`exact`), or to a part holding it. */
function nameInPattern(pattern: Node, path: Path, exact: boolean): string | undefined {
  return patternNames(pattern).find((name) => {
    const at = pathInPattern(pattern, name);
    return at !== undefined && (exact ? at.length === path.length : at.length < path.length) && at.every((step, i) => step === path[i]);
  });
}

/** What `fn` returns: its arrow body, or the arguments of its own return statements (not nested functions'). */
function returnedValues(fn: FunctionLike): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const values: Node[] = [];
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === 'ReturnStatement' && node.argument) values.push(node.argument);
    return true;
  });
  return values;
}
