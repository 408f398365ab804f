export { compileInstance, compileRgd, type InstanceOptions, type JsonObject } from './compile.js';
export { kindsDefinedInGraph } from './crd-kinds.js';
export { dependenciesOf, dependencyOrder } from './deps.js';
export {
  CompositionError,
  CrdInSameGraphError,
  DependencyCycleError,
  DuplicateResourceIdError,
  ForEachError,
  InvalidDefinitionError,
  InvalidResourceError,
  InvalidResourceIdError,
  InvalidResourceNameError,
  InvalidStatusError,
  InvalidCelError,
  MissingNameError,
  ReadyWhenReferenceError,
  ReservedResourceIdError,
  UnknownReferenceError,
} from './errors.js';
export { nameIterators } from './iterators.js';
export { RESERVED_WORDS } from './names.js';
export { validateForKro, validateGraph, validatedGraph } from './validate.js';
export { clusterNamespaceProblem, metadataField } from './validate-resource.js';
export { constantStatus, renderStatus, renderTemplate, type Json } from './values.js';
export { toYaml, toYamlDocuments } from './yaml.js';
