/**
 * `additionalPrinterColumns`, checked when the composition is defined: the API server would reject a bad
 * column only when KRO creates the CRD (and the RGD would then never become active), and a column naming a
 * field the instance does not have would just stay empty. Errors name the column and say what to write.
 */
import { CompositionError } from '../compile/rgd/errors.js';
import type { PrinterColumn } from '../ir/graph.js';
import { schemaAt, type SchemaNode } from '../ir/schema.js';

const TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean', 'date']);
/** Status fields KRO writes on every instance. */
const KRO_STATUS: ReadonlySet<string> = new Set(['state', 'conditions']);
/** `.a.b`, `.a['b.c']`, `.a[0]`: the simple JSONPath CRD columns take. */
const JSON_PATH = /^(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:\d+|'[^']+'|"[^"]+")\])+$/;

/**
 * The columns, validated against the spec and status schemas, in their given order.
 *
 * @example
 * ```ts
 * checkPrinterColumns('app', [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }], spec, status);
 * ```
 * @throws CompositionError naming the column and the problem.
 */
export function checkPrinterColumns(composition: string, columns: readonly PrinterColumn[], spec: SchemaNode, status: SchemaNode | undefined): PrinterColumn[] {
  const seen = new Set<string>();
  return columns.map((column, i) => {
    const where = `composition "${composition}": additionalPrinterColumns[${i}]${typeof column?.name === 'string' && column.name ? ` ("${column.name}")` : ''}`;
    const fail = (problem: string): never => {
      throw new CompositionError(`${where}: ${problem}`);
    };
    if (typeof column?.name !== 'string' || column.name.trim() === '') fail('name must be a non-empty string');
    if (seen.has(column.name)) fail('another column has the same name');
    seen.add(column.name);
    if (!TYPES.has(column.type)) fail(`type must be one of ${[...TYPES].join(', ')} (was ${JSON.stringify(column.type)})`);
    if (column.priority !== undefined && (!Number.isInteger(column.priority) || column.priority < 0)) fail('priority must be a whole number >= 0');
    if (typeof column.jsonPath !== 'string' || !JSON_PATH.test(column.jsonPath)) {
      fail(`jsonPath must be a simple JSONPath such as ".spec.replicas" or ".status.url" (was ${JSON.stringify(column.jsonPath)})`);
    }
    const path = fieldPath(column.jsonPath);
    const [root, ...rest] = path;
    if (root === 'spec') {
      if (!hasPath(spec, rest)) fail(`${column.jsonPath} is not a field of the spec schema`);
    } else if (root === 'status') {
      const kroField = rest.length > 0 && KRO_STATUS.has(rest[0]!);
      if (!kroField && rest.length > 0 && (!status || !hasPath(status, rest))) fail(`${column.jsonPath} is not a field of the status schema (KRO also writes .status.state and .status.conditions)`);
    } else if (root !== 'metadata') {
      fail(`jsonPath must start with .spec, .status or .metadata (was ${JSON.stringify(column.jsonPath)})`);
    }
    return Object.freeze({ ...column });
  });
}

/** Whether `path` can exist under `schema` (anything under a schemaless `object` can). */
function hasPath(schema: SchemaNode, path: readonly string[]): boolean {
  for (let i = 0; i <= path.length; i++) {
    const node = schemaAt(schema, path.slice(0, i));
    if (!node) return false;
    if (node.kind === 'object') return true;
  }
  return true;
}

/** `.a['b.c'][0]` → ['a', 'b.c', '0']. */
function fieldPath(jsonPath: string): string[] {
  return [...jsonPath.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}
