/**
 * A factory call written inline in a value (`Deployment({...}).status.readyReplicas > 0`) stands for the
 * resource it made. The run registers that resource when the call runs; these decide what the call's
 * result names when a value compiled from source reads it: the resource, or nothing single (refused).
 */
import type { Node } from '@babel/types';
import { isFunctionNode, walk } from '../analysis/ast.js';
import { handleBase, handleOrigin } from '../analysis/handle-methods.js';
import { enclosingFunctions, isReadThrough } from '../analysis/local-scope.js';
import { findCallAt, parseSourceFile } from '../analysis/source.js';
import { madeByCall, type Binding, type FunctionLike } from '../analysis/scope.js';
import { E } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { ResourceRecord } from '../model/resource.js';
import { factoryCallOf, type CallSite, type CompositionSource } from './source-site.js';

/** Why a factory call written inline that made several resources cannot be read. */
const SEVERAL_MADE = 'this factory call makes more than one resource';
const NO_SINGLE = ', so its result written inline names no single resource';

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
 * Binds the resource a factory call written in the composition made, found again when the call stands inline in
 * a value compiled from source (`Deployment({...}).status.readyReplicas > 0`). A value is compiled when the
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
  // A call inside a local function JavaScript skipped is made from source (site.made): one more resource of it.
  const call = record.bindsDeclaration === false || !source ? undefined : (site.made?.call ?? factoryCallOf(site, source));
  if (!call) return;
  const name = madeByCall(call);
  bindings[name] =
    record.forEach.length > 0
      ? { kind: 'unsupported', why: `${SEVERAL_MADE} (a KRO forEach over a list in the spec)${NO_SINGLE}`, hint: 'collect the resources (`const webs = spec.names.map((name) => Deployment({ ... }))`) and read the collection after the loop' }
      : !site.direct && bindings[name] !== undefined
        ? { kind: 'unsupported', why: `${SEVERAL_MADE} (it sits in a function called more than once)${NO_SINGLE}`, hint: 'bind each resource to its own const in the composition and read those: `const web = Deployment({ ... })`, then `web.status...`' }
        : { kind: 'value', expr: E.ident(record.id), type: observedTypeOf(record) };
}

/**
 * Whether the resource a call inside helpers made is what the helpers return, so that the composition's
 * `const w = webOnly(spec.name)` names it: at every frame, the call there is returned by its function
 * (`return F(...)`, an arrow's body, through handle methods and TypeScript wrappers, or a `const` bound to it
 * and returned). A helper that also makes a Service gave `w` to whichever resource came first (trial 8 T03).
 */
export function returnedThroughHelpers(site: CallSite): boolean {
  return site.inner.every((frame) => {
    const call = findCallAt(frame.file, frame.line, frame.column);
    const fn = call && enclosingFunctions(parseSourceFile(frame.file).program, call).at(-1);
    return call !== undefined && fn !== undefined && returnedValues(fn).some((value) => {
      const origin = handleOrigin(fn, value);
      return origin === call || (origin?.type === 'VariableDeclarator' && origin.init != null && handleBase(origin.init) === call);
    });
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
