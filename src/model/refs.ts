/**
 * Typed references. Inside a composition function, `spec.replicas` and `deployment.status.readyReplicas`
 * are proxies that record a path from a root (the instance spec, a resource, a forEach item). Property
 * reads extend the path; string coercion (template literals) yields a marker the model later turns back
 * into a CEL template; everything else about JavaScript operators is recovered from source analysis.
 *
 * The pieces: what a reference is (ref-data.ts), its proxy (ref-proxy.ts), what a definition records while
 * it runs (definition-scope.ts), markers in strings (markers.ts). This module turns a reference into CEL and
 * is where the rest of TypeKro imports them from.
 */
import { E, type Expr } from '../ir/expr.js';
import { TypeKroError } from '../util/errors.js';
import { describeRef, type RefData, type RefRoot } from './ref-data.js';
import { itemType, wirePath } from './wire-names.js';

export { userLocation } from './call-site.js';
export {
  consumeSpreads, definitionCoercions, definitionDepth, firstTrapRefusal, referenceMarkerCount, refusingUnconsumedSpreads, throwTrapRefusal, trapRefusal,
} from './definition-scope.js';
export { describeValue, hasMarkers, readableMarkers, splitMarkers, withReferenceMarkers } from './markers.js';
export { describeRef, isRef, NESTED_ROOT_PREFIX, refOf, type Coercion, type IteratorRoot, type RefData, type RefRoot } from './ref-data.js';
export { createRef, type ProxyHooks } from './ref-proxy.js';

/** The CEL expression a reference stands for. */
export function refToExpr(ref: RefData): Expr {
  if (ref.call) {
    throw new TypeKroError('DEFINITION_INVALID', 
      `${describeRef(ref)}(...) was called on a reference outside the composition source TypeKro can read; write the expression in the composition function itself, or use Cel.expr(...)`,
    );
  }
  const root = rootExpr(ref.root);
  return wireRefPath(ref).reduce<Expr>(
    (target, segment) => (typeof segment === 'number' ? E.index(target, E.int(segment)) : E.select(target, segment)),
    root,
  );
}

/**
 * The path as the cluster spells it: a typed read of `policy.spec.ingress[0]._from` (client-node's model
 * name) must become `from` in CEL, for resources and for loop items over their lists.
 */
function wireRefPath(ref: RefData): readonly (string | number)[] {
  const type = modelTypeOf(ref.root);
  return type ? wirePath(type, ref.path).path : ref.path;
}

function modelTypeOf(root: RefRoot): string | undefined {
  if (root.kind === 'resource') return root.resource.modelName;
  if (root.kind !== 'iterator') return undefined;
  const source = modelTypeOf(root.iterator.source.root);
  return source ? itemType(wirePath(source, root.iterator.source.path).type) : undefined;
}

function rootExpr(root: RefRoot): Expr {
  if (root.kind === 'schema') return E.ident('schema');
  if (root.kind === 'resource') return E.ident(root.resource.id());
  if (!root.iterator.name) throw new TypeKroError('INTERNAL', 'internal: forEach iterator used before it was named');
  return E.ident(root.iterator.name);
}
