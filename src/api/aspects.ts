/**
 * `typekro/aspects`: cross-cutting changes to every resource of a composition, as the original TypeKro spells
 * them. Pass them to a factory (`factory('direct', { aspects })`, `factory('kro', { aspects })`) or to
 * `toYaml({ aspects })`.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { withEnvVars, withLabels } from 'typekro/aspects';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: Deployment({ name: spec.name, image: 'nginx' }).metadata.name }),
 * );
 * const aspects = [withLabels({ team: 'platform' }), withEnvVars({ LOG_LEVEL: 'debug' })];
 * app.factory('kro', { namespace: 'dev', aspects }).toYaml().includes('team: platform'); // => true
 * ```
 */
export { withAnnotations, withEnvVars, withLabels, type Aspect, type AspectChange, type AspectOptions, type AspectValues } from '../composition/aspects/aspect.js';
export { applyAspects } from '../composition/aspects/apply.js';
export type { AspectRender } from './composition.js';
