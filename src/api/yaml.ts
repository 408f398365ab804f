/**
 * The project's one YAML writer (compile/rgd/yaml.ts) for the API's clients: the CLI's `-o yaml` is laid out
 * and quoted as the manifests and RGDs TypeKro renders (YAML 1.1 quoting, no folding, no anchors).
 */
export { toYaml, toYamlDocuments } from '../compile/rgd/index.js';
