export { arktypeToSchema } from './arktype.js';
export { hasImpliedDefault, schemaToCelType } from './cel-type.js';
export { applyDefaults, defaultsOf } from './defaults.js';
export { SchemaError } from './errors.js';
export { fieldPath, validateWithSchema, type CompositionSchema, type SchemaInput, type SchemaOutput } from './standard.js';
