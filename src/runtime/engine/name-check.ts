/**
 * Object names checked before they reach the API server, in both modes and offline rendering. A name
 * computed from the spec (`${spec.name}-${spec.suffix}`) can break the kind's rule (util/object-names.ts);
 * the API server would refuse that object only when its turn came, after the objects before it were
 * applied, and with a confusing message: the client library lowercases the request path
 * (@kubernetes/client-node's `specUriPath`), so "demo-Bad_Suffix" is refused as "does not match the name on
 * the URL (demo-bad_suffix)". The check names the resource, the kind, the computed name, the rule broken
 * and the spec fields the name is computed from.
 */
import { referencedRoots } from '../../ir/expr.js';
import { rewriteExpr, selectPath } from '../../ir/rewrite.js';
import { isExprValue, type Value } from '../../ir/value.js';
import type { ResourceNode } from '../../ir/graph.js';
import { TypeKroError } from '../../util/errors.js';
import type { Remedy } from '../../util/remedy.js';
import { clip, REDACTED } from '../../util/redact.js';
import { describeSyntax, NAMESPACE_SYNTAX, nameProblem, nameSyntaxOf } from '../../util/object-names.js';
import { LABEL_VALUE_RULE, labelValueProblem, QUALIFIED_NAME_RULE, qualifiedNameProblem } from '../../util/label-syntax.js';
import type { PreparedGraph } from './prepared.js';
import type { KubeObject } from './types.js';

/** Options of {@link checkObjectNames}. */
export interface NameCheckOptions {
  /** The message says nothing was applied: the check ran before the first write. */
  readonly nothingApplied?: boolean;
  /** Takes secrets out of a text (the deploy's Redactor). */
  readonly redact?: (text: string) => string;
}

/** Problems listed in the message; the rest are counted. */
const SHOWN = 10;

/**
 * One object name (or namespace) the API server would refuse: an item of `InvalidObjectNameError.problems`.
 *
 * @example
 * import type { ObjectNameProblem } from 'typekro';
 * const problem: ObjectNameProblem = {
 *   resourceId: 'config', kind: 'ConfigMap', field: 'metadata.name', value: 'demo-Bad', problem: 'has uppercase letters ("B")',
 *   rule: 'a DNS-1123 subdomain', specFields: ['spec.suffix'], resourceFields: [],
 * };
 * problem.specFields; // => ['spec.suffix']
 */
export interface ObjectNameProblem {
  readonly resourceId: string;
  readonly kind: string;
  /** The name or namespace, or a label (its key or value) or an annotation key; `key` says which one. */
  readonly field: 'metadata.name' | 'metadata.namespace' | 'metadata.labels' | 'metadata.annotations';
  /** For labels and annotations: the key, and whether the key or the value breaks the rule. */
  readonly key?: string;
  readonly part?: 'key' | 'value';
  /** The computed value, secrets redacted. */
  readonly value: string;
  /** What is wrong with it, and the rule it breaks. */
  readonly problem: string;
  readonly rule: string;
  /** The spec fields the value is computed from (`spec.suffix`), as far as the composition shows. */
  readonly specFields: readonly string[];
  /** Fields of other resources it is computed from (`first.metadata.creationTimestamp`). */
  readonly resourceFields: readonly string[];
}

/**
 * Objects would have names (or namespaces) the API server refuses. Nothing is applied when the names are
 * known from the spec; `problems` says which resource, which value and which rule.
 *
 * @example
 * import { InvalidObjectNameError } from 'typekro';
 * const error = new InvalidObjectNameError('resource "config" (ConfigMap): name "Web" is not a valid ConfigMap name: ...', []);
 * error.code; // => 'SPEC_INVALID'
 */
export class InvalidObjectNameError extends TypeKroError {
  override readonly name: string = 'InvalidObjectNameError';
  constructor(
    message: string,
    /** Each name or namespace that breaks its rule. */
    readonly problems: readonly ObjectNameProblem[],
    remedies: readonly Remedy[] = [],
  ) {
    super('SPEC_INVALID', message, { remedies });
  }
}

