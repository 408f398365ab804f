/** Existing YAML manifests as resources of a composition. */
export { yamlFile, yamlDirectory, YamlManifestError } from './manifests.js';
export type { YamlFileConfig, YamlDirectoryConfig, YamlManifestOptions, YamlManifests } from './manifests.js';
