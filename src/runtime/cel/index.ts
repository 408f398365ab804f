/** The direct runtime's CEL layer: one engine interface, KRO's classification and value conversions. */
export { createCelEngine, type CelEngineOptions } from './engine.js';
export { UNSAFE_INTEGER, type IntegerMode } from './library/int-range.js';
export { CelCompileError, type CelDeclarations, type CelEngine, type CelProgram, type CompileOptions, type EvalResult } from './types.js';
export { celToJson, celToNative, CelOutputError, celTypeName, goDuration, impossibleRead, isOptionalNone, jsonToCel, openApiToCel, specToCel, type OpenApiSchema } from './convert.js';
export { standInCel } from './stand-in.js';
export { errorSummary, isPendingError, isPendingMessage } from './classify.js';
export { OMIT } from './library/kro.js';
export { specDeclarations } from './declarations.js';
