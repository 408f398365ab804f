/**
 * What CEL written by hand (`Cel.expr('...')`, an Expr of kind `raw`, which TypeKro does not parse) reads from
 * the instance: each `schema` in the text, followed by the literal steps after it (`.field`, `.?field`,
 * `["key"]`). The one reader of such text: the definition's checks of instance metadata reads
 * (composition/instance-metadata-reads.ts), which expressions read only the spec (runtime/engine/spec-only.ts)
 * and whether a label-only redeploy needs KRO to reconcile (runtime/kro/relabel.ts) all ask it.
 */

const STEP = /^\s*(?:\.\s*\??\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*\??\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])/;

/**
 * The literal path read after each `schema` of `cel`, at most `depth` steps long: `[]` for `schema` read whole
 * (or followed by a step computed at run time), `['metadata', 'labels']` for `schema.metadata.labels[k]`.
 *
 * @example
 * ```ts
 * schemaPathsInText('schema.metadata.?labels["team"] + schema.spec.name', 3); // [['metadata', 'labels', 'team'], ['spec', 'name']]
 * ```
 */
export function schemaPathsInText(cel: string, depth: number): string[][] {
  const paths: string[][] = [];
  for (const match of cel.matchAll(/\bschema\b/g)) {
    let rest = cel.slice(match.index + match[0].length);
    const path: string[] = [];
    for (let step = STEP.exec(rest); step && path.length < depth; step = STEP.exec(rest)) {
      path.push(step[1] ?? step[2] ?? step[3] ?? '');
      rest = rest.slice(step[0].length);
    }
    paths.push(path);
  }
  return paths;
}

/**
 * True when a path from `schema` reads the instance's labels or annotations: through their map, or through
 * `schema.metadata` or `schema` read whole.
 *
 * @example
 * ```ts
 * readsInstanceMetadataMaps(['metadata', 'labels', 'team']); // true
 * readsInstanceMetadataMaps(['metadata', 'name']); // false
 * ```
 */
export function readsInstanceMetadataMaps(path: readonly string[]): boolean {
  if (path.length === 0) return true;
  if (path[0] !== 'metadata') return false;
  return path.length === 1 || path[1] === 'labels' || path[1] === 'annotations';
}
