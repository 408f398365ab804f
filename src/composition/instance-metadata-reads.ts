/**
 * Reads of the instance's labels and annotations that would differ between the modes, refused when the
 * composition is defined. Both modes have the labels and annotations the deploy gives
 * (util/instance-metadata.ts); kro mode also has KRO's own (`kro.run/…`, `applyset.kubernetes.io/…`,
 * `internal.kro.run/…`), some of which KRO adds only once it applies. So a read of one key the user owns
 * compiles; a read of a KRO key, of a key computed at deploy time, or of the whole map (its keys, its size,
 * iterating it, the map as a value, or `instance.metadata` / the instance as a whole) is refused.
 */
import type { Node } from '@babel/types';
import { walk } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { CompositionError } from '../compile/rgd/errors.js';
import { exprChildren, type Expr } from '../ir/expr.js';
import type { CompositionGraph } from '../ir/graph.js';
import { exprLeaves, exprsOf } from '../ir/value.js';
import { schemaPathsInText } from '../ir/schema-text-reads.js';
import { deployOwnedAnnotation, isKroInstanceKey, KRO_INSTANCE_DOMAINS } from '../util/instance-metadata.js';

/** Why a read is refused, and the property name the source spells it with (to point at it). */
interface Problem {
  readonly why: string;
  readonly hint: string;
  readonly spelled: string;
  /** For CEL written by hand: where (`Cel.expr`'s file:line:col). */
  readonly at?: string;
}

type MapName = 'labels' | 'annotations';

const KRO_ADDS: Record<MapName, string> = {
  labels: 'kro.run/owned, kro.run/kro-version, kro.run/resource-graph-definition-id, kro.run/resource-graph-definition-name, applyset.kubernetes.io/id',
  annotations: 'applyset.kubernetes.io/tooling, applyset.kubernetes.io/contains-group-kinds, applyset.kubernetes.io/additional-namespaces, internal.kro.run/applyset-inventory-hash',
};
const DOMAINS = KRO_INSTANCE_DOMAINS.map((domain) => `${domain}/`).join(', ');
const GIVE = (map: MapName): string => `give them at deploy time: deploy(spec, { ${map}: { team: 'platform' } })`;
const BY_NAME = (map: MapName): string => `read the ${map} you give by name, e.g. instance.metadata.${map}?.team ?? 'none' (${GIVE(map)})`;

const wholeMap = (map: MapName): Problem => ({
  why: `reads instance.metadata.${map} as a whole (the map itself, its keys, its size or its entries): in kro mode KRO adds its own ${map} to the instance (${KRO_ADDS[map]}), which direct mode does not have, so the two modes would see different maps`,
  hint: BY_NAME(map),
  spelled: map,
});
const kroKey = (map: MapName, key: string): Problem => ({
  why: `reads the ${map === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(key)} of the instance: keys under ${DOMAINS} (and their subdomains) are KRO's own in kro mode and direct mode does not have them`,
  hint: `pass the value through the spec, or ${BY_NAME(map)}`,
  spelled: key,
});
/** A read of `key` of `map` that the modes disagree on: KRO's own keys, and the annotation kro mode's deploy writes. */
function keyProblem(map: MapName, key: string): Problem | undefined {
  if (isKroInstanceKey(key)) return kroKey(map, key);
  const owned = map === 'annotations' ? deployOwnedAnnotation(key) : undefined;
  return owned ? { why: `reads the annotation ${JSON.stringify(key)} of the instance: ${owned}`, hint: `pass the value through the spec, or ${BY_NAME(map)}`, spelled: key } : undefined;
}
const computedKey = (map: MapName): Problem => ({
  why: `reads instance.metadata.${map} by a key computed when the instance is deployed: it may be one of KRO's own (${DOMAINS}…), which only kro mode has`,
  hint: `read each key by its literal name, e.g. instance.metadata.${map}?.['team'] ?? 'none'`,
  spelled: map,
});
const wholeMetadata = (what: string): Problem => ({
  why: `uses ${what} as a whole: it includes the instance's labels and annotations, where KRO adds its own in kro mode and direct mode has none`,
  hint: 'read the fields you need by name (instance.metadata.name, instance.metadata.labels?.team)',
  spelled: what === 'instance.metadata' ? 'metadata' : '',
});

/** One step of a select/index chain: a literal field or key, or a key computed at run time. */
type Step = { readonly key: string } | { readonly computed: Expr };

/**
 * The steps of a select/index chain rooted at `schema` (`schema.metadata.?labels["a/b"]`), or undefined. Asked
 * of every node of every compiled expression: the root is found first, without allocating, and the steps are
 * built only for a chain that reads the instance.
 */
