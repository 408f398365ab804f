/**
 * How a kro-mode plan shows the values it changes, each redacted as direct mode's plan redacts (plan-diff.ts
 * `valueShower`): the instance's secret spec fields (an old value there may be a secret this spec's redactor
 * never saw), the children's Secrets and fields computed from a secret, and every secret the redactor knows.
 */
import type { CompositionGraph } from '../ir/graph.js';
import { valueShower, type ShowValue } from '../runtime/direct/plan.js';
import type { KroPlanValues } from '../runtime/kro/plan.js';
import { REDACTED, type Redactor } from '../util/redact.js';
import { overlaps } from './secret-flow.js';
import { secretFieldsOf, sensitivePaths } from './sensitive.js';

/**
 * The showers of a kro plan's RGD, instance and children for the instance whose spec `redactor` redacts.
 *
 * @example
 * ```ts
 * const values = kroPlanValues(app.graph, redactorFor(app.graph, spec));
 * values.instance({ path: 'spec.token', segments: ['spec', 'token'], before: 'old', after: 'new' }, 'old'); // => '[redacted]'
 * ```
 */
export function kroPlanValues(graph: CompositionGraph, redactor: Redactor): KroPlanValues & { readonly children: (resourceId: string, path: readonly string[]) => boolean } {
  const secretSpec = sensitivePaths(graph);
  const shown = valueShower({ resourceId: 'rgd', apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' }, redactor);
  const instance: ShowValue = (change, value) => {
    const [head, ...rest] = change.segments;
    return head === 'spec' && secretSpec.some((path) => overlaps(path, rest)) ? REDACTED : shown(change, value);
  };
  return { rgd: shown, instance, children: secretFieldsOf(graph) };
}
