/**
 * The KRO driver's RGD before it is applied: what its schema change breaks against the live RGD (or the CRD an
 * earlier one left), refused unless allowed (runtime/kro/breaking.ts, crd.ts).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileRgd } from '../compile/rgd/index.js';
import type { CompositionGraph } from '../ir/graph.js';
import type { KubeClient } from '../runtime/kube/client.js';
import { breakingChanges, type SchemaChange } from '../runtime/kro/breaking.js';
import { keptCrdProblem } from '../runtime/kro/crd.js';
import { KroRejectedError } from '../runtime/kro/errors.js';
import type { KubeObject } from '../runtime/engine/index.js';
import { BreakingChangeError } from './kro-types.js';

type RgdSchema = { spec?: unknown; types?: unknown; status?: unknown };

/** The schema of the RGD named `name` in the cluster, and whether there is one. */
async function liveRgd(client: KubeClient, name: string): Promise<{ schema?: RgdSchema } | undefined> {
  const live = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name })) as (KubernetesObject & { spec?: { schema?: RgdSchema } }) | undefined;
  return live && (live.spec?.schema ? { schema: live.spec.schema } : {});
}

/** What the new RGD's schema breaks, against the live RGD (none when there is no live one). */
export async function schemaChanges(client: KubeClient, graph: CompositionGraph, rgd: KubeObject): Promise<SchemaChange[]> {
  const current = await liveRgd(client, graph.name);
  return current?.schema ? breakingChanges(current.schema, (rgd as { spec: { schema: RgdSchema } }).spec.schema) : [];
}

/** The RGD to apply: refused when its schema change would break existing instances, unless allowed. */
export async function checkedRgd(client: KubeClient, graph: CompositionGraph, allowBreaking: boolean): Promise<KubernetesObject> {
  const rgd = compileRgd(graph) as unknown as KubernetesObject & { spec: { schema: RgdSchema } };
  const live = await liveRgd(client, graph.name);
  let changes = live?.schema ? breakingChanges(live.schema, rgd.spec.schema) : [];
  let keptCrd: string | undefined;
  if (!live) {
    // No RGD, but maybe the CRD an earlier one left: KRO would refuse to take it over.
    const kept = await keptCrdProblem(client, { rgdName: graph.name, apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind }, rgd.spec.schema);
    if (kept?.kind === 'owned') throw new KroRejectedError(kept.message);
    if (kept) [changes, keptCrd] = [[...kept.changes], kept.crd];
  }
  if (changes.length === 0) return rgd;
  if (!allowBreaking) throw new BreakingChangeError(graph.name, changes, keptCrd);
  const metadata = { ...rgd.metadata, annotations: { ...rgd.metadata?.annotations, 'kro.run/allow-breaking-changes': 'true' } };
  return { ...rgd, metadata };
}
