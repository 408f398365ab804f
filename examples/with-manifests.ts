import type { V1ConfigMap } from '@kubernetes/client-node';
import { type } from 'arktype';
import { kubernetesComposition, yamlDirectory } from 'typekro';
import { Deployment } from 'typekro/simple';

// Existing YAML manifests as part of a composition: read when the composition is defined (paths relative
// to this file), deployed in order with the resources that read them, deleted with the instance.
const withManifests = kubernetesComposition(
  {
    name: 'with-manifests',
    apiVersion: 'example.com/v1',
    kind: 'WithManifests',
    spec: type({ image: 'string', replicas: 'number.integer = 1' }),
    status: type({ logLevel: 'string', queue: 'string', ready: 'boolean' }),
  },
  (spec) => {
    const manifests = yamlDirectory('./manifests/worker');
    const settings = manifests.resource<V1ConfigMap>('ConfigMap', 'worker-settings');
    const worker = Deployment({
      name: 'worker',
      image: spec.image,
      replicas: spec.replicas,
      env: { LOG_LEVEL: settings.data.logLevel ?? 'info', QUEUE: settings.data.queue ?? 'default' },
    }).dependsOn(manifests);
    return {
      logLevel: settings.data.logLevel ?? 'info',
      queue: settings.data.queue ?? 'default',
      ready: worker.status.readyReplicas >= spec.replicas,
    };
  },
);

export default withManifests;
