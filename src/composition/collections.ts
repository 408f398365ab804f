/**
 * KRO collections (forEach resources) made from JavaScript lists: `const pods = spec.workers.map((w) =>
 * Pod(...))`. In KRO the collection's id stands for the list of its objects; JavaScript only ever sees a
 * one-item list of placeholders, so every use of the variable is compiled from source to CEL over that
 * list, and uses that cannot mean the same are refused here.
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import { unwrap, walk } from '../analysis/ast.js';
import { snippetOf } from '../analysis/source.js';
import type { EnclosingLoop } from '../analysis/composition.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { literalOf, ownProperties } from '../analysis/literal-reads.js';
import { fixedListOf, objectMethod } from '../analysis/constant-items.js';
import type { Binding, Scope } from '../analysis/scope.js';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { describeRef, type RefData } from '../model/refs.js';
import type { ResourceRecord } from '../model/resource.js';
import type { CallSite } from './source-site.js';
import { TypeKroError } from '../util/errors.js';
import { ARRAY_MUTATING_METHODS } from '../util/mutating-methods.js';

const ONE_LOOP = 'give each collection its own variable, made by one loop, e.g. const pods = spec.items.map((item) => Pod(...))';

/**
 * One resource (or nested composition) a loop put into a list variable, as the variable's binding needs it:
 * `forEach` when it is a KRO collection (a loop over a reference around it), else one object made when the
 * composition was defined (a loop over a constant list: one resource per item).
 */
export interface CollectedItem {
  readonly expr: Expr;
  readonly type: CelType;
  /** What it is, for messages: `Deployment`, `nested composition "web-stack"`. */
  readonly kind: string;
  readonly forEach: boolean;
}

/**
 * What the variable holding the objects a loop made means to the compiler. A KRO collection (one resource
 * under a forEach) is its id, the list of its objects. Resources made over a constant list are a list
 * literal of their ids, `[ds, deployment]`: JavaScript's array holds exactly those handles, and the
 * array-method compiler unrolls reads of it item by item (analysis/unrolled-lists.ts), each item read as the
 * one resource it is. Uses that cannot mean the same are refused here.
 */
export function collectionBinding(
  collection: { readonly name: string; readonly nested: boolean },
  items: readonly CollectedItem[],
  /** A change to the variable outside the loop that collects into it (see {@link writeOutsideLoop}). */
  otherWrite?: Node,
  /** A condition on a reference around a constant loop's push (`if (spec.env === e) ds.push(...)`). */
  condition?: Node,
): Binding {
  const { name } = collection;
  const fixed = items.every((item) => !item.forEach);
  if (collection.nested) {
    if (fixed) return { kind: 'unsupported', why: `\`${name}\` is built by nested .map() calls over constant lists: a list of lists, which TypeKro does not unroll`, hint: FLAT_LIST };
    return { kind: 'unsupported', why: `\`${name}\` is built by nested .map() calls: a list of lists in JavaScript, but KRO flattens the loops of a collection into one list`, hint: ONE_LOOP };
  }
  if (!fixed && items.length > 1) {
    return { kind: 'unsupported', why: `\`${name}\` collects the objects of more than one resource: a KRO collection holds the objects of one resource`, hint: ONE_LOOP };
  }
  if (otherWrite) return fixed ? fixedListWrite(name, otherWrite) : collectionWrite(name, otherWrite);
  const [first] = items;
  if (!fixed) return { kind: 'value', expr: first!.expr, type: T.list(first!.type), collection: true, fromSource: true };
  if (condition) {
    return {
      kind: 'unsupported',
      why: `\`${name}\` is filled under a condition on a reference (\`${snippetOf(condition)}\`${lineOf(condition)}): JavaScript's list holds only the items where it held, which only the cluster knows, while each resource exists under its own includeWhen`,
      hint: `create the resource in every iteration and give it the condition with \`.withIncludeWhen(...)\` (the list then holds every handle, as JavaScript's does), and read a resource under its condition (\`condition ? ${name}[0].status.readyReplicas : 0\`)`,
    };
  }
  const kinds = [...new Set(items.map((item) => item.kind))];
  if (kinds.length > 1) {
    return { kind: 'unsupported', why: `\`${name}\` holds objects of different kinds (${kinds.join(', ')}), which no one CEL list type holds`, hint: 'give each kind its own list, made by its own loop' };
  }
  return { kind: 'value', expr: E.list(items.map((item) => item.expr)), type: T.list(first!.type), fromSource: true, fixedList: true };
}

