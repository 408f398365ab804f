/**
 * Simple factories: the common resources in a few fields.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment, Service } from 'typekro/simple';
 * const web = kubernetesComposition(
 *   { name: 'web', apiVersion: 'example.com/v1', kind: 'Web', spec: type({ replicas: 'number.integer' }), status: type({ host: 'string' }) },
 *   (spec) => {
 *     Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     const svc = Service({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] });
 *     return { host: `${svc.metadata.name}.${svc.metadata.namespace}` };
 *   },
 * );
 * web.graph.resources.length; // => 2
 */
export * from './model/simple/index.js';
export { YamlFile } from './model/yaml/simple.js';
