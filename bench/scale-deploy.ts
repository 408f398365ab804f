/**
 * The deploying process of `scale.bench.ts`, run as its own child so its peak RSS is TypeKro's alone: a
 * direct deploy of one instance of a graph with `SCALE_RESOURCES` resources (see `graph`), the same
 * deploy again, then its delete. Prints one JSON line: wall times and `process.resourceUsage().maxRSS`.
 *
 *   SCALE_KUBECONFIG=<file> SCALE_NAMESPACE=<ns> SCALE_RESOURCES=1000 SCALE_DEPLOYMENTS=10 [SCALE_FROM=<dir>] node --import tsx bench/scale-deploy.ts
 *
 * `scale.bench.ts` runs it from the built package: transpiled to bench/.out/scale-deploy.mjs, plain node.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { type } from 'arktype';
import type { CompositionGraph, ResourceNode } from '../src/ir/graph.js';
import type { Value } from '../src/ir/value.js';

// SCALE_FROM: the directory TypeKro is imported from, the built package (`dist`, what a user's process runs)
// or `src` under tsx (whose loader thread adds its own memory to the process).
const from = pathToFileURL(`${process.env.SCALE_FROM ?? new URL('../src', import.meta.url).pathname}/`);
const { createDirectFactory } = (await import(new URL('api/direct.js', from).href)) as typeof import('../src/api/direct.js');
const { E } = (await import(new URL('ir/expr.js', from).href)) as typeof import('../src/ir/expr.js');
const { exprValue } = (await import(new URL('ir/value.js', from).href)) as typeof import('../src/ir/value.js');

const env = (key: string): string => {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set`);
  return value;
};
const total = Number(env('SCALE_RESOURCES'));
const deployments = Number(env('SCALE_DEPLOYMENTS'));
const x = (expr: Parameters<typeof exprValue>[0]): Value => exprValue(expr);
const named = (suffix: string): Value => x(E.template([E.path('schema', 'spec', 'name'), `-${suffix}`]));

/**
 * `deployments` one-replica Deployments and ConfigMaps for the rest; each ConfigMap reads the spec, and
 * every tenth one also reads a Deployment's name (so the graph has dependencies, not 1,000 roots).
 */
function graph(): CompositionGraph {
  const resources: ResourceNode[] = [];
  const base = { readyWhen: [], includeWhen: [], forEach: [], dependsOn: [] };
  for (let d = 0; d < deployments; d++) {
    const id = `dep${d}`;
    const app = { app: named(id) };
    resources.push({
      ...base, id, apiVersion: 'apps/v1', kind: 'Deployment',
      template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: named(id) }, spec: { replicas: 1, selector: { matchLabels: app }, template: { metadata: { labels: app }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } },
    });
  }
  for (let c = 0; c < total - deployments; c++) {
    const id = `cm${c}`;
    const reads: Record<string, Value> = c % 10 === 0 && deployments > 0 ? { upstream: x(E.path(`dep${c % deployments}`, 'metadata', 'name')) } : {};
    resources.push({ ...base, id, apiVersion: 'v1', kind: 'ConfigMap', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: named(id) }, data: { owner: x(E.path('schema', 'spec', 'name')), ...reads } } });
  }
  const spec = { kind: 'struct' as const, required: ['name'], markers: {}, fields: { name: { kind: 'string' as const, markers: {} } } };
  return { name: 'scale', version: 'v1alpha1', group: 'bench.typekro.dev', kind: 'Scale', scope: 'Namespaced', resources, status: {}, spec };
}

const definition = { name: 'scale', kind: 'Scale', spec: type({ name: 'string' }), status: type({}) };
const factory = createDirectFactory<{ name: string }, Record<string, unknown>>(definition, graph(), {
  kubeconfig: env('SCALE_KUBECONFIG'),
  namespace: env('SCALE_NAMESPACE'),
  timeout: 15 * 60_000,
  events: false,
});
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
// Peaks of each part of the process's memory, sampled: which part the peak RSS is made of.
const peaks = { rssMB: 0, heapTotalMB: 0, heapUsedMB: 0, externalMB: 0, arrayBuffersMB: 0, rssPhase: '' };
let phase = 'first deploy';
const sample = (): void => {
  const usage = process.memoryUsage();
  const now = { rssMB: mb(usage.rss), heapTotalMB: mb(usage.heapTotal), heapUsedMB: mb(usage.heapUsed), externalMB: mb(usage.external), arrayBuffersMB: mb(usage.arrayBuffers) };
  if (now.rssMB > peaks.rssMB) peaks.rssPhase = phase;
  for (const key of Object.keys(now) as (keyof typeof now)[]) peaks[key] = Math.max(peaks[key], now[key]);
};
const sampler = setInterval(sample, 100);
const baseline = { rssMB: mb(process.memoryUsage().rss), heapMB: mb(process.memoryUsage().heapUsed) };
// SCALE_HEAP_PROFILE=<file>: V8's sampling heap profile of what the first deploy allocated and left alive
// (taken after a full GC), and the top allocating functions on stderr.
const heapProfile = process.env.SCALE_HEAP_PROFILE;
const inspector = heapProfile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  // SCALE_HEAP_ALL=1: every allocation, also what the GC collected since (where the garbage comes from)
  const all = process.env.SCALE_HEAP_ALL === '1';
  await inspector.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: all, includeObjectsCollectedByMinorGC: all });
}
const started = performance.now();
await factory.deploy({ name: 'scale' });
const deployMs = performance.now() - started;
const maxRssSoFar = mb(process.resourceUsage().maxRSS * 1024);
const heapBeforeGc = mb(process.memoryUsage().heapUsed);
// with --expose-gc: what the deploy left alive, apart from garbage not yet collected
(globalThis as { gc?: () => void }).gc?.();
if (inspector && heapProfile) {
  const { profile } = await inspector.post('HeapProfiler.stopSampling');
  writeFileSync(heapProfile, JSON.stringify(profile));
  console.error(topAllocators(profile as unknown as ProfileNode & { head?: ProfileNode }).join('\n'));
  inspector.disconnect();
}
const afterDeploy = { rssMB: mb(process.memoryUsage().rss), heapMB: heapBeforeGc, liveHeapMB: mb(process.memoryUsage().heapUsed), maxRssMB: maxRssSoFar };
phase = 'same deploy again';
const again = performance.now();
await factory.deploy({ name: 'scale' });
const redeployMs = performance.now() - again;
phase = 'delete';
const deleting = performance.now();
await factory.deleteInstance('scale');
const deleteMs = performance.now() - deleting;
clearInterval(sampler);
console.log(JSON.stringify({ resources: total, deployments, deployMs, redeployMs, deleteMs, maxRssMB: process.resourceUsage().maxRSS / 1024, baseline, afterDeploy, peaks }));

interface ProfileNode {
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

/** Live bytes by the innermost frame of TypeKro's own code (else the innermost frame), largest first. */
function topAllocators(profile: { head?: ProfileNode }): string[] {
  const bytes = new Map<string, number>();
  const walk = (node: ProfileNode, ours: string | undefined): void => {
    const frame = node.callFrame;
    const here = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${frame.lineNumber + 1}`;
    const owner = frame.url.includes('/src/') ? here : ours;
    if (node.selfSize > 0) bytes.set(owner ?? here, (bytes.get(owner ?? here) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, owner);
  };
  if (profile.head) walk(profile.head, undefined);
  return [...bytes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([where, size]) => `${(size / 2 ** 20).toFixed(1).padStart(6)} MB  ${where}`);
}
