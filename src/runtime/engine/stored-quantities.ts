/**
 * The quantities of a manifest as the API server stores them. Every field of Go type `resource.Quantity`
 * in a built-in kind is decoded and written back in its canonical text (cpu `0.5` reads back `500m`, memory
 * `1024Mi` reads back `1Gi`; `util/quantity.ts`), so what TypeKro predicts the cluster holds (offline
 * render's and plan's stand-ins: a manifest in place of the live object) must read the same text. A
 * custom resource's fields are stored as written (a CRD schema has no quantity type), so only the
 * built-in kinds below change.
 *
 * Not covered, and so read as written: the `resource.k8s.io` kinds (dynamic resource allocation), whose
 * quantities sit in device capacities; a composition reading one through a stand-in gets the manifest's
 * text, which the cluster may store in another form.
 */
import { canonicalQuantity, type QuantityField } from '../../util/quantity.js';

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const items = (object: Fields, key: string): Fields[] => (Array.isArray(object[key]) ? (object[key] as unknown[]).filter(isFields) : []);

/** The value at `object[key]` in its stored text (a plain number or string only; anything else is left). */
function quantity(object: Fields, key: string, field: QuantityField = 'quantity'): void {
  const value = object[key];
  if (typeof value === 'string' || typeof value === 'number') object[key] = canonicalQuantity(value, field);
}

/** Every entry of the map at `object[key]`: a `ResourceList` (rounded up to a thousandth as well). */
function list(object: Fields, key: string): void {
  const map = object[key];
  if (isFields(map)) for (const name of Object.keys(map)) quantity(map, name, 'resource-list');
}

/** `limits` and `requests` of a `ResourceRequirements` (a container's, a pod's, a claim's). */
function requirements(object: Fields, key: string): void {
  const value = object[key];
  if (!isFields(value)) return;
  list(value, 'limits');
  list(value, 'requests');
}

/** The divisor of a downward API `resourceFieldRef`. */
function divisor(holder: unknown): void {
  if (isFields(holder) && isFields(holder.resourceFieldRef)) quantity(holder.resourceFieldRef, 'divisor');
}

function downwardItems(source: unknown): void {
  if (isFields(source)) for (const item of items(source, 'items')) divisor(item);
}

function claimSpec(spec: unknown): void {
  if (isFields(spec)) requirements(spec, 'resources');
}

function podSpec(spec: unknown): void {
  if (!isFields(spec)) return;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of items(spec, key)) {
      requirements(container, 'resources');
      for (const env of items(container, 'env')) divisor(env.valueFrom);
    }
  }
  for (const volume of items(spec, 'volumes')) {
    if (isFields(volume.emptyDir)) quantity(volume.emptyDir, 'sizeLimit');
    downwardItems(volume.downwardAPI);
    if (isFields(volume.projected)) for (const source of items(volume.projected, 'sources')) downwardItems(source.downwardAPI);
    if (isFields(volume.ephemeral) && isFields(volume.ephemeral.volumeClaimTemplate)) claimSpec(volume.ephemeral.volumeClaimTemplate.spec);
  }
  list(spec, 'overhead');
  requirements(spec, 'resources');
}

const template = (holder: unknown): void => void (isFields(holder) && podSpec(holder.spec));
const spec = (object: Fields): Fields => (isFields(object.spec) ? object.spec : {});

/**
 * A HorizontalPodAutoscaler's quantities (autoscaling/v2): its metric targets' `value` and `averageValue`, its
 * scaling rules' `tolerance`.
 */
function autoscaler(object: Fields): void {
  const behavior = spec(object).behavior;
  if (isFields(behavior)) for (const rules of [behavior.scaleUp, behavior.scaleDown]) if (isFields(rules)) quantity(rules, 'tolerance');
  for (const metric of items(spec(object), 'metrics')) {
    for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
      const target = isFields(metric[source]) ? (metric[source] as Fields).target : undefined;
      if (!isFields(target)) continue;
      quantity(target, 'value');
      quantity(target, 'averageValue');
    }
  }
}

/** By `apiVersion/kind`: where each built-in kind has quantities. */
const BY_KIND: Readonly<Record<string, (object: Fields) => void>> = {
  'v1/Pod': (object) => podSpec(object.spec),
  'v1/PodTemplate': (object) => template(object.template),
  'v1/ReplicationController': (object) => template(spec(object).template),
  'apps/v1/Deployment': (object) => template(spec(object).template),
  'apps/v1/ReplicaSet': (object) => template(spec(object).template),
  'apps/v1/DaemonSet': (object) => template(spec(object).template),
  'apps/v1/StatefulSet': (object) => {
    template(spec(object).template);
    for (const claim of items(spec(object), 'volumeClaimTemplates')) claimSpec(claim.spec);
  },
  'batch/v1/Job': (object) => template(spec(object).template),
  'batch/v1/CronJob': (object) => {
    const job = spec(object).jobTemplate;
    if (isFields(job) && isFields(job.spec)) template(job.spec.template);
  },
  'v1/PersistentVolumeClaim': (object) => {
    claimSpec(object.spec);
    // An observed claim the test kit stores (simulate's states): the capacity the API server reports.
    if (isFields(object.status)) list(object.status, 'capacity');
  },
  'v1/PersistentVolume': (object) => list(spec(object), 'capacity'),
  'v1/ResourceQuota': (object) => list(spec(object), 'hard'),
  'v1/LimitRange': (object) => {
    for (const limit of items(spec(object), 'limits')) for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) list(limit, key);
  },
  'node.k8s.io/v1/RuntimeClass': (object) => void (isFields(object.overhead) && list(object.overhead, 'podFixed')),
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaler,
  'storage.k8s.io/v1/CSIStorageCapacity': (object) => {
    quantity(object, 'capacity');
    quantity(object, 'maximumVolumeSize');
  },
};

/** Plain objects and lists copied (the canonical text is written in place); other values shared. */
function copied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copied);
  if (isFields(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copied(item)]));
  return value;
}

/**
 * `object` with every quantity of its kind in the text the API server stores (a copy; the object itself
 * when its kind has none). Only fields the object sets are touched: nothing is added.
 *
 * @example
 * ```ts
 * storedQuantities({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { resources: { requests: { storage: '1024Mi' } } } });
 * // { apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { resources: { requests: { storage: '1Gi' } } } }
 * ```
 */
export function storedQuantities<T extends object>(object: T): T {
  const fields = object as Fields;
  const canonicalize = BY_KIND[`${String(fields.apiVersion)}/${String(fields.kind)}`];
  if (!canonicalize) return object;
  const copy = copied(object) as Fields;
  canonicalize(copy);
  return copy as T;
}
