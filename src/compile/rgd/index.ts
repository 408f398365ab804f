export { compileInstance, compileRgd } from './compile.js';
export { kindsDefinedInGraph } from './crd-kinds.js';
export { dependenciesOf, dependencyOrder } from './deps.js';
export { InvalidResourceError } from './errors.js';
export { nameIterators } from './iterators.js';
export { nameMacroVariables } from './macro-variables.js';
export { validatedGraph } from './validate.js';
export { clusterNamespaceProblem, metadataField } from './validate-resource.js';
export { toYaml, toYamlDocuments } from './yaml.js';
