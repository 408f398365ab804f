/**
 * The checked graph: everything a composition defines, as frozen data. `compile/rgd` turns it into a
 * ResourceGraphDefinition; the direct runtime interprets the same graph.
 */
import type { Expr } from './expr.js';
import type { SchemaNode } from './schema.js';
import type { Value } from './value.js';

/**
 * A place in a source file.
 *
 * @example
 * import type { SourceLocation } from 'typekro';
 * const where: SourceLocation = { file: 'app.ts', line: 12, column: 5 };
 * `${where.file}:${where.line}`; // => 'app.ts:12'
 */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One `forEach` dimension of a collection: the iterator name and the list it ranges over.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type ForEachDimension } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const loops: readonly ForEachDimension[] = app.graph.resources[0]!.forEach ?? [];
 * loops.length; // => 0
 */
export interface ForEachDimension {
  /** The iterator name usable in the template, e.g. `worker`. */
  readonly name: string;
  /** The list it iterates, e.g. `schema.spec.workers`. */
  readonly source: Expr;
}

/**
 * The object an external reference reads.
 *
 * @example
 * import type { ExternalRefTarget } from 'typekro';
 * const target: ExternalRefTarget = { apiVersion: 'v1', kind: 'ConfigMap', name: 'shared' };
 * target.kind; // => 'ConfigMap'
 */
export interface ExternalRefTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: Value;
  readonly namespace?: Value;
}

/**
 * One resource of a graph: its id, kind, template (or external reference) and conditions.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type ResourceNode } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const web: ResourceNode = app.graph.resources[0]!;
 * [web.id, web.kind]; // => ['web', 'Deployment']
 */
export interface ResourceNode {
  /** KRO resource id: lowerCamelCase, unique, not reserved. */
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * The model its objects are typed by (`V1Secret`, or the model a `crdFactory` kind registered); absent for
   * untyped kinds. Offline, observed objects are typed by it as the API server's schema types them on a
   * cluster (a Secret's `data` entries are bytes).
   */
  readonly model?: string;
  /** The manifest with expression leaves; absent for external references. */
  readonly template?: Value;
  readonly externalRef?: ExternalRefTarget;
  /** Conditions over the resource itself (`self` is its id, or `each` in a collection). */
  readonly readyWhen: readonly Expr[];
  readonly includeWhen: readonly Expr[];
  readonly forEach: readonly ForEachDimension[];
  /** Ordering edges the user asked for explicitly, beyond those implied by references. */
  readonly dependsOn: readonly string[];
  readonly source?: SourceLocation;
  /**
   * For a resource of a nested composition: the parent's call of the child and the prefix its ids got. The
   * concrete evaluation names nested resources by this call site, as the compiling run did, not by the order
   * in which calls happen to run (an `if` may skip one).
   */
  readonly nestedAt?: NestedAt;
}

/**
 * Where a nested composition was called, and the id prefix of its resources.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type NestedAt } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const child = kubernetesComposition({ name: 'child', kind: 'Child', spec: type({ name: 'string' }) }, (spec) => void ConfigMap({ id: 'cm', name: spec.name, data: {} }));
 * const app = kubernetesComposition({ name: 'app', kind: 'App', spec: type({ name: 'string' }) }, (spec) => {
 *   const database = child({ name: spec.name });
 * });
 * const at: NestedAt | undefined = app.graph.resources[0]!.nestedAt;
 * [app.graph.resources[0]!.id, at?.prefix]; // => ['databaseCm', 'database']
 */
export interface NestedAt {
  readonly site: SourceLocation;
  readonly prefix: string;
}

/**
 * The frozen graph every output of a composition is derived from (`composition.graph`).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type CompositionGraph } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const graph: CompositionGraph = app.graph;
 * graph.resources.map((r) => r.id); // => ['web']
 */
export interface CompositionGraph {
  /** RGD `metadata.name`. */
  readonly name: string;
  /** KRO `schema.apiVersion` (the version only, e.g. `v1alpha1`). */
  readonly version: string;
  readonly group: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly spec: SchemaNode;
  readonly statusSchema?: SchemaNode;
  /** Status shape: literal leaves are resolved client-side; expression leaves go to KRO. */
  readonly status: Value;
  readonly resources: readonly ResourceNode[];
  readonly annotations?: Readonly<Record<string, string>>;
  /** KRO v0.9.4 `schema.shortNames`: aliases of the generated CRD (`kubectl get wa`). */
  readonly shortNames?: readonly string[];
  /** KRO v0.9.4 `schema.categories`: groups the instances join (`kubectl get <category>`). */
  readonly categories?: readonly string[];
  /** `schema.additionalPrinterColumns`: the `kubectl get` columns of the instances. */
  readonly printerColumns?: readonly PrinterColumn[];
}

/**
 * One `kubectl get` column of the instances (Kubernetes `CustomResourceColumnDefinition`, which KRO copies
 * from the RGD's `schema.additionalPrinterColumns` into the CRD).
 *
 * @example
 * ```ts
 * import type { PrinterColumn } from 'typekro';
 * const column: PrinterColumn = { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' };
 * column.jsonPath; // => '.spec.replicas'
 * ```
 */
export interface PrinterColumn {
  /** Column header, e.g. `Ready`. */
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** Path into the instance: `.spec.…`, `.status.…` or `.metadata.…` (simple JSONPath, as the CRD API takes it). */
  readonly jsonPath: string;
  readonly description?: string;
  /** Extra formatting: for strings `date`, `byte`, `password`, ...; for numbers `int32`, `float`, ... */
  readonly format?: string;
  /** 0 shows the column always; higher values only with `kubectl get -o wide`. */
  readonly priority?: number;
}
