/**
 * A CRD KRO kept. When an RGD is deleted, KRO leaves its CRD (and the instances) in place; a new RGD for
 * the same kind then takes that CRD over, and KRO refuses the takeover when the schema changed in a
 * breaking way (`cannot update CRD …: breaking changes detected`) or when the CRD belongs to another RGD,
 * while the RGD itself may look accepted. Checked before applying, so the deploy fails at once.
 */
import type { OpenApiSchema } from '../../ir/openapi.js';
import { crdBreakingChanges, type SchemaChange } from './breaking.js';
import type { KubeClient } from '../kube/client.js';

/** What stands in the way of a new RGD, from a CRD already served for its kind. */
export type KeptCrdProblem =
  | { readonly kind: 'breaking'; readonly crd: string; readonly changes: readonly SchemaChange[] }
  | { readonly kind: 'owned'; readonly crd: string; readonly message: string };

interface Crd {
  metadata?: { labels?: Record<string, string> };
  spec?: { versions?: { name?: string; schema?: { openAPIV3Schema?: OpenApiSchema } }[] };
}

/**
 * The problem KRO would find with the CRD of `kind` when RGD `rgdName` takes it over, or `undefined`
 * (no such CRD, or a compatible one).
 *
 * @example
 * ```ts
 * await keptCrdProblem(client, { rgdName: 'app', apiVersion: 'kro.run/v1alpha1', kind: 'App' }, rgd.spec.schema);
 * // { kind: 'breaking', crd: 'apps.kro.run', changes: [{ path: 'spec.level', problem: 'field removed' }] }
 * ```
 */
export async function keptCrdProblem(
  client: KubeClient,
  target: { readonly rgdName: string; readonly apiVersion: string; readonly kind: string },
  schema: { spec?: unknown; types?: unknown },
): Promise<KeptCrdProblem | undefined> {
  let plural: string;
  try {
    const path = await client.collectionPath(target.apiVersion, target.kind);
    plural = path.slice(path.lastIndexOf('/') + 1);
  } catch {
    return undefined; // the kind is not served: there is no CRD to take over
  }
  const slash = target.apiVersion.indexOf('/');
  const crdName = `${plural}.${target.apiVersion.slice(0, slash)}`;
  const crd = (await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName })) as Crd | undefined;
  if (!crd) return undefined;
  const labels = crd.metadata?.labels ?? {};
  if (labels['kro.run/owned'] !== 'true') {
    return { kind: 'owned', crd: crdName, message: `CRD ${crdName} already exists and is not owned by KRO: use another kind or group, or delete that CRD` };
  }
  const owner = labels['kro.run/resource-graph-definition-name'];
  if (owner !== undefined && owner !== target.rgdName) {
    return { kind: 'owned', crd: crdName, message: `CRD ${crdName} is owned by ResourceGraphDefinition ${owner}: use another kind, or name the composition "${owner}"` };
  }
  const version = target.apiVersion.slice(slash + 1);
  const served = crd.spec?.versions?.find((v) => v.name === version) ?? crd.spec?.versions?.[0];
  const changes = crdBreakingChanges(served?.schema?.openAPIV3Schema?.properties?.spec, schema);
  return changes.length > 0 ? { kind: 'breaking', crd: crdName, changes } : undefined;
}
