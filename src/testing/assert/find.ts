/** Finding resources and manifests in a render or a simulation, with errors that list what is there. */
import type { KubeObject } from '../../runtime/engine/index.js';
import { TypeKroError } from '../../util/errors.js';
import type { Rendering, RenderedResource } from '../offline/render.js';
import type { Simulation } from '../offline/simulate.js';
import type { SimulatedResource } from '../offline/resources.js';
import { didYouMean } from '../offline/nearest.js';

/**
 * A manifest by resource id (`'deployment'`), or by kind and name (and optionally namespace, apiVersion).
 *
 * @example
 * import type { ManifestSelector } from 'typekro/testing';
 * const byId: ManifestSelector = 'deployment';
 * const byName: ManifestSelector = { kind: 'Service', name: 'webapp' };
 * [typeof byId, typeof byName]; // => ['string', 'object']
 */
export type ManifestSelector = string | { readonly kind: string; readonly name?: string; readonly namespace?: string; readonly apiVersion?: string };

const metadataOf = (m: KubeObject): { name?: string; namespace?: string } => (m.metadata ?? {}) as { name?: string; namespace?: string };

/**
 * A resource of a render or a simulation by id; throws naming the ids there are (and the nearest one).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { findResource, render } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }) },
 *   (spec) => {
 *     const config = ConfigMap({ name: spec.name, data: {} });
 *   },
 * );
 * findResource(render(app, { name: 'web' }), 'config').state; // => 'rendered'
 */
export function findResource(source: Rendering, id: string): RenderedResource;
export function findResource(source: Simulation, id: string): SimulatedResource;
export function findResource(source: Rendering | Simulation, id: string): RenderedResource | SimulatedResource {
  const found = (source.resources as readonly (RenderedResource | SimulatedResource)[]).find((resource) => resource.id === id);
  if (found) return found;
  const ids = source.resources.map((resource) => resource.id);
  throw new TypeKroError('USAGE', `no resource "${id}"${didYouMean(id, ids)}; the resource ids are ${ids.join(', ') || '(none)'}`);
}

/**
 * Every manifest the selector picks: all of a resource's (one per forEach item), or those of that kind and
 * name. Throws when the selector names an unknown resource id.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { findManifests, render } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ regions: 'string[]' }) },
 *   (spec) => {
 *     for (const region of spec.regions) ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } });
 *   },
 * );
 * findManifests(render(app, { regions: ['eu', 'us'] }), 'regions').length; // => 2
 * findManifests(render(app, { regions: ['eu', 'us'] }), { kind: 'ConfigMap', name: 'app-us' }).length; // => 1
 */
export function findManifests(source: Rendering | Simulation, selector: ManifestSelector): Record<string, unknown>[] {
  if (typeof selector === 'string') return [...findResource(source as Rendering, selector).manifests];
  return source.manifests.filter((m) => {
    const metadata = metadataOf(m);
    return (
      m.kind === selector.kind &&
      (selector.name === undefined || metadata.name === selector.name) &&
      (selector.namespace === undefined || metadata.namespace === selector.namespace) &&
      (selector.apiVersion === undefined || m.apiVersion === selector.apiVersion)
    );
  });
}

/**
 * The one manifest the selector picks; throws when there is none or more than one, listing the manifests
 * there are (a skipped resource says why it has none).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * import { findManifest, render } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *   },
 * );
 * const result = render(app, { replicas: 2 });
 * (findManifest(result, 'web').spec as { replicas: number }).replicas; // => 2
 * findManifest(result, { kind: 'Deployment', name: 'web' }) === findManifest(result, 'web'); // => true
 */
export function findManifest(source: Rendering | Simulation, selector: ManifestSelector): Record<string, unknown> {
  const found = findManifests(source, selector);
  if (found.length === 1) return found[0]!;
  const what = typeof selector === 'string' ? `resource "${selector}"` : `${selector.kind}${selector.name ? ` "${selector.name}"` : ''}${selector.namespace ? ` in ${selector.namespace}` : ''}`;
  if (found.length > 1) throw new TypeKroError('USAGE', `${what} has ${found.length} manifests (a forEach collection, or several of that kind); use findManifests, or name it by kind and name`);
  const why = typeof selector === 'string' ? `: it is ${whyNone(findResource(source as Rendering, selector) as RenderedResource | SimulatedResource)}` : '';
  const there = source.manifests.map((m) => `${String(m.kind)} ${metadataOf(m).name ?? '(no name)'}`).join(', ') || '(none)';
  throw new TypeKroError('USAGE', `no manifest for ${what}${why}; the manifests are ${there}`);
}

function whyNone(resource: RenderedResource | SimulatedResource): string {
  const rendered = 'state' in resource ? resource.state === 'rendered' : resource.plan === 'apply';
  return rendered ? 'an empty collection' : `not rendered (${resource.reason})`;
}
