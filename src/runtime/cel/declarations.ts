/**
 * The instance's schema as static CEL types, as KRO declares `schema` when it checks an RGD: `schema.spec.name`
 * is a `string`, so `includeWhen: ${schema.spec.name}` is refused before anything is applied (KRO refuses the
 * RGD), not when it is first evaluated. Resources and loop items stay `dyn`: their types come from the cluster.
 */
import type { SchemaNode } from '../../ir/schema.js';
import type { CelDeclarations } from './types.js';

/**
 * @example
 * ```ts
 * specDeclarations(app.graph.spec);
 * // => { structs: { Schema: { spec: 'Spec', metadata: 'dyn' }, Spec: { name: 'string', replicas: 'int' } }, variables: { schema: 'Schema' } }
 * ```
 */
export function specDeclarations(spec: SchemaNode): CelDeclarations {
  const structs: Record<string, Record<string, string>> = {};
  const spelled = typeName(spec, 'Spec', structs);
  structs['Schema'] = { spec: spelled, metadata: 'dyn' };
  return { structs, variables: { schema: 'Schema' } };
}

/** The CEL type of `node`, declaring a struct type named `name` (and its nested ones) in `structs`. */
function typeName(node: SchemaNode, name: string, structs: Record<string, Record<string, string>>): string {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'integer':
      return 'int';
    case 'float':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'array':
      return `list<${typeName(node.items, `${name}_item`, structs)}>`;
    case 'map':
      return `map<string, ${typeName(node.values, `${name}_value`, structs)}>`;
    case 'struct': {
      const fields: Record<string, string> = {};
      for (const [field, child] of Object.entries(node.fields)) fields[field] = typeName(child, `${name}_${field}`, structs);
      structs[name] = fields;
      return name;
    }
    case 'object':
      return 'dyn';
  }
}
