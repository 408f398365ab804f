/**
 * Fields the original TypeKro typed in the wrong place (its docs read `service.status.clusterIP`; Kubernetes
 * has it at `spec.clusterIP`). Reading one is a type error whose type names the right path, and, where types
 * are bypassed (`as any`, JavaScript), an error when the composition is defined: the read could never yield a
 * value (KRO would refuse the RGD, direct mode would wait for it until the deadline).
 */
import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { TypeKroError } from '../util/errors.js';
import { formatLocation, lazyUserFrames } from './call-site.js';

/**
 * The type of a field that is not where the original TypeKro put it: reading it gives this type, whose name
 * says where the field is (`symbol & { readonly "use instead": "spec.clusterIP" }` in compiler messages). Using
 * it as text or a value is a type error (a `symbol` in a template literal, and assignable to nothing else).
 *
 * @example
 * import type { UseInstead } from 'typekro';
 * type ClusterIp = UseInstead<'spec.clusterIP'>;
 * const where: ClusterIp extends string ? 'text' : 'not text' = 'not text';
 * where; // => 'not text'
 */
export type UseInstead<TPath extends string> = symbol & { readonly 'use instead': TPath };

/** Each model's misplaced fields (as the original's docs read them) and where they are. */
const MISPLACED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  V1Service: {
    'status.clusterIP': 'spec.clusterIP',
    'status.clusterIPs': 'spec.clusterIPs',
    'status.ports': 'spec.ports',
    'status.externalIPs': 'spec.externalIPs',
    'status.type': 'spec.type',
    'status.loadBalancerIP': 'status.loadBalancer.ingress[0].ip',
  },
  V1Pod: {
    'status.nodeName': 'spec.nodeName',
  },
};

/**
 * A Service as the factories type it: the Kubernetes model, plus the fields the original put in its status,
 * each typed as where it really is.
 *
 * @example
 * import type { ServiceObject } from 'typekro';
 * const object: ServiceObject = { apiVersion: 'v1', kind: 'Service', spec: { clusterIP: '10.0.0.1' } };
 * object.spec?.clusterIP; // => '10.0.0.1'
 */
export type ServiceObject = V1Service & {
  readonly status?: {
    readonly clusterIP?: UseInstead<'spec.clusterIP'>;
    readonly clusterIPs?: UseInstead<'spec.clusterIPs'>;
    readonly ports?: UseInstead<'spec.ports'>;
    readonly externalIPs?: UseInstead<'spec.externalIPs'>;
    readonly type?: UseInstead<'spec.type'>;
    readonly loadBalancerIP?: UseInstead<'status.loadBalancer.ingress[0].ip'>;
  };
};

/**
 * A Pod as the factories type it: the Kubernetes model, with `status.nodeName` typed as where it is.
 *
 * @example
 * import type { PodObject } from 'typekro';
 * const object: PodObject = { apiVersion: 'v1', kind: 'Pod', spec: { nodeName: 'node-1', containers: [] } };
 * object.spec?.nodeName; // => 'node-1'
 */
export type PodObject = V1Pod & { readonly status?: { readonly nodeName?: UseInstead<'spec.nodeName'> } };

/**
 * The refusal of a read of `path` of a `modelName` resource when it is a misplaced field (`undefined` when it
 * is not); `describe` is how the user wrote the read. The reference proxy throws it (refs.ts).
 */
export function misplacedRead(modelName: string | undefined, path: readonly (string | number)[], describe: () => string): TypeKroError | undefined {
  if (modelName === 'V1Secret' && path.length === 1 && path[0] === 'stringData') return stringDataRead(describe());
  if (modelName === undefined || path.length !== 2) return undefined;
  const right = MISPLACED[modelName]?.[path.join('.')];
  if (right === undefined) return undefined;
  const read = describe();
  const root = read.slice(0, read.length - path.join('.').length);
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${read} does not exist: a ${modelName.replace(/^V1/, '')} has no field ${path.join('.')} (the original TypeKro's docs put it there); it is ${right}, so read ${root}${right}`,
  );
}

/**
 * A read of a Secret's `stringData`: write-only, the API server merges it into `data` and never returns it, so
 * the read is never present (KRO stays IN_PROGRESS, direct mode waits until its deadline), although rendering
 * shows the value written.
 */
function stringDataRead(read: string): TypeKroError {
  const first = lazyUserFrames()[Symbol.iterator]().next();
  const at = first.done ? '' : `${formatLocation(first.value)}: `;
  const root = read.slice(0, read.length - 'stringData'.length);
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${at}${read} is never present: a Secret's stringData is write-only (the API server merges it into data and never returns it), so the read would never resolve\n  hint: read the value you put there (the spec field or expression), or ${root}data.KEY, which is its base64 text`,
  );
}
