/**
 * The string bounds and patterns of a spec, checked as the instance CRD checks them, in both modes: lengths
 * in characters (code points, as Go counts runes) and patterns with RE2's meaning (`util/re2.ts`). arktype
 * counts UTF-16 units and runs JavaScript regexes, so on those fields its verdict is replaced by this one:
 * what `deploy` accepts in direct mode is what the API server accepts in kro mode (`'😀😀'` is 2 characters
 * long in both).
 */
import type { OpenApiSchema } from '../ir/openapi.js';
import type { SchemaNode } from '../ir/schema.js';
import { ruleProblems } from '../model/crd-rules.js';
import { fieldPath } from '../model/schema/index.js';

/** The fields whose string rules were checked here (their arktype problems are replaced) and what failed. */
export interface StringRuleCheck {
  /** Each field path whose verdict this check gives, with the problems it found there. */
  readonly fields: ReadonlyMap<string, { readonly problems: readonly string[]; readonly described: boolean }>;
}

/**
 * Walks the spec along its schema and checks every string value whose field has a length bound or a pattern.
 *
 * @example
 * ```ts
 * const schema: SchemaNode = { kind: 'struct', required: [], markers: {}, fields: { code: { kind: 'string', markers: { maxLength: 2 } } } };
 * checkSpecStrings(schema, { code: '😀😀' }).fields.get('spec.code')?.problems; // => [] (2 characters)
 * ```
 */
export function checkSpecStrings(schema: SchemaNode, spec: unknown): StringRuleCheck {
  const fields = new Map<string, { problems: readonly string[]; described: boolean }>();
  visit(schema, spec, [], fields);
  return { fields };
}

/** The string the API server gets: JSON's lone surrogates become U+FFFD when Go decodes them. */
function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function visit(node: SchemaNode, value: unknown, keys: readonly (string | number)[], out: Map<string, { problems: readonly string[]; described: boolean }>): void {
  if (node.kind === 'string') {
    const { minLength, maxLength, pattern } = node.markers;
    if (typeof value !== 'string' || node.markers.enum !== undefined) return;
    if (minLength === undefined && maxLength === undefined && pattern === undefined) return;
    const path = fieldPath('spec', keys);
    const rules: OpenApiSchema = { type: 'string', ...(minLength !== undefined ? { minLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}), ...(pattern !== undefined ? { pattern } : {}) };
    // A described pattern (an arktype keyword like string.uuid, or .describe()) keeps arktype's words when both refuse.
    const described = node.markers.description !== undefined && minLength === undefined && maxLength === undefined;
    out.set(path, { problems: ruleProblems(rules, wellFormed(value), path, () => []), described });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (node.kind === 'array' && Array.isArray(value)) value.forEach((item, index) => visit(node.items, item, [...keys, index], out));
  else if (node.kind === 'map' && !Array.isArray(value)) for (const [key, item] of Object.entries(value)) visit(node.values, item, [...keys, key], out);
  else if (node.kind === 'struct' && !Array.isArray(value)) {
    for (const [key, field] of Object.entries(node.fields)) if (key in value) visit(field, (value as Record<string, unknown>)[key], [...keys, key], out);
  }
}

/**
 * arktype's problems with those of string fields replaced by {@link checkSpecStrings}' verdict: dropped where
 * the CRD's rules accept the value, reworded in characters and RE2 where they refuse it (arktype's own words
 * kept only for a described pattern both refuse).
 */
export function withStringVerdicts(arktypeProblems: readonly string[], check: StringRuleCheck): string[] {
  const at = (problem: string): string | undefined => [...check.fields.keys()].find((path) => problem.startsWith(`${path} `) || problem.startsWith(`${path}: `));
  const kept = arktypeProblems.filter((problem) => {
    const path = at(problem);
    if (path === undefined) return true;
    const verdict = check.fields.get(path)!;
    return verdict.described && verdict.problems.length > 0;
  });
  const ours = [...check.fields.entries()].flatMap(([path, verdict]) => (verdict.described && kept.some((problem) => at(problem) === path) ? [] : verdict.problems));
  return [...kept, ...ours];
}