function schemaChain(expr: Expr): Step[] | undefined {
  const root = chainRoot(expr);
  if (root.kind !== 'ident' || root.name !== 'schema') return undefined;
  const steps: Step[] = [];
  for (let node = expr; node !== root; node = chainTarget(node)!) {
    if (node.kind === 'select') steps.push({ key: node.field });
    else if (node.kind === 'index') steps.push(node.index.kind === 'literal' && node.index.literal.kind === 'string' ? { key: node.index.literal.value } : { computed: node.index });
  }
  return steps.reverse();
}

/**
 * True for a chain from `schema` whose first step is a named field other than `metadata` and whose keys are all
 * written out (`schema.spec.name`, most reads): {@link chainProblem} finds nothing in it and it has no computed
 * key to look into, so it is cleared without building its steps.
 */
function readsPastMetadata(expr: Expr): boolean {
  let first: string | undefined;
  let node = expr;
  for (let target = chainTarget(node); target; target = chainTarget(node)) {
    if (node.kind === 'select') first = node.field;
    else if (node.kind === 'index') {
      if (node.index.kind !== 'literal' || node.index.literal.kind !== 'string') return false;
      first = node.index.literal.value;
    }
    node = target;
  }
  return node.kind === 'ident' && node.name === 'schema' && first !== undefined && first !== 'metadata';
}

/** The node a chain step reads from, or undefined when `node` is not a step. */
function chainTarget(node: Expr): Expr | undefined {
  if (node.kind === 'select' || node.kind === 'index') return node.target;
  // `(instance.metadata.labels ?? {})`: `schema.metadata.?labels.orValue({})` is the map, or no keys.
  if (node.kind === 'call' && node.fn === 'orValue' && node.target && isEmptyMap(node.args)) return node.target;
  return undefined;
}

/** Where a chain of steps starts: `expr` itself when it is not a step. */
function chainRoot(expr: Expr): Expr {
  let node = expr;
  for (let target = chainTarget(node); target; target = chainTarget(node)) node = target;
  return node;
}

const isEmptyMap = (args: readonly Expr[]): boolean => args.length === 1 && args[0]!.kind === 'map' && args[0]!.entries.length === 0;
const keyOf = (step: Step | undefined): string | undefined => (step && 'key' in step ? step.key : undefined);
const mapOf = (steps: readonly Step[]): MapName | undefined => {
  const field = keyOf(steps[1]);
  return keyOf(steps[0]) === 'metadata' && (field === 'labels' || field === 'annotations') ? field : undefined;
};

/** What is wrong with a chain rooted at `schema` read as it stands (not as the target of a further step). */
function chainProblem(steps: readonly Step[]): Problem | undefined {
  if (steps.length === 0) return wholeMetadata('the instance');
  if (keyOf(steps[0]) !== 'metadata') return undefined;
  if (steps.length === 1) return wholeMetadata('instance.metadata');
  if (!keyOf(steps[1])) return wholeMetadata('instance.metadata');
  const map = mapOf(steps);
  if (!map) return undefined;
  if (steps.length === 2) return wholeMap(map);
  const key = keyOf(steps[2]);
  if (key === undefined) return computedKey(map);
  return keyProblem(map, key);
}

/** `has(schema.metadata.labels)`: the guard the compiler puts before a key test of that map. */
function guardedMap(expr: Expr): MapName | undefined {
  if (expr.kind !== 'call' || expr.fn !== 'has' || expr.target || expr.args.length !== 1) return undefined;
  const steps = schemaChain(expr.args[0]!);
  return steps && steps.length === 2 ? mapOf(steps) : undefined;
}

/** True when `expr` reads a key of `map` (a chain through it, or `"k" in` it). */
function readsKeyOf(expr: Expr, map: MapName): boolean {
  const steps = schemaChain(expr);
  if (steps && steps.length > 2 && mapOf(steps) === map) return true;
  return exprChildren(expr).some((child) => readsKeyOf(child, map));
}

/**
 * The first refused read of instance labels or annotations in `expr`, or undefined.
 *
 * @example
 * ```ts
 * instanceMetadataProblem(E.path('schema', 'metadata', 'labels', 'team')); // => undefined
 * instanceMetadataProblem(E.call('size', [E.path('schema', 'metadata', 'labels')]))?.why; // 'reads instance.metadata.labels as a whole ...'
 * ```
 */