const FLAT_LIST = 'give each inner list its own variable (`const devs = SIZES.map((s) => Deployment(...))`), or loop over one constant list of pairs';

function collectionWrite(name: string, write: Node): Binding {
  return {
    kind: 'unsupported',
    why: `\`${name}\` is a KRO collection made by a loop, and \`${snippetOf(write)}\`${lineOf(write)} changes it outside that loop: the collection's id stands for the loop's objects alone, so reading \`${name}\` would miss the change`,
    hint: `keep the other resource in its own variable and combine them where you read them (e.g. \`${name}.length + (spec.extra ? 1 : 0)\`), or add its item to the spec list the loop walks`,
  };
}

function fixedListWrite(name: string, write: Node): Binding {
  return {
    kind: 'unsupported',
    why: `\`${name}\` holds the resources a loop over a constant list made, and \`${snippetOf(write)}\`${lineOf(write)} changes it too: TypeKro reads \`${name}\` as the resources one call in that loop made, so it would miss the change`,
    hint: `keep the other resource in its own variable and combine them where you read them (e.g. \`${name}.length + 1\`), or add its item to the constant list the loop walks`,
  };
}

/**
 * A statement of `fn` that changes the array `name` other than the one push in `loop` that collects into it
 * (`if (spec.extra) pods.push(pod(...))` after `for (const w of spec.workers) pods.push(pod(...))`), if any.
 * JavaScript ran it on placeholders; KRO's collection does not see it. The array methods only: the variable
 * is the array the loop pushes into, and a map's or set's method on it throws in JavaScript, where the run
 * reports it (placeholder-errors.ts), rather than changing it.
 */
export function writeOutsideLoop(fn: Node, name: string, loop: EnclosingLoop): Node | undefined {
  const writes: Node[] = [];
  walk(fn, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed) {
      const { object, property } = node.callee;
      if (object.type === 'Identifier' && object.name === name && property.type === 'Identifier' && ARRAY_MUTATING_METHODS.has(property.name)) writes.push(node);
    }
    if (node.type === 'AssignmentExpression' && assigns(node.left, name)) writes.push(node);
  });
  const inLoop = writes.filter((write) => contains(loop.body, write));
  return writes.find((write) => !contains(loop.body, write)) ?? (inLoop.length > 1 ? inLoop[1] : undefined);
}

/** `name = ...`, `name.length = ...`, `name[i] = ...`. */
function assigns(target: Node, name: string): boolean {
  const node = unwrap(target);
  if (node.type === 'Identifier') return node.name === name;
  return node.type === 'MemberExpression' && unwrap(node.object).type === 'Identifier' && (unwrap(node.object) as { name: string }).name === name;
}

function contains(outer: Node, inner: Node): boolean {
  return (outer.start ?? 0) <= (inner.start ?? -1) && (inner.end ?? 0) <= (outer.end ?? -1);
}

function lineOf(node: Node): string {
  return node.loc ? ` (line ${node.loc.start.line})` : '';
}

/** A loop in JavaScript over a collection variable would run once, on the placeholder: refused. */
export function checkLoopSources(site: CallSite, scope: Scope): void {
  for (const loop of site.context.loops) {
    const name = loop.source.type === 'Identifier' ? loop.source.name : undefined;
    const source = name === undefined ? undefined : scope.lookup(name, loop.source);
    if (source?.kind === 'value' && source.collection) {
      throw syntaxError(
        loop.source,
        `\`${name}\` is a KRO collection: a loop over it runs once, at definition time, on a placeholder, not once per object in the cluster`,
        'loop over the spec list the collection was made from (e.g. spec.workers.map((w) => ...)), or read the collection with list methods (pods.map((p) => p.metadata.name)) in a field',
      );
    }
  }
}