/**
 * The names and namespaces among `objects` that break their kind's rule.
 *
 * @example
 * ```ts
 * objectNameProblems(prepared, [{ resourceId: 'config', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo-Bad' } } }]);
 * // => [{ resourceId: 'config', kind: 'ConfigMap', field: 'metadata.name', value: 'demo-Bad', problem: 'has uppercase letters ("B")', ... }]
 * ```
 */
export function objectNameProblems(prepared: PreparedGraph, objects: readonly { readonly resourceId: string; readonly manifest: KubeObject }[], redact: (text: string) => string = (text) => text): ObjectNameProblem[] {
  const problems: ObjectNameProblem[] = [];
  for (const { resourceId, manifest } of objects) {
    const kind = String(manifest.kind ?? '');
    const { name, namespace } = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const checks = [
      { field: 'metadata.name' as const, value: name, syntax: nameSyntaxOf(String(manifest.apiVersion ?? ''), kind) },
      { field: 'metadata.namespace' as const, value: namespace, syntax: NAMESPACE_SYNTAX },
    ];
    for (const { field, value, syntax } of checks) {
      // An absent namespace is defaulted later; a name that is not a string is the schema's to refuse.
      if (typeof value !== 'string' || (field === 'metadata.namespace' && value === '')) continue;
      if (nameProblem(value, syntax) === undefined) continue;
      const shown = redact(value);
      const problem = nameProblem(value, syntax, { quote: !shown.includes(REDACTED) })!;
      const { specFields, resourceFields } = sourcesOf(prepared, prepared.resource(resourceId), [field === 'metadata.name' ? 'name' : 'namespace']);
      problems.push({ resourceId, kind, field, value: shown, problem, rule: describeSyntax(syntax), specFields, resourceFields });
    }
    // The `app: <name>` label of a refused name is the same value: one problem, one fix.
    const nameRefused = problems.some((p) => p.resourceId === resourceId && p.field === 'metadata.name');
    problems.push(...labelProblems(prepared, resourceId, manifest, redact).filter((p) => !(nameRefused && p.part === 'value' && p.value === redact(String(name)))));
  }
  return problems;
}

/** Label keys and values, and annotation keys, that break Kubernetes' rules (one rule each). */
function labelProblems(prepared: PreparedGraph, resourceId: string, manifest: KubeObject, redact: (text: string) => string): ObjectNameProblem[] {
  const kind = String(manifest.kind ?? '');
  const metadata = (manifest.metadata ?? {}) as { labels?: unknown; annotations?: unknown };
  const problems: ObjectNameProblem[] = [];
  for (const field of ['labels', 'annotations'] as const) {
    const entries = metadata[field];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      const checks = [
        { part: 'key' as const, text: key, problem: qualifiedNameProblem(key), rule: QUALIFIED_NAME_RULE },
        ...(field === 'labels' && typeof value === 'string' ? [{ part: 'value' as const, text: value, problem: labelValueProblem(value), rule: LABEL_VALUE_RULE }] : []),
      ];
      for (const check of checks) {
        if (check.problem === undefined) continue;
        const { specFields, resourceFields } = sourcesOf(prepared, prepared.resource(resourceId), [field, key]);
        problems.push({ resourceId, kind, field: `metadata.${field}`, key, part: check.part, value: redact(check.text), problem: check.problem, rule: check.rule, specFields, resourceFields });
      }
    }
  }
  return problems;
}

/**
 * Throws an {@link InvalidObjectNameError} naming every name or namespace among `objects` that breaks its
 * kind's rule. `nothingApplied`: the message says nothing was applied (the check ran before the first write).
 * `redact` (the deploy's Redactor) takes secrets out of the names quoted; a name holding one is described
 * without quoting its characters.
 *
 * @example
 * ```ts
 * checkObjectNames(prepared, children, { nothingApplied: true }); // before the first apply of a deploy
 * ```
 */
export function checkObjectNames(prepared: PreparedGraph, objects: readonly { readonly resourceId: string; readonly manifest: KubeObject }[], options: NameCheckOptions = {}): void {
  const problems = objectNameProblems(prepared, objects, options.redact);
  if (problems.length === 0) return;
  const after = options.nothingApplied ? ' Nothing was applied.' : '';
  const remedies = unique(problems.flatMap(remediesOf));
  if (problems.length === 1) throw new InvalidObjectNameError(`${describeProblem(problems[0]!)}${after}`, problems, remedies);
  const shown = problems.slice(0, SHOWN).map((p) => `  - ${describeProblem(p)}`);
  const more = problems.length > SHOWN ? [`  - and ${problems.length - SHOWN} more`] : [];
  throw new InvalidObjectNameError(`${problems.length} objects would have names the API server refuses:${after}\n${[...shown, ...more].join('\n')}`, problems, remedies);
}