export function instanceMetadataProblem(expr: Expr): Problem | undefined {
  if (readsPastMetadata(expr)) return undefined;
  const steps = schemaChain(expr);
  if (steps) {
    const problem = chainProblem(steps);
    if (problem) return problem;
    for (const step of steps) {
      const inKey = 'computed' in step ? instanceMetadataProblem(step.computed) : undefined;
      if (inKey) return inKey;
    }
    return undefined;
  }
  if (expr.kind === 'raw') {
    const problem = rawProblem(expr.cel);
    return problem && expr.at !== undefined ? { ...problem, at: expr.at } : problem;
  }
  // `"team" in schema.metadata.labels`: a key test, as `has(schema.metadata.labels.team)`.
  if (expr.kind === 'binary' && expr.op === 'in' && expr.left.kind === 'literal' && expr.left.literal.kind === 'string') {
    const right = schemaChain(expr.right);
    const map = right && right.length === 2 ? mapOf(right) : undefined;
    if (map) return keyProblem(map, expr.left.literal.value);
  }
  // `has(m) && <a key read of m>`: the presence guard of a key read is part of it.
  if (expr.kind === 'binary' && expr.op === '&&') {
    const map = guardedMap(expr.left);
    if (map && readsKeyOf(expr.right, map)) return instanceMetadataProblem(expr.right);
  }
  for (const child of exprChildren(expr)) {
    const problem = instanceMetadataProblem(child);
    if (problem) return problem;
  }
  return undefined;
}

/** The same rules over CEL written by hand (`Cel.expr`): each `schema` is followed by what it reads. */
function rawProblem(cel: string): Problem | undefined {
  for (const path of schemaPathsInText(cel, 3)) {
    if (path.length === 0) return wholeMetadata('the instance');
    if (path[0] !== 'metadata') continue;
    if (path.length === 1) return wholeMetadata('instance.metadata');
    const map = path[1];
    if (map !== 'labels' && map !== 'annotations') continue;
    if (path.length === 2) return wholeMap(map);
    const problem = keyProblem(map, path[2]!);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Throws, at the read in `node`'s source, when `expr` (compiled from `node`) reads the instance's labels or
 * annotations in a way the modes disagree on.
 *
 * @example
 * ```ts
 * checkInstanceMetadataReads(compiled.expr, node); // throws for `Object.keys(instance.metadata.labels)`
 * ```
 */
export function checkInstanceMetadataReads(expr: Expr, node: Node): void {
  const problem = instanceMetadataProblem(expr);
  if (problem) throw syntaxError(spelledAt(node, problem.spelled) ?? node, problem.why, problem.hint);
}

/** The member read in `node` spelled `name` (`x.labels`, `x['a/b']`), to point at it rather than at the whole value. */
function spelledAt(node: Node, name: string): Node | undefined {
  if (name === '') return undefined;
  let found: Node | undefined;
  walk(node, (child) => {
    if (found) return false;
    if (child.type !== 'MemberExpression' && child.type !== 'OptionalMemberExpression') return undefined;
    const property = child.property;
    const spelled = !child.computed && property.type === 'Identifier' ? property.name : property.type === 'StringLiteral' ? property.value : undefined;
    if (spelled === name) found = child;
    return undefined;
  });
  return found;
}

/**
 * The backstop for values that did not come from source (a reference or `Cel.expr` handed to
 * `withIncludeWhen`, ...): every expression of the finished graph, refused with the resource's location.
 */
export function checkGraphInstanceMetadata(graph: Pick<CompositionGraph, 'status' | 'resources'>): void {
  const fail = (where: string, problem: Problem, resourceId?: string): never => {
    throw new CompositionError(`${problem.at !== undefined ? `${problem.at}: ` : ''}${where}: ${problem.why}\n  hint: ${problem.hint}`, resourceId);
  };
  // The status's paths are made only for a message: a first look without them.
  if (exprsOf(graph.status).some((expr) => instanceMetadataProblem(expr) !== undefined)) {
    for (const leaf of exprLeaves(graph.status)) {
      const problem = instanceMetadataProblem(leaf.expr);
      if (problem) fail(`status.${leaf.path.join('.')}`, problem);
    }
  }
  for (const resource of graph.resources) {
    const exprs = resource.template !== undefined ? exprsOf(resource.template) : [];
    exprs.push(...resource.includeWhen, ...resource.readyWhen, ...resource.forEach.map((dimension) => dimension.source));
    for (const expr of exprs) {
      const problem = instanceMetadataProblem(expr);
      if (problem) fail(resource.source ? `${resource.source.file}:${resource.source.line}:${resource.source.column}: resource "${resource.id}"` : `resource "${resource.id}"`, problem, resource.id);
    }
  }
}
