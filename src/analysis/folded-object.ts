/**
 * A local object built by statements (trial 9 T08): declared as an object literal, then given keys by
 * assignments (`data[k] = spec.level ?? BASE[k]` in a loop over a constant list, `data.LOG_LEVEL = ...` after
 * `const data = { ...BASE }`). When every key written is known at definition time and every write runs
 * exactly once per iteration JavaScript makes (no condition on a reference, no loop over spec data, no jump),
 * before anything reads the object, the statements are what one object literal says: the declared properties,
 * then one property per write in the order JavaScript makes them, a later one replacing an earlier one's value
 * (as a duplicate key of a literal does, keeping the first position). The name then stands for that literal,
 * each written value compiled with the items of the loops around it bound (constant-items.ts: the unrolling the
 * composition run makes for the resources of such loops). Anything else is refused with why.
 */
import type { Node } from '@babel/types';
import { isFunctionNode, unwrap, walk } from './ast.js';
import { guardsOf, type EnclosingLoop, type FunctionNode } from './composition.js';
import { constantValue } from './constant-value.js';
import { iterations } from './constant-items.js';
import type { LiteralReads } from './literal-core.js';
import { visibleDeclaration, within, type Declarations, type Scoped } from './declarations.js';
import { jumpsOf } from './jumps.js';
import { scopeOf, type Binding, type Scope } from './scope.js';
import { snippetOf } from './source.js';
import { synthesize } from './synthesized.js';
import type { Write } from './writes.js';

/** The literal a folded local stands for (compiled in `scope`), or why its writes cannot be folded. */
export type Folded = { readonly node: Node; readonly scope: Scope } | { readonly why: string };

/** The way out every refusal here names: the one expression that builds the same object. */
export const FOLD_HINT = 'build the object in one expression: an object literal with a spread of the constant and the keys that change (`{ ...BASE, LOG_LEVEL: spec.level ?? BASE.LOG_LEVEL }`), or write the keys from a loop over a constant list unconditionally, before the object is read';

/** A key assignment `name[key] = value` / `name.key = value`, with what runs around it inside the declaring block. */
interface KeyWrite {
  readonly node: Node & { type: 'AssignmentExpression' };
  readonly key: Node;
  readonly computed: boolean;
  readonly conditions: readonly Node[];
  readonly loops: readonly EnclosingLoop[];
}

/** One property of the folded literal: a written value under a hidden name, bound in the iteration's scope. */
export interface FoldedProperty {
  readonly key: string;
  readonly value: Node;
  readonly scope: Scope;
}

/**
 * The literal `name` (declared by `scoped` with the object literal `init`) stands for once its `writes` are
 * folded in; undefined when the writes are not all key assignments of the object itself (the caller's general
 * refusal then applies).
 */
export function foldedObject(name: string, scoped: Scoped, init: Node, writes: readonly Write[], declarations: Declarations, scope: Scope, reads: LiteralReads): Folded | undefined {
  const literal = unwrap(init);
  if (literal.type !== 'ObjectExpression' || writes.length === 0 || !writes.every((write) => isKeyAssignment(write, name))) return undefined;
  const block = scoped.block;
  // guardsOf walks up to the function node it is given: the declaring block, seen as a function body.
  const root = { type: 'ArrowFunctionExpression', params: [], body: block, loc: block.loc, start: block.start, end: block.end } as unknown as FunctionNode;
  const keyWrites: KeyWrite[] = [];
  for (const write of [...writes].sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0))) {
    const node = write.node as KeyWrite['node'];
    const target = unwrap(node.left) as Node & { type: 'MemberExpression' };
    const { conditions, loops } = guardsOf(root, node);
    const helper = functionBetween(block, node, loops);
    if (helper) return { why: `a key is written inside a function (\`${snippetOf(node)}\`), which may run at any time` };
    keyWrites.push({ node, key: target.property as Node, computed: target.computed, conditions: conditions.map((condition) => (condition.negated ? negate(condition.test) : condition.test)), loops });
  }
  const end = Math.max(...keyWrites.map((write) => write.loops[0] ? loopEnd(write.loops[0]) : write.node.end ?? 0));
  const read = earlyRead(name, block, end, keyWrites, declarations, scoped);
  if (read) return { why: `it is read (\`${snippetOf(read)}\` at line ${read.loc?.start.line ?? '?'}) before its last write, and CEL cannot follow the order of statements` };
  const properties: FoldedProperty[] = [];
  const why = run(keyWrites, 0, scope, { block, declarations, properties, reads });
  if (why) return { why };
  return fold(literal, properties, scope);
}