/**
 * True when a loop around a call walks a reference (JavaScript entered it as a forEach item); a loop over a
 * constant array, or over an array literal of references, runs in JavaScript.
 */
export function isReferenceLoop(loop: EnclosingLoop, scope: Scope): boolean {
  if (loop.counted) return mentionsReferences(loop.counted.start, scope) || mentionsReferences(loop.counted.end, scope);
  const source = unwrap(loop.source);
  // The resources a loop over a constant list made (`for (const d of ds)`): JavaScript walks their handles.
  if (fixedListOf(source, scope)) return false;
  // An array literal, written in the loop or held by a local (`const vals = [a, b]; vals.forEach(...)`): items
  // written as references are each one value; a spread of one (`['a', ...extra]`, `extra` chosen by `spec.ha`)
  // decides how many items there are, which JavaScript decided on a placeholder (trial 7 H15).
  const literal = literalOf(source, scope);
  if (literal?.node.type === 'ArrayExpression') return literal.node.elements.some((element) => element?.type === 'SpreadElement' && mentionsReferences(element.argument, literal.scope));
  // Object.keys/values/entries of a local literal: its keys are written in the source, only values may be references.
  const method = objectMethod(source);
  const table = method && literalOf(method.argument, scope);
  if (table && ownProperties(table.node, table.scope)) return false;
  return mentionsReferences(loop.source, scope);
}

/** A counted `for` loop whose bounds read a reference: JavaScript ran it on placeholders; KRO's forEach walks a list. */
export function countedLoopOverReference(loop: EnclosingLoop): Error {
  return syntaxError(
    loop.source,
    'a resource is created in a counted `for` loop whose bounds depend on a reference: JavaScript ran it once, at definition time, on a placeholder, and KRO can only repeat a resource over a list',
    'loop over a spec list (`for (const x of spec.items)`), or use bounds known at definition time (`for (let i = 0; i < 3; i++)`)',
  );
}

/**
 * A loop over a list whose items depend on a reference but that is not one the compiler can repeat over, refused
 * where the loop is written. The message says where the list came from: computed from a reference itself
 * (`for (const t of spec.tags.map((x) => ...))`: the computation ran once, on a placeholder, so no forEach item
 * exists for it), built by statements (`fns.push(() => ...)` in a loop: JavaScript walked a real list, of
 * values the compiler cannot follow), or computed by a method from a constant list (`[0, 1].map((i) => ...)`).
 */
export function loopOverComputedList(loop: EnclosingLoop, scope: Scope): Error {
  const origin = listOrigin(loop.source, scope);
  if (origin.kind === 'built') {
    const line = origin.write ? ` (line ${origin.write.loc?.start.line ?? '?'})` : '';
    return syntaxError(
      loop.source,
      `this loop walks \`${origin.name}\`, a list changed after it is declared${line} with items that depend on a reference: CEL cannot follow the statements that build it, so the compiler cannot tell what each item means in the cluster`,
      'create the resource in the loop that builds the list (`for (let i = 0; i < 3; i++) ConfigMap({ ... })`), or hold the items in an array literal (`const items = [a, b]`) and loop over that',
    );
  }
  if (origin.kind === 'spread') {
    return syntaxError(
      loop.source,
      `this loop walks an array literal with a spread (\`${snippetOf(origin.spread)}\`) of a value that depends on a reference: how many items it has was decided once, at definition time, on a placeholder`,
      'loop over the fixed items, and create the others under their own condition (`if (spec.ha) ConfigMap({ ... })`: an includeWhen), or loop over a spec list',
    );
  }
  if (origin.kind === 'constant') {
    return syntaxError(
      loop.source,
      'this loop walks a list a method computed from a constant list, with items that depend on a reference: the compiler reads the items of an array literal, not what a method computes from them',
      'loop over the constant list itself and compute each value inside the loop (`for (const i of [0, 1, 2]) { const v = `${spec.name}-${i}`; ... }`)',
    );
  }
  return syntaxError(
    loop.source,
    'this loop walks a list JavaScript computed from a reference: the computation ran once, at definition time, on a placeholder, so the loop would not run once per item in the cluster',
    'loop over the reference itself and compute inside the loop (for (const x of spec.items) { const name = `${x}-a`; ... }), or filter it with .filter(...)',
  );
}