function describeProblem(p: ObjectNameProblem): string {
  const what = p.field === 'metadata.labels' ? 'label' : 'annotation';
  const subject =
    p.field === 'metadata.name' ? `name "${clip(p.value, 80)}" is not a valid ${p.kind} name`
    : p.field === 'metadata.namespace' ? `namespace "${clip(p.value, 80)}" is not a valid namespace name`
    : p.part === 'value' ? `the value "${clip(p.value, 80)}" of label "${clip(p.key ?? '', 80)}" is not a valid label value`
    : `${what} key "${clip(p.value, 80)}" is not a valid ${what} key`;
  // A name that is only too long needs no spelling rule.
  const rule = /^has \d+ characters \(at most \d+\)$/.test(p.problem) ? '' : ` (${p.rule})`;
  const sources = [...p.specFields, ...p.resourceFields];
  const origin = sources.length > 0 ? `It is computed from ${sources.join(', ')}.` : 'It is set in the composition.';
  return `resource "${p.resourceId}" (${p.kind}): ${subject}: it ${p.problem}${rule}. ${origin}`;
}

/** The ways to a valid name, as data (util/remedy.ts): each client says them in its own terms. */
function remediesOf(p: ObjectNameProblem): Remedy[] {
  const purpose = p.field === 'metadata.name' ? 'make the name valid' : p.field === 'metadata.namespace' ? 'make the namespace valid' : `make the ${p.field === 'metadata.labels' ? 'label' : 'annotation'} ${p.part ?? 'key'} valid`;
  const remedies: Remedy[] = p.specFields.map((field) => ({ purpose, action: 'spec-value', field }));
  if (p.specFields.length + p.resourceFields.length === 0) remedies.push({ purpose, action: 'edit-composition', change: 'change it' });
  else if (p.resourceFields.length > 0) remedies.push({ purpose, action: 'edit-composition', change: 'compute it differently' });
  if (/uppercase/.test(p.problem)) remedies.push({ purpose, action: 'edit-composition', change: 'lowercase it with .toLowerCase()' });
  return remedies;
}

function unique(remedies: readonly Remedy[]): Remedy[] {
  const seen = new Set<string>();
  return remedies.filter((remedy) => {
    const key = JSON.stringify(remedy);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The spec and resource fields `metadata.<path>` of the resource's template reads, iterators' sources included. */
function sourcesOf(prepared: PreparedGraph, resource: ResourceNode, path: readonly string[]): { specFields: string[]; resourceFields: string[] } {
  let value: Value | undefined = (resource.template as { metadata?: Value } | undefined)?.metadata;
  for (const segment of path) value = typeof value === 'object' && value !== null && !Array.isArray(value) && !isExprValue(value) ? (value as Record<string, Value>)[segment] : undefined;
  if (!isExprValue(value)) return { specFields: [], resourceFields: [] };
  const exprs = [value.expr];
  const roots = referencedRoots(value.expr);
  for (const dimension of resource.forEach) if (roots.includes(dimension.name)) exprs.push(dimension.source);
  const ids = new Set(prepared.order);
  const specFields = new Set<string>();
  const resourceFields = new Set<string>();
  for (const expr of exprs) {
    rewriteExpr(
      expr,
      (node) => node,
      (node) => {
        if (node.kind !== 'select') return undefined;
        const spec = selectPath(node, 'schema');
        if (spec && spec.path[0] === 'spec' && spec.path.length > 1) {
          specFields.add(spec.path.join('.'));
          return node;
        }
        for (const root of referencedRoots(node)) {
          const chain = ids.has(root) ? selectPath(node, root) : undefined;
          if (chain) {
            resourceFields.add([root, ...chain.path].join('.'));
            return node;
          }
        }
        return undefined;
      },
    );
  }
  return { specFields: [...specFields], resourceFields: [...resourceFields] };
}