/** `name.key = value` or `name[key] = value`: a plain assignment of a key of the object itself. */
function isKeyAssignment(write: Write, name: string): boolean {
  if (write.how !== 'assign' || write.node.type !== 'AssignmentExpression' || write.node.operator !== '=') return false;
  const target = unwrap(write.node.left);
  if (target.type !== 'MemberExpression') return false;
  const object = unwrap(target.object);
  return object.type === 'Identifier' && object.name === name && (target.computed || target.property.type === 'Identifier');
}

interface RunContext {
  readonly block: Node;
  readonly reads: LiteralReads;
  readonly declarations: Declarations;
  readonly properties: FoldedProperty[];
}

/**
 * Makes the writes of `writes` (in source order, all inside the same `depth` loops) as JavaScript runs them:
 * a write outside any further loop once, the writes of one loop once per item, in order. Why not, if not.
 */
function run(writes: readonly KeyWrite[], depth: number, scope: Scope, context: RunContext): string | undefined {
  for (let i = 0; i < writes.length; ) {
    const write = writes[i]!;
    const loop = write.loops[depth];
    if (!loop) {
      const why = makeWrite(write, scope, context);
      if (why) return why;
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < writes.length && writes[j]!.loops[depth]?.body === loop.body) j += 1;
    const why = runLoop(loop, writes.slice(i, j), depth, scope, context);
    if (why) return why;
    i = j;
  }
  return undefined;
}

