/**
 * The composition the kro graph-change tests redeploy in revisions (kro-graph-change, kro-graph-abort): many
 * objects, so that KRO takes a while to reconcile them with a new graph (the window in which it reported the
 * previous one), and `version` in the status and the ConfigMap's data saying which revision KRO computed with.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Service } from '../../src/simple.js';

/** The API of a test: its own name, group and kind, one spec and status shape for every revision. */
export function graphApi(name: string, apiVersion: string, kind: string) {
  return { name, apiVersion, kind, spec: type({ name: 'string', items: 'string[]' }), status: type({ version: 'string' }) };
}

/** Revision `version` of the composition; `brokenService` gives the Service two unnamed ports, which the API server refuses. */
export function revision(definition: ReturnType<typeof graphApi>, version: string, brokenService: boolean) {
  return kubernetesComposition(definition, (spec) => {
    ConfigMap({ name: `${spec.name}-cm`, data: { version } });
    spec.items.map((item) => ConfigMap({ name: `${spec.name}-${item}`, data: { version } }));
    // Two ports without names: the API server refuses the Service (spec.ports[0].name: Required value).
    Service({ name: `${spec.name}-svc`, selector: { app: spec.name }, ports: brokenService ? [{ port: 80 }, { port: 81 }] : [{ name: 'http', port: 80 }, { name: 'alt', port: 81 }] });
    return { version };
  });
}
