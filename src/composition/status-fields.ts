/**
 * The returned status against the declared status schema: a declared (required) field the composition does
 * not return is never set (KRO leaves it out for ever, while the type promises it), and a returned field the
 * schema does not declare has no place in the instance's CRD. Both fail the definition, at the `return`.
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import type { SchemaNode } from '../ir/schema.js';
import { isExprValue } from '../ir/value.js';
import { refOf } from '../model/refs.js';
import { TypeKroError } from '../util/errors.js';

/**
 * Fails when `returned` (what the composition function returned) sets a field `schema` does not declare,
 * or leaves out one it requires; `at` is the returned expression, for the message's location.
 *
 * @example
 * ```ts
 * checkStatusFields('app', { ready: true, extra: 1 }, statusSchema, returnNode); // throws: `extra` is not declared
 * ```
 */
export function checkStatusFields(composition: string, returned: Record<string, unknown>, schema: SchemaNode | undefined, at: Node | undefined): void {
  const problem = firstProblem(returned, schema, []);
  if (!problem) return;
  const field = `\`${problem.path.join('.')}\``;
  const [why, hint] =
    problem.kind === 'undeclared'
      ? [
          `composition "${composition}": the returned status sets ${field}, which the status schema does not declare: the instance's CRD has no such field, so KRO cannot write it`,
          `declare it in the status schema (e.g. \`${problem.path.at(-1)}: 'string'\`), or remove it from the returned status`,
        ]
      : [
          `composition "${composition}": the status schema declares ${field}, but the returned status does not set it: it would never be set, while its type says it is always there`,
          `return it (\`${problem.path.at(-1)}: <value>\`), or make it optional in the status schema (\`'${problem.path.at(-1)}?': ...\`)`,
        ];
  if (at) throw syntaxError(at, why, hint);
  throw new TypeKroError('DEFINITION_INVALID', `${why}\n  hint: ${hint}`);
}

type Problem = { kind: 'undeclared' | 'missing'; path: string[] };

function firstProblem(value: Record<string, unknown>, schema: SchemaNode | undefined, path: string[]): Problem | undefined {
  // A map (`Record<string, T>`) or schemaless object admits any key.
  if (schema && schema.kind !== 'struct') return undefined;
  const fields = schema?.fields ?? {};
  for (const key of Object.keys(value)) {
    const field = fields[key];
    if (!field) return { kind: 'undeclared', path: [...path, key] };
    const inner = value[key];
    if (field.kind === 'struct' && isPlainObject(inner)) {
      const problem = firstProblem(inner, field, [...path, key]);
      if (problem) return problem;
    }
  }
  const missing = schema?.required.find((name) => !Object.hasOwn(value, name));
  return missing === undefined ? undefined : { kind: 'missing', path: [...path, missing] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !refOf(value) && !isExprValue(value);
}
