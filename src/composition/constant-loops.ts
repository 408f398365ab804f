/**
 * Loops over lists known at definition time (`for (const e of ['dev', 'prod'])`, `Object.keys(table)`, a
 * counted `for (let i = 0; i < 3; i++)`) run in JavaScript: one resource per item. Inside each iteration
 * the loop variable is a constant, so compiled expressions (`spec.env === e ? ...`) fold it in. JavaScript
 * does not show which item a factory call belongs to; the calls at one site are counted instead, which is
 * exact when every iteration reaches the call once. Where the source shows that it may not (a condition
 * on the item, `continue`), the variable is left unknown, and using it in a compiled expression is refused.
 */
import type { Node } from '@babel/types';
import { isFunctionNode, walk } from '../analysis/ast.js';
import { enclosingContext, type EnclosingCondition, type EnclosingLoop } from '../analysis/composition.js';
import { enclosingFunctions } from '../analysis/local-scope.js';
import { mentionsReferences } from '../analysis/mentions.js';
import { foldConstants } from '../ir/fold.js';
import type { Expr } from '../ir/expr.js';
import { syntaxError } from '../analysis/errors.js';
import { compileConditionNode } from './compile-node.js';
import { constantValue } from '../analysis/constant-value.js';
import type { Binding, Scope } from '../analysis/scope.js';
import { findCallAt, parseSourceFile, snippetOf } from '../analysis/source.js';
import { isReferenceLoop } from './collections.js';
import { jumpsOf } from '../analysis/jumps.js';
import { iterations, type LoopItems } from '../analysis/constant-items.js';
import { literalOf, ownProperties, staticProperty } from '../analysis/literal-reads.js';
import type { CallSite } from './source-site.js';

/** The bindings of one iteration (every constant loop around a call), or why the items are not known. */
type Items =
  | (Extract<LoopItems, { items: unknown }> & {
      /** A condition around the call that still reads a reference once the item is bound: each item's includeWhen. */
      readonly onReferences?: Node;
      /** A condition inside the loops on references alone: JavaScript decided it on placeholders, once per iteration. */
      readonly onPlaceholders?: Node;
    })
  | Extract<LoopItems, { why: string }>;

/**
 * Which iteration each factory call inside loops over constants belongs to, for one composition run.
 * `enter` puts the current iteration's loop variables into the run's bindings (read live by every scope).
 */
export class ConstantLoops {
  private readonly calls = new Map<string, { count: number; position: number }>();
  /** The items reaching each site, found at its first call (they depend on the source alone). */
  private readonly reached = new Map<string, Items>();
  private last: string | undefined;
  /** The names bound for the current call, and what they were bound to before. */
  private bound: [string, Binding | undefined][] = [];

  constructor(private readonly bindings: Record<string, Binding>) {}

  /**
   * Binds the loop variables of the constant loops around `site` for the call JavaScript is making (or
   * TypeKro makes for a skipped call: one per item `reachable` gives, in order). `position` is the argument being prepared:
   * a factory with positional arguments prepares each of one call in turn.
   */
  enter(site: CallSite, scope: Scope, position = 0): void {
    const loops = site.context.loops.filter((loop) => !isReferenceLoop(loop, scope));
    if (loops.length === 0) return;
    const key = `${site.call.start}|${site.inner.map((frame) => `${frame.file}:${frame.line}:${frame.column}`).join('|')}`;
    const seen = this.calls.get(key);
    if (seen && this.last === key && position > seen.position) {
      seen.position = position;
      return;
    }
    const count = seen ? seen.count + 1 : 0;
    this.calls.set(key, { count, position });
    this.last = key;
    this.leave();
    const names = loops.flatMap((loop) => loop.names);
    const reached = this.reached.get(key) ?? this.reachable(site, scope);
    this.reached.set(key, reached);
    if ('items' in reached && count < reached.items.length) this.set(reached.items[count]!);
    else this.set(Object.fromEntries(names.map((name) => [name, unknownItem(name, 'why' in reached ? reached.why : 'TypeKro lost count of its iterations', scope)])));
  }

  /** The items (all constant loops around `site` bound) whose iterations reach it, in order, or why they are not known. */
  reachable(site: CallSite, scope: Scope): Items {
    const loops = site.context.loops.filter((loop) => !isReferenceLoop(loop, scope));
    const found = iterations(loops, scope, { literalOf, ownProperties, staticProperty });
    if ('why' in found || loops.length === 0) return found;
    const reached = this.reachedBy(site, loops, scope, found.items);
    const onPlaceholders = site.context.conditions.find(({ test }) => (test.start ?? 0) >= (loops[0]!.source.end ?? 0) && mentionsReferences(test, scope))?.test;
    return 'items' in reached && onPlaceholders ? { ...reached, onPlaceholders } : reached;
  }

