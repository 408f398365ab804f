export { AlwaysPresentFieldError, refuseAlwaysPresent } from './always-present.js';
export { arktypeToSchema, type ArktypeToSchemaOptions, type ArkTypeLike } from './arktype.js';
export { hasImpliedDefault, isFieldOptional, kroRequired, schemaToCelType } from './cel-type.js';
export { applyDefaults, defaultsOf } from './defaults.js';
export { SchemaError } from './errors.js';
export { formatMarkers, quoteMarker } from './markers.js';
export { toRe2 } from './pattern.js';
export { schemaToSimpleSchema, typeName, type SimpleSchema, type SimpleSchemaField, type SimpleSchemaMap } from './simple-schema.js';
export { fieldPath, validateWithSchema, type CompositionSchema, type SchemaCheck, type SchemaInput, type SchemaOutput } from './standard.js';
