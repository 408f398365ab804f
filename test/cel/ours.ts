/**
 * Our engine's answer to a vector, through the interface the runtime uses: `createCelEngine()` compile
 * (declared variables only, like KRO) and evaluate, `specToCel` for schema-typed variables, `jsonToCel`'s
 * rule for plain JSON, `celToNative` for the result. Values JSON cannot carry are built by the engine
 * itself from CEL text (`uint(s)`, `base64.decode(s)`, ...), so this file knows nothing of its internals.
 */
import type { SchemaNode } from '../../src/ir/schema.js';
import { CelCompileError, celToNative, CelOutputError, celTypeName, type CelEngine, OMIT, openApiToCel, specToCel } from '../../src/runtime/cel/index.js';
import type { Answer, OpenApiSchema, TaggedJson, Vector } from './vectors.js';

export function answerWithEngine(engine: CelEngine, vector: Vector): Answer {
  const { id } = vector;
  const names = [...new Set([...Object.keys(vector.vars ?? {}), ...Object.keys(vector.types ?? {}), ...Object.keys(vector.schemas ?? {})])];
  let program;
  try {
    program = engine.compile(vector.expr, { variables: names });
  } catch (error) {
    if (!(error instanceof CelCompileError)) throw error;
    return { id, class: 'error', stage: 'compile', error: error.reason };
  }
  const variables: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(vector.vars ?? {})) {
    variables[name] = input(engine, name, json, vector.schemas?.[name]);
  }
  const result = engine.evaluate(program, variables);
  if (result.kind === 'pending') return { id, class: 'pending', stage: 'eval', error: result.reason };
  if (result.kind === 'error') return { id, class: 'error', stage: 'eval', error: result.message };
  const type = celTypeName(result.value);
  try {
    return { id, class: 'value', type, value: toTagged(celToNative(result.value)) };
  } catch (error) {
    if (!(error instanceof CelOutputError)) throw error;
    return { id, class: 'error', type, stage: 'convert', error: error.message };
  }
}

/**
 * A variable's CEL value. The instance (`schema`) goes through `specToCel` with the composition's schema
 * IR, exactly as the direct runtime builds it; other schema-typed variables through `openApiToCel`, the
 * conversion KRO applies to observed objects; the rest as plain JSON.
 */
function input(engine: CelEngine, name: string, json: TaggedJson, schema: OpenApiSchema | undefined): unknown {
  if (!schema) return fromTagged(engine, json);
  return name === 'schema' ? specToCel(schemaNode(schema), json) : openApiToCel(schema, json);
}

/** Tagged JSON → CEL value. Plain numbers follow the runtime's rule for API-server data (whole → int). */
export function fromTagged(engine: CelEngine, json: TaggedJson): unknown {
  if (json === null || typeof json === 'string' || typeof json === 'boolean') return json;
  if (typeof json === 'number') return Number.isInteger(json) ? BigInt(json) : json;
  if (Array.isArray(json)) return json.map((item) => fromTagged(engine, item));
  const keys = Object.keys(json);
  const tag = keys.length === 1 && keys[0]!.startsWith('$') ? keys[0]! : undefined;
  const body = tag ? json[tag]! : null;
  switch (tag) {
    case undefined:
      return Object.fromEntries(keys.map((k) => [k, fromTagged(engine, json[k]!)]));
    case '$int':
      return BigInt(body as string);
    case '$double':
      return typeof body === 'number' ? body : { NaN: Number.NaN, '+Inf': Infinity, '-Inf': -Infinity }[body as string];
    case '$uint':
      return build(engine, 'uint(s)', { s: body });
    case '$bytes':
      return build(engine, 'base64.decode(s)', { s: body });
    case '$timestamp':
      return build(engine, 'timestamp(s)', { s: body });
    case '$duration':
      return build(engine, 'duration(s)', { s: body });
    case '$optional':
      return (body as TaggedJson[]).length === 0
        ? build(engine, 'optional.none()', {})
        : build(engine, 'optional.of(v)', { v: fromTagged(engine, (body as TaggedJson[])[0]!) });
    case '$map': {
      const entries = body as [TaggedJson, TaggedJson][];
      const vars: Record<string, unknown> = {};
      entries.forEach(([k, v], i) => {
        vars[`k${i}`] = fromTagged(engine, k);
        vars[`v${i}`] = fromTagged(engine, v);
      });
      return build(engine, `{${entries.map((_e, i) => `k${i}: v${i}`).join(', ')}}`, vars);
    }
  }
  throw new Error(`unknown value tag ${tag}`);
}

function build(engine: CelEngine, source: string, vars: Record<string, unknown>): unknown {
  const result = engine.evaluate(engine.compile(source, { variables: Object.keys(vars) }), vars);
  if (result.kind !== 'value') throw new Error(`cannot build ${source} from ${JSON.stringify(vars)}: ${JSON.stringify(result)}`);
  return result.value;
}

/** A Go-native-form value (see `celToNative`) as tagged JSON, exactly as the oracle writes it. */
export function toTagged(value: unknown): TaggedJson {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value > -(2n ** 53n) && value < 2n ** 53n ? Number(value) : { $int: value.toString() };
  if (typeof value === 'number') return { $double: Number.isNaN(value) ? 'NaN' : value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : value };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value === OMIT) return { $omit: true };
  if (Array.isArray(value)) return value.map((item: unknown) => toTagged(item));
  if (celTypeName(value) === 'uint') return { $uint: String((value as { value: bigint }).value) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toTagged(v)] as const);
    if (entries.length === 1 && entries[0]![0].startsWith('$')) return { $map: [[entries[0]![0], entries[0]![1]]] };
    return Object.fromEntries(entries);
  }
  throw new Error(`no tagged form for ${String(value)}`);
}

/** The OpenAPI schemas of the vectors as the runtime's schema IR (what `specToCel` reads). */
export function schemaNode(schema: OpenApiSchema): SchemaNode {
  const markers = {};
  switch (schema.type) {
    case 'integer':
      return { kind: 'integer', markers };
    case 'number':
      return { kind: 'float', markers };
    case 'string':
      return { kind: 'string', markers };
    case 'boolean':
      return { kind: 'boolean', markers };
    case 'array':
      return { kind: 'array', items: schema.items ? schemaNode(schema.items) : { kind: 'object', markers }, markers };
    case 'object':
      if (schema.properties) {
        const fields = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, schemaNode(v)]));
        return { kind: 'struct', fields, required: schema.required ?? [], markers };
      }
      if (typeof schema.additionalProperties === 'object') return { kind: 'map', values: schemaNode(schema.additionalProperties), markers };
      return { kind: 'object', markers };
  }
  return { kind: 'object', markers };
}