  /**
   * The items whose iterations reach `site`: all of them, less those a condition on the item alone (`e !== 'dev'`,
   * decided here as JavaScript did) leaves out; or why that is not known.
   */
  private reachedBy(site: CallSite, loops: readonly EnclosingLoop[], scope: Scope, items: readonly Readonly<Record<string, Binding>>[]): Items {
    const why = undecided(site, loops, scope);
    if (typeof why === 'string') return { why };
    if (why.length === 0) return { items };
    const kept: Readonly<Record<string, Binding>>[] = [];
    let onReferences: Node | undefined;
    try {
      for (const item of items) {
        this.leave();
        this.set(item);
        const decisions: (boolean | 'reference' | undefined)[] = why.map(({ test }) => decide(test, scope));
        const undecidable = why.find((_, i) => decisions[i] === undefined);
        if (undecidable) return { why: `the condition \`${snippetOf(undecidable.test)}\` decides per item whether this resource is created, and TypeKro cannot decide it at definition time, so it cannot tell which item a call was made for` };
        // A condition still on a reference once the item is in (`spec.env === e`) is this item's includeWhen.
        onReferences ??= why.find((_, i) => decisions[i] === 'reference')?.test;
        if (why.every(({ negated }, i) => decisions[i] === 'reference' || decisions[i] === !negated)) kept.push(item);
      }
    } finally {
      this.leave();
    }
    return { items: kept, ...(onReferences && { onReferences }) };
  }

  /**
   * After the run: a call JavaScript made at a site whose items depend on a condition on a reference must
   * have been made for every item that reaches it (the placeholder decided the reference part the same way for
   * each), or the calls cannot be told apart: refused at the condition.
   */
  checkCounts(): void {
    for (const [key, { count }] of this.calls) {
      const reached = this.reached.get(key);
      if (reached && 'items' in reached && reached.onPlaceholders && !reached.onReferences && count + 1 !== reached.items.length) {
        // The placeholders' answer may differ per iteration (a comparison of two texts built from references):
        // the calls JavaScript made are then counted against the wrong items, and the iterations it skipped are lost.
        throw syntaxError(
          reached.onPlaceholders,
          `the condition \`${snippetOf(reached.onPlaceholders)}\` on a reference, inside a loop over a constant list, was decided by JavaScript on placeholders differently per item (it created this resource for ${count + 1} of ${reached.items.length}), so TypeKro cannot tell which item a call was made for`,
          'move the `if` out of the loop (`if (<condition>) { for (...) ... } else { for (...) ... }`), or create the resource in every iteration and give it the condition with .withIncludeWhen(<the condition>)',
        );
      }
      if (!reached || !('items' in reached) || !reached.onReferences || count + 1 === reached.items.length) continue;
      throw syntaxError(
        reached.onReferences,
        `the condition \`${snippetOf(reached.onReferences)}\` on the item of a loop over a constant list and on a reference decides per item whether this resource is created, and JavaScript decided its reference part on a placeholder (it created ${count + 1} of ${reached.items.length}), so TypeKro cannot tell which item a call was made for`,
        "create the resource unconditionally in the loop and give it the condition with .withIncludeWhen(<the condition>) (compiled per item), or test the item alone in the `if` (`if (e !== 'dev')`) and the spec in a nested `if`",
      );
    }
  }

  /** Runs `body` (a skipped call TypeKro makes) with one item bound, for the arguments built before the call. */
  bindItem(item: Readonly<Record<string, Binding>>, body: () => void): void {
    this.leave();
    this.set(item);
    body();
  }

  /** Restores the names the last call bound (the run ends, or skipped calls are made next). */
  leave(): void {
    for (const [name, before] of this.bound.reverse()) {
      if (before) this.bindings[name] = before;
      else delete this.bindings[name];
    }
    this.bound = [];
  }

  private set(values: Readonly<Record<string, Binding>>): void {
    for (const [name, binding] of Object.entries(values)) {
      this.bound.push([name, this.bindings[name]]);
      this.bindings[name] = binding;
    }
  }
}

function unknownItem(name: string, why: string, scope: Scope): Binding {
  return {
    kind: 'opaque',
    why: `\`${name}\` is the item of a loop over a constant list, but ${why}`,
    writes: [],
    scope,
    hint: "loop over an array literal (or a constant holding one, or Object.keys of an object literal), with no `continue` before the call and no condition mixing the item with references around it (one on the item alone, `if (e !== 'dev')`, is fine); choose values inside with a ternary (`e === 'prod' ? a : b`)",
  };
}

/**
 * Why counting the calls at `site` may not give their iteration, if it may not: a condition inside the loops
 * that can differ between iterations, or a jump (`continue`, `break`, `return`, `throw`) before the call; the
 * same inside the helpers between the loop and the factory call.
 */
