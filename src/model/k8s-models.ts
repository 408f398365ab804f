/**
 * Field metadata of the Kubernetes models (`V1Deployment` → its fields, their wire names and types), as
 * `@kubernetes/client-node`'s generated classes record it in `attributeTypeMap`. Read from a table generated
 * from client-node (scripts/gen-k8s-models.mjs), so defining and rendering never load the client itself.
 */
import { K8S_MODELS, K8S_REQUIRED } from './k8s-models.generated.js';

/** One field of a model, with client-node's field names (`attributeTypeMap`). */
export interface ModelAttribute {
  /** The property name in client-node's TypeScript types (`_from`). */
  readonly name: string;
  /** The field name on the wire (`from`). */
  readonly baseName: string;
  /** The field's type text: `string`, `V1PodSpec`, `Array<V1Container>`, `{ [key: string]: string; }`. */
  readonly type: string;
  /** OpenAPI format (`int32`, `byte`, `date-time`...), or `''`. */
  readonly format: string;
}

/**
 * The fields of client-node model `modelName`, or `undefined` when there is no such model.
 *
 * @example modelAttributes('V1NetworkPolicyIngressRule')?.find((a) => a.baseName === 'from')?.name; // '_from'
 */
export function modelAttributes(modelName: string): readonly ModelAttribute[] | undefined {
  const rows = Object.hasOwn(K8S_MODELS, modelName) ? K8S_MODELS[modelName] : undefined;
  return rows?.map(([baseName = '', type = '', format = '', name = baseName]) => ({ name, baseName, type, format }));
}

/**
 * The wire names of the fields client-node's model `modelName` declares required (the API's `required`, which
 * the API server validates), or none.
 *
 * @example modelRequired('V1ServicePort'); // ['port']
 */
export function modelRequired(modelName: string): readonly string[] {
  return (Object.hasOwn(K8S_REQUIRED, modelName) ? K8S_REQUIRED[modelName] : undefined) ?? [];
}