function runLoop(loop: EnclosingLoop, writes: readonly KeyWrite[], depth: number, scope: Scope, context: RunContext): string | undefined {
  const jump = jumpsOf(loop).find((found) => !found.final);
  if (jump) return `\`${snippetOf(jump.node)}\` may end an iteration of the loop before a key is written`;
  const found = iterations([loop], scope, context.reads);
  if ('why' in found) return `a key is written in a loop whose items are not known at definition time (${found.why})`;
  for (const item of found.items) {
    const bindings: Record<string, Binding> = { ...item };
    const iteration = scopeOf(bindings, scope);
    const why = bindLoopLocals(loop, bindings, iteration, context);
    if (why) return why;
    const inner = run(writes, depth + 1, iteration, context);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Binds the names the loop body declares (and a destructured item's names) to their initialisers in the
 * iteration's scope: the function's scope knows them only as the run binds the item, and the run is over.
 */
function bindLoopLocals(loop: EnclosingLoop, bindings: Record<string, Binding>, iteration: Scope, context: RunContext): string | undefined {
  const node = loopNode(context.block, loop);
  const [start, end] = [node.start ?? 0, node.end ?? 0];
  for (const [name, all] of context.declarations.names) {
    if (name === loop.variable) continue;
    const inside = all.filter(({ block }) => (block.start ?? 0) >= start && (block.end ?? 0) <= end);
    if (inside.length === 0) continue;
    const declared = inside[0]!.declared;
    if (inside.length > 1 || declared.kind !== 'const' || !declared.init || (context.declarations.writes.get(name) ?? []).length > 0) {
      return `\`${name}\`, declared in the loop that writes a key, is not one \`const\` with a value`;
    }
    bindings[name] = { kind: 'alias', node: declared.init, scope: iteration };
  }
  return undefined;
}

/** One write made: its key (a constant, or refused), its condition decided with the items bound, its value kept. */
function makeWrite(write: KeyWrite, scope: Scope, context: RunContext): string | undefined {
  for (const test of write.conditions) {
    const decided = constantValue(test, scope);
    if (!decided) return `a key is written under the condition \`${snippetOf(test)}\`, which is not known at definition time (the object may or may not have the key)`;
    if (!decided.value) return undefined;
  }
  const key = write.computed ? constantValue(write.key, scope)?.value : (write.key as Node & { name: string }).name;
  if (typeof key !== 'string' && typeof key !== 'number') return `the key \`${snippetOf(write.key)}\` is not known at definition time`;
  context.properties.push({ key: String(key), value: write.node.right, scope });
  return undefined;
}

/**
 * The declared literal with one property per write, each value a hidden name standing for the write's value in
 * its iteration (also the literal `Object.fromEntries` over a constant table makes, object-tables.ts).
 */
export function fold(literal: Node & { type: 'ObjectExpression' }, properties: readonly FoldedProperty[], scope: Scope): Folded {
  const hidden: Record<string, Binding> = {};
  const written = properties.map((property, index) => {
    const name = `#written${index}`;
    hidden[name] = { kind: 'alias', node: property.value, scope: property.scope };
    return synthesize(property.value, {
      type: 'ObjectProperty',
      key: synthesize(property.value, { type: 'StringLiteral', value: property.key }),
      value: synthesize(property.value, { type: 'Identifier', name }),
      computed: false,
      shorthand: false,
    });
  });
  return { node: synthesize(literal, { type: 'ObjectExpression', properties: [...literal.properties, ...written] }), scope: scopeOf(hidden, scope) };
}

/** A function between the declaring block and `node` that is not the body of a loop around it: a helper, run whenever it is called. */
function functionBetween(block: Node, node: Node, loops: readonly EnclosingLoop[]): Node | undefined {
  let found: Node | undefined;
  walk(block, (child) => {
    if (found || !within(child, node)) return false;
    if (child !== block && isFunctionNode(child) && !loops.some((loop) => loop.body === child)) found = child;
    return !found;
  });
  return found;
}

/** A read of `name` (not a write's target) before `end`, or in a function declaration (hoisted: it may run before). */
function earlyRead(name: string, block: Node, end: number, writes: readonly KeyWrite[], declarations: Declarations, scoped: Scoped): Node | undefined {
  const targets = new Set(writes.map((write) => unwrap((unwrap(write.node.left) as Node & { object: Node }).object)));
  let found: Node | undefined;
  walk(block, (node, parent) => {
    if (found) return false;
    if (node.type !== 'Identifier' || node.name !== name || targets.has(node) || !isReference(node, parent)) return true;
    const read = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === node ? parent : node;
    if (((node.start ?? 0) < end || insideDeclaration(block, node)) && visibleDeclaration(declarations, name, node) === scoped) found = read;
    return !found;
  });
  return found;
}

function insideDeclaration(block: Node, node: Node): boolean {
  let inside = false;
  walk(block, (child) => {
    if (inside || !within(child, node)) return false;
    if (child.type === 'FunctionDeclaration') inside = true;
    return !inside;
  });
  return inside;
}

/** Whether the identifier reads a name (not a property key, a declared name, a label). */
function isReference(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod') && parent.key === node && !parent.computed) return parent.type === 'ObjectProperty' && parent.shorthand;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  return !(parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement');
}

/**
 * The loop statement around `loop.body` (`for (...) body`: its head declares the item's names), or the callback
 * itself (`list.forEach((k) => ...)`: its parameters do).
 */
function loopNode(block: Node, loop: EnclosingLoop): Node {
  if (isFunctionNode(loop.body)) return loop.body;
  let found: Node | undefined;
  walk(block, (node) => {
    if (found || !within(node, loop.body)) return false;
    if (node !== loop.body && (node as { body?: unknown }).body === loop.body) found = node;
    return !found;
  });
  return found ?? loop.body;
}

/** Where the loop's last iteration ends: after its body, and its call for a callback. */
function loopEnd(loop: EnclosingLoop): number {
  return Math.max(loop.source.end ?? 0, loop.body.end ?? 0);
}

function negate(test: Node): Node {
  return synthesize(test, { type: 'UnaryExpression', operator: '!', prefix: true, argument: test });
}