function undecided(site: CallSite, loops: readonly EnclosingLoop[], scope: Scope): string | EnclosingCondition[] {
  const outer = loops[0]!;
  const names = new Set(loops.flatMap((loop) => loop.names));
  const onItems: EnclosingCondition[] = [];
  for (const condition of site.context.conditions) {
    const { test } = condition;
    if ((test.start ?? 0) < (outer.source.end ?? 0)) continue;
    const reads = readsVarying(test, names, scope);
    if (reads === 'mutable') return `the condition \`${snippetOf(test)}\` reads a local that changes, so it may decide differently per item whether this resource is created, and TypeKro cannot tell which item a call was made for`;
    if (reads === 'item') onItems.push(condition);
  }
  for (const loop of loops) {
    // A jump that leaves an iteration of this loop (a `break` of a switch or of an inner loop leaves none).
    const jump = jumpsOf(loop).find(({ node }) => !contains(node, site.call) && (node.start ?? 0) < (site.call.start ?? 0))?.node;
    if (jump) return `\`${snippetOf(jump)}\` may end an iteration before this call, so TypeKro cannot tell which item a call was made for`;
  }
  let call: Node = site.call;
  for (const frame of [...site.inner].reverse()) {
    const inner = findCallAt(frame.file, frame.line, frame.column);
    const fn = inner && enclosingFunctions(parseSourceFile(frame.file).program, inner).at(-1);
    if (!inner || !fn) return `TypeKro cannot read the helper called at \`${snippetOf(call)}\``;
    const context = enclosingContext(fn, inner);
    const guard = context.conditions[0]?.test ?? context.loops[0]?.source;
    if (guard) return `the helper creates its resource under \`${snippetOf(guard)}\`, so TypeKro cannot tell which item a call was made for`;
    const jump = jumpBefore(fn.body, inner);
    if (jump) return `\`${snippetOf(jump)}\` in the helper may return before it creates its resource, so TypeKro cannot tell which item a call was made for`;
    call = inner;
  }
  return onItems;
}

/**
 * A condition with the loop items bound: its value, when its constant parts decide it; `'reference'` when it
 * still depends on a reference (then it is the item's includeWhen). One on the items alone that CEL does not
 * fold (`0 >= t.length`) JavaScript decided exactly when it ran: its own answer, evaluated from the source.
 */
function decide(test: Node, scope: Scope): boolean | 'reference' | undefined {
  const onReference = mentionsReferences(test, scope);
  try {
    const value = truthOf(foldConstants(compileConditionNode(test, scope)));
    if (value !== undefined) return value;
  } catch {
    // Anything the compiler refuses is not decided here; the call's own compilation reports it.
  }
  if (onReference) return 'reference';
  const evaluated = constantValue(test, scope);
  return evaluated && Boolean(evaluated.value);
}

/**
 * The value of a folded condition when its constant parts decide it: `x && false` is false and `x || true`
 * true whatever `x` is (JavaScript does not create the resource either way, and CEL's logic agrees).
 */
function truthOf(expr: Expr): boolean | undefined {
  if (expr.kind === 'literal') return expr.literal.kind === 'bool' ? expr.literal.value : undefined;
  if (expr.kind === 'unary' && expr.op === '!') {
    const operand = truthOf(expr.operand);
    return operand === undefined ? undefined : !operand;
  }
  if (expr.kind !== 'binary' || (expr.op !== '&&' && expr.op !== '||')) return undefined;
  const absorbing = expr.op === '||';
  const [left, right] = [truthOf(expr.left), truthOf(expr.right)];
  if (left === absorbing || right === absorbing) return absorbing;
  return left === undefined || right === undefined ? undefined : left;
}

/** Whether `test` reads a loop variable (`item`) or a local that changes (a `let`, a mutated object). */
function readsVarying(test: Node, names: ReadonlySet<string>, scope: Scope): 'item' | 'mutable' | undefined {
  let found: 'item' | 'mutable' | undefined;
  walk(test, (node, parent) => {
    if (found === 'mutable' || node.type !== 'Identifier') return found !== 'mutable';
    const property = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed;
    if (property) return true;
    if (names.has(node.name)) found = 'item';
    else {
      const binding = scope.lookup(node.name, node);
      if (binding?.kind === 'opaque' && !binding.holdsReferences) found = 'mutable';
    }
    return found !== 'mutable';
  });
  return found;
}

/** A `continue`, `break`, `return` or `throw` in `body` (not in nested functions) that may run before `call`. */
function jumpBefore(body: Node, call: Node): Node | undefined {
  let jump: Node | undefined;
  walk(body, (node) => {
    if (jump) return false;
    if (node !== body && isFunctionNode(node) && !contains(node, call)) return false;
    const isJump = node.type === 'ContinueStatement' || node.type === 'BreakStatement' || node.type === 'ReturnStatement' || node.type === 'ThrowStatement';
    if (isJump && !contains(node, call) && (node.start ?? 0) < (call.start ?? 0)) jump = node;
    return !jump;
  });
  return jump;
}

function contains(outer: Node, inner: Node): boolean {
  return (outer.start ?? 0) <= (inner.start ?? -1) && (inner.end ?? 0) <= (outer.end ?? -1);
}
