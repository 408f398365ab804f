/** The original TypeKro's simple YAML factory, `YamlFile(path, namespace?)`, as a `yamlFile` call. */
import { yamlFile, type YamlManifests } from './manifests.js';

/**
 * The objects of one YAML file or `http(s)://` URL, read when the composition is defined (positional form of
 * `yamlFile`; relative paths are relative to the calling file).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { YamlFile } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => {
 *     YamlFile('./manifests/base.yaml', 'platform');
 *     return { name: spec.name };
 *   },
 * );
 * app.graph.resources.map((r) => r.id); // => ['baseConfigMapSettings']
 * ```
 */
export function YamlFile(path: string, namespace?: string): YamlManifests {
  return yamlFile({ path, ...(namespace !== undefined ? { namespace } : {}) });
}
