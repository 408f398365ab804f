/**
 * Metadata of simple factories: name, namespace and labels with `app: <name>` merged in (selectors and
 * Services rely on it). Internal to the simple factories, not exported from `typekro/simple`.
 */
import { E } from '../../ir/expr.js';
import type { ExprValue } from '../../ir/value.js';
import { describeValue, isRef } from '../refs.js';
import { isComputed, literalKey, reshapeBranches, valueExpr } from './computed.js';
import { TypeKroError } from '../../util/errors.js';

export function metadataOf(config: { name: string; namespace?: string; labels?: Record<string, string> }, factory: string): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
    labels: labelsOf(config, factory),
  };
}

/** `app: <name>` merged into the labels (the user's own `app` wins, as with a spread); selectors rely on it. */
export function labelsOf(config: { name: string; labels?: Record<string, string> }, factory: string): Record<string, unknown> | ExprValue {
  if (isRef(config.labels)) {
    throw new TypeKroError('DEFINITION_INVALID', `labels of ${describeValue(config.name)} must be an object literal here (simple factories add app: <name>); to use a whole map from the spec, use a low-level factory such as configMap({ metadata: { labels: spec.labels } })`);
  }
  if (isComputed(config.labels)) {
    return reshapeBranches(
      config.labels,
      (entries) => E.map([...(entries.some((entry) => literalKey(entry) === 'app') ? [] : [{ key: E.str('app'), value: valueExpr(config.name) }]), ...entries]),
      { factory, name: config.name, field: 'labels', what: 'adds app: <name>', fix: "choose each label's value instead: labels: { tier: spec.debug ? 'dev' : 'prod' }" },
    );
  }
  return { app: config.name, ...config.labels };
}

