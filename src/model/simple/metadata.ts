/**
 * Metadata of simple factories: name, namespace and labels with `app: <name>` merged in (selectors and
 * Services rely on it). Internal to the simple factories, not exported from `typekro/simple`.
 */
import { E, type Expr } from '../../ir/expr.js';
import { exprValue, isExprValue, type ExprValue } from '../../ir/value.js';
import { refOf, refToExpr } from '../refs.js';
import { isComputed, literalKey, mergedOver, reshapeBranches, valueExpr } from './computed.js';

/** `labels` is {@link labelsOf}`(config, factory)`, when the caller has it already (a workload's also go to its pod template and selector). */
export function metadataOf(config: { name: string; namespace?: string; labels?: Record<string, string> }, factory: string, labels: Labels = labelsOf(config, factory)): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
    labels,
  };
}

/** What {@link labelsOf} gives: the labels, or a map computed in CEL. */
export type Labels = Record<string, unknown> | ExprValue;

/**
 * `app: <name>` merged into the labels (the user's own `app` wins, as with a spread); selectors rely on it. A
 * whole map (`labels: spec.labels`, also as a ternary's branch) is merged in CEL with KRO's `merge`.
 */
export function labelsOf(config: { name: string; labels?: Record<string, string> }, factory: string): Labels {
  const ref = refOf(config.labels);
  if (ref) return exprValue(mergedOver(appLabel(config.name), refToExpr(ref)));
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
      (read) => mergedOver(appLabel(config.name), read),
    );
  }
  return { app: config.name, ...config.labels };
}

/** `{ app: <name> }` in CEL. */
function appLabel(name: string): Expr {
  return E.map([{ key: E.str('app'), value: valueExpr(name) }]);
}

/** A copy of `labels` for a second place in the manifest, which then holds no object twice (as when each place computed its own). */
export function copyOfLabels(labels: Labels): Labels {
  return isExprValue(labels) ? exprValue(labels.expr) : { ...labels };
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
export function selectorApp(labels: Labels): unknown {
  return isExprValue(labels) ? exprValue(E.index(labels.expr, E.str('app'))) : labels.app;
}
