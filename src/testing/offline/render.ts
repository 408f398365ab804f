/**
 * `render`: what a composition produces for one spec, offline. Direct mode's manifests come from the
 * runtime's own offline renderer (the planner, run until nothing more can be rendered without a cluster);
 * the KRO form is the compiled RGD and the instance custom resource.
 */
import { refuseUnknownOptions } from '../../util/options.js';
import { INSTANCE_HINT } from '../../api/evaluate.js';
import type { Composition } from '../../api/composition.js';
import { compileInstance, compileRgd, toYaml } from '../../compile/rgd/index.js';
import { renderAsFarAsOffline } from '../../runtime/direct/render.js';
import { checkRenderedNames, testContext, type InstanceOptions } from './context.js';

/**
 * One resource of a {@link Rendering}: whether the spec includes it, and its manifests.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { render, type RenderedResource } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ debug: 'boolean' }) },
 *   (spec) => {
 *     const debug = ConfigMap({ name: 'debug', data: {} }).withIncludeWhen(spec.debug);
 *   },
 * );
 * const debug: RenderedResource = render(app, { debug: false }).resources[0]!;
 * [debug.state, debug.reason]; // => ['skipped', 'includeWhen is false']
 */
export interface RenderedResource {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * - `rendered`: included, its manifests are known;
   * - `skipped`: an includeWhen is false, or it depends on a skipped resource;
   * - `needs-cluster`: it reads data only a cluster has (another resource's status, an external reference);
   * - `external`: an external reference (read, never applied);
   * - `error`: an expression failed (`reason` says which).
   */
  readonly state: 'rendered' | 'skipped' | 'needs-cluster' | 'external' | 'error';
  /** Why it is in that state (`includeWhen is false`, the data it waits for); `rendered` when rendered. */
  readonly reason: string;
  /** Its factory call sits in a loop compiled to forEach: one manifest per item. */
  readonly collection: boolean;
  /** Direct mode's manifests (labels and namespace added), one per forEach item; none unless rendered. */
  readonly manifests: readonly Record<string, unknown>[];
}

/**
 * What a composition produces for one spec, in both modes.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { render, type Rendering } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ regions: 'string[]' }) },
 *   (spec) => {
 *     for (const region of spec.regions) ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } });
 *   },
 * );
 * const result: Rendering = render(app, { regions: ['eu', 'us'] });
 * result.manifests.map((m) => (m.metadata as { name: string }).name); // => ['app-eu', 'app-us']
 * result.rgd.kind; // => 'ResourceGraphDefinition'
 * (result.kroInstance.spec as { regions: string[] }).regions; // => ['eu', 'us']
 */
export interface Rendering {
  /** The spec after validation, with the schema's defaults. */
  readonly spec: unknown;
  /** The instance rendered for (see {@link InstanceOptions}). */
  readonly instance: { readonly name: string; readonly namespace?: string };
  /** Every resource of the graph, in dependency order. */
  readonly resources: readonly RenderedResource[];
  /** Direct mode: every rendered manifest, in dependency order (what `factory('direct').toYaml(spec)` prints). */
  readonly manifests: readonly Record<string, unknown>[];
  /** KRO mode: the ResourceGraphDefinition. */
  readonly rgd: Record<string, unknown>;
  /** KRO mode: the instance custom resource for the spec. */
  readonly kroInstance: Record<string, unknown>;
  /** The RGD as YAML, as `composition.toYaml()` prints it (for golden files). */
  readonly rgdYaml: string;
}

/**
 * Renders a composition for one spec without a cluster: direct mode's manifests with every includeWhen
 * decided and every forEach expanded, and the KRO form (RGD and instance). Resources that read data only a
 * cluster has are reported as `needs-cluster` rather than failing the render; {@link simulate} gives them
 * that data.
 *
 * @throws SpecValidationError naming each field when the spec does not match the schema; a TypeKroError
 * (`USAGE`) for an instance name (given, or from `spec.name`) or namespace a deploy refuses, with its message.
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment, Service } from 'typekro/simple';
 * import { render } from 'typekro/testing';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer', expose: 'boolean' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     if (spec.expose) Service({ name: 'webapp', selector: { app: 'webapp' }, ports: [{ port: 80 }] });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * const result = render(webapp, { replicas: 3, expose: false });
 * result.manifests.map((m) => m.kind); // => ['Deployment']
 * (result.manifests[0]!.spec as { replicas: number }).replicas; // => 3
 */
export function render<TSpec, TStatus>(composition: Composition<TSpec, TStatus>, spec: TSpec, options: InstanceOptions = {}): Rendering {
  refuseUnknownOptions('render', options, ['name', 'namespace'], { instance: INSTANCE_HINT });
  const context = testContext(composition, spec, options, 'render');
  const { plan, rendered } = renderAsFarAsOffline(context.prepared, context.spec, context.instance, context.owner, context.schemas);
  checkRenderedNames(context, [...rendered].flatMap(([resourceId, manifests]) => manifests.map((manifest) => ({ resourceId, manifest }))));
  const resources = plan.order.map((id): RenderedResource => {
    const resource = context.prepared.resource(id);
    const node = plan.nodes.get(id)!;
    const base = { id, apiVersion: resource.apiVersion, kind: resource.kind, collection: resource.forEach.length > 0 };
    switch (node.state) {
      case 'apply':
        return { ...base, state: 'rendered', reason: 'rendered', manifests: rendered.get(id) ?? [] };
      case 'skipped':
        return { ...base, state: 'skipped', reason: node.reason, manifests: [] };
      case 'external':
        return { ...base, state: 'external', reason: `reads ${node.target.kind} ${node.target.name} from the cluster`, manifests: [] };
      case 'error':
        return { ...base, state: 'error', reason: node.message, manifests: [] };
      default:
        return { ...base, state: 'needs-cluster', reason: node.reason, manifests: [] };
    }
  });
  const rgd = compileRgd(context.graph);
  const namespace = context.instance.namespace;
  return {
    spec: context.spec,
    instance: context.instance,
    resources,
    manifests: [...rendered.values()].flat(),
    rgd,
    kroInstance: compileInstance(context.graph, context.spec, { name: context.instance.name, ...(namespace !== undefined ? { namespace } : {}) }),
    rgdYaml: toYaml(rgd),
  };
}
