/**
 * Metadata of simple factories: name, namespace and labels with `app: <name>` merged in (selectors and
 * Services rely on it). Internal to the simple factories, not exported from `typekro/simple`.
 */
import { E, type Expr } from '../../ir/expr.js';
import { exprValue, isExprValue, type ExprValue } from '../../ir/value.js';
import { refOf, refToExpr } from '../refs.js';
import { isComputed, literalKey, mergedOver, reshapeBranches, valueExpr } from './computed.js';

export function metadataOf(config: { name: string; namespace?: string; labels?: Record<string, string> }, factory: string): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
    labels: labelsOf(config, factory),
  };
}

/**
 * `app: <name>` merged into the labels (the user's own `app` wins, as with a spread); selectors rely on it. A
 * whole map (`labels: spec.labels`, also as a ternary's branch) is merged in CEL with KRO's `merge`.
 */
export function labelsOf(config: { name: string; labels?: Record<string, string> }, factory: string): Record<string, unknown> | ExprValue {
  const app = (): Expr => E.map([{ key: E.str('app'), value: valueExpr(config.name) }]);
  const ref = refOf(config.labels);
  if (ref) return exprValue(mergedOver(app(), refToExpr(ref)));
  if (isComputed(config.labels)) {
    return reshapeBranches(
      config.labels,
      (entries) => E.map([...(entries.some((entry) => literalKey(entry) === 'app') ? [] : [{ key: E.str('app'), value: valueExpr(config.name) }]), ...entries]),
      {
        factory,
        name: config.name,
        field: 'labels',
        what: 'adds app: <name>',
        fix: `choose each label's value instead (labels: { tier: spec.debug ? 'dev' : 'prod' }), or give a whole map read from the spec (labels: spec.labels); to set the labels without app: <name>, use the low-level factory: ${lowLevel(factory)}({ metadata: { labels: ... }, ... })`,
      },
      (read) => mergedOver(app(), read),
    );
  }
  return { app: config.name, ...config.labels };
}


/** The low-level factory of a simple one (`Deployment` → `deployment`, `Pvc` → `persistentVolumeClaim`), for hints. */
function lowLevel(factory: string): string {
  const names: Readonly<Record<string, string>> = { Pvc: 'persistentVolumeClaim', Hpa: 'horizontalPodAutoscaler' };
  return names[factory] ?? factory.charAt(0).toLowerCase() + factory.slice(1);
}

/**
 * The `app` label the pod template ends up with, for the selector: the template's labels are
 * {@link labelsOf}, so the selector reads `app` from them (the user's own `app`, else the name). A selector
 * that stayed `app: <name>` beside a user's `app` did not match the template, and the API server refused the
 * Deployment (trial 8 T12); for a whole map from the spec (`labels: spec.labels` holding `app`) that is the
 * map's `app`, known only in the cluster.
 */
export function selectorApp(config: { name: string; labels?: Record<string, string> }, factory: string): unknown {
  const labels = labelsOf(config, factory);
  return isExprValue(labels) ? exprValue(E.index(labels.expr, E.str('app'))) : labels.app;
}
