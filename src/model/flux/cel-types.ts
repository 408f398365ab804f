/**
 * Compiler types of the Flux objects, so expressions over them compile like those over built-in kinds
 * (`release.status.history.length` is a list size, a misspelled status field is an error). Specs stay
 * open: values are free-form.
 */
import { T, type CelType, type FieldType } from '../../ir/types.js';
import { modelType, registerModelType } from '../kube-types.js';

const opt = (type: CelType): FieldType => ({ type, optional: true });
const object = (fields: Record<string, CelType>, open = false): CelType => T.object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, opt(v)])), open);

const condition = object({ type: T.string, status: T.string, reason: T.string, message: T.string, lastTransitionTime: T.string, observedGeneration: T.int });
const artifact = object({ path: T.string, url: T.string, revision: T.string, digest: T.string, lastUpdateTime: T.string, size: T.int });
const snapshot = object({
  name: T.string, namespace: T.string, version: T.int, chartName: T.string, chartVersion: T.string, appVersion: T.string,
  status: T.string, digest: T.string, configDigest: T.string, firstDeployed: T.string, lastDeployed: T.string,
});

function fluxObject(status: Record<string, CelType>): () => CelType {
  return () => object({
    apiVersion: T.string,
    kind: T.string,
    metadata: modelType('V1ObjectMeta') ?? T.dyn,
    spec: object({}, true),
    status: object({ observedGeneration: T.int, conditions: T.list(condition), ...status }),
  });
}

export const HELM_REPOSITORY_MODEL = 'FluxHelmRepository';
export const HELM_RELEASE_MODEL = 'FluxHelmRelease';

registerModelType(HELM_REPOSITORY_MODEL, fluxObject({ url: T.string, artifact }));
registerModelType(HELM_RELEASE_MODEL, fluxObject({
  helmChart: T.string, storageNamespace: T.string, history: T.list(snapshot), lastAttemptedRevision: T.string,
  lastAttemptedValuesChecksum: T.string, lastAttemptedConfigDigest: T.string, failures: T.int, installFailures: T.int, upgradeFailures: T.int,
}));