/** Where a list comes from, through method calls on it and the locals it is read from. */
function listOrigin(raw: Node, scope: Scope): { kind: 'built'; name: string; write: Node | undefined } | { kind: 'spread'; spread: Node } | { kind: 'constant' } | { kind: 'other' } {
  const node = unwrap(raw);
  if (node.type === 'ArrayExpression') {
    const spread = node.elements.find((element) => element?.type === 'SpreadElement' && mentionsReferences(element.argument, scope));
    return spread ? { kind: 'spread', spread } : { kind: 'constant' };
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') return listOrigin(node.callee.object, scope);
  if (node.type !== 'Identifier') return { kind: 'other' };
  const binding = scope.lookup(node.name, node);
  if (binding?.kind === 'alias') return listOrigin(binding.node, binding.scope);
  // The first change after the declaration (an initialiser is written as its own value).
  if (binding?.kind === 'opaque' && !binding.holdsReferences) return { kind: 'built', name: node.name, write: binding.writes.find((write) => write.node !== write.value)?.node };
  return { kind: 'other' };
}

/** A reference into one object of a collection (`pods[0].metadata.name` evaluated by JavaScript, or a per-item read). */
export function collectionRead(ref: RefData, record: ResourceRecord): TypeKroError {
  const at = record.source ? ` at ${record.source.file}:${record.source.line}` : '';
  return new TypeKroError('DEFINITION_INVALID', 
    `${describeRef(ref)} reads a single object of "${record.id}", a KRO collection (forEach)${at}; its id stands for the list of its objects. ` +
      `Read the list in the composition source (e.g. ${record.id}.map((x) => x.metadata.name).join(','), ${record.id}.length, ${record.id}[0]?.metadata.name), ` +
      "or, inside the loop, use the loop variable's data instead of another resource of the same loop",
  );
}

/**
 * A loop over a constant list in a branch JavaScript skipped (its condition read a placeholder): it never ran,
 * and a forEach over literal items is not what the loop means. Refused where the loop is written.
 */
export function skippedConstantLoop(source: Node, why: string): Error {
  return syntaxError(
    source,
    `a resource in this loop over a constant list was skipped by JavaScript (a condition around it was decided on a placeholder when the composition was defined), and ${why}`,
    'create it in every iteration and give it the condition with .withIncludeWhen(...), or loop over a spec list (for (const x of spec.items))',
  );
}

/**
 * `const cms = spec.users.map((u) => ConfigMap(...).withIncludeWhen(u.admin))`: KRO filters the collection's
 * list by the condition, so `cms` holds the included items only, while JavaScript's `cms` keeps a handle for
 * every item; any read of `cms` (`.length`, `.map(...)`) would differ. Refused; the same choice made before
 * the loop, or by an `if` around a push, means the same on both sides.
 *
 * @example
 * ```ts
 * refuseItemIncludeWhen(expr, record, 'cms', argumentNode); // throws when expr reads the loop's item
 * ```
 */
export function refuseItemIncludeWhen(condition: Expr, record: ResourceRecord, collection: string, argument: Node | undefined): void {
  if (!argument || !referencedRoots(condition).some((root) => record.forEach.some((dimension) => dimension.name === root))) return;
  throw syntaxError(
    argument,
    `\`.withIncludeWhen(...)\` on the item of a loop makes KRO's collection \`${collection}\` hold only the items where it holds, while JavaScript's \`${collection}\` keeps a handle for every item, so reading \`${collection}\` (\`.length\`, \`.map(...)\`) would differ`,
    `choose the items before the loop (\`list.filter((item) => <condition>).map(...)\`), or push under \`if (<condition>)\` in a for...of loop`,
  );
}
