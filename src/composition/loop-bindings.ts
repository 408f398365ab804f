/**
 * The loops over references a composition run is inside, and the names they bind. JavaScript runs such a
 * loop once on a placeholder list (model/run.ts enters and exits it); KRO makes it a forEach. The source
 * names what the run cannot see: the loop variable (the iterator's CEL name, its item binding), the index
 * (refused: forEach gives no position), a resource made for one item (refused: KRO shows only the list).
 * Every name a loop binds is seen in its body only, and is restored to what it was when the loop ends.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { isSpecData } from '../analysis/absent-spec.js';
import type { Binding, Scope } from '../analysis/scope.js';
import type { EnclosingLoop } from '../analysis/enclosing-loops.js';
import { afterIndexBinding } from '../analysis/constant-items.js';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import type { IteratorRoot, RefData } from '../model/refs.js';
import type { ResourceRecord } from '../model/resource.js';
import { celVariableName } from '../util/cel-names.js';
import { checkLoopSources, countedLoopOverReference, isReferenceLoop, loopOverComputedList, skippedConstantLoop } from './collections.js';
import { compileValueNode } from './compile-node.js';
import type { ConstantLoops } from './constant-loops.js';
import type { CallSite } from './source-site.js';

/** What of the composition run the loop bindings read and write. */
export interface LoopBindingsHost {
  /** The run's bindings: a loop's names are written here while it runs (its scope reads them live). */
  readonly bindings: Record<string, Binding>;
  /** The loops over constants, entered in JavaScript for a call the user's code skipped (see `inSkippedLoops`). */
  readonly constantLoops: ConstantLoops;
  /** The composition function's scope now (it changes when the run switches to another function). */
  scope(): Scope;
  /** Whether a resource id is taken: an iterator must not share its CEL name. */
  isIdTaken(name: string): boolean;
  /** The static type of a reference (a loop item's type is its list's item type). */
  refType(ref: RefData): CelType;
}

/**
 * The stack of loops over references around the call being made, and the names each one bound. One per
 * composition run: the run records `entered` on every resource it registers (its forEach), and asks here
 * for the loops' names before compiling a call's arguments.
 */
export class LoopBindings {
  private readonly loops: IteratorRoot[] = [];
  /** The names each loop bound, with what they were bound to before (restored when it ends). */
  private readonly bound = new Map<IteratorRoot, [string, Binding | undefined][]>();

  constructor(private readonly host: LoopBindingsHost) {}

  /** The loops over references around the call being made, outermost first. */
  get entered(): readonly IteratorRoot[] {
    return this.loops;
  }

  enter(iterator: IteratorRoot): void {
    this.loops.push(iterator);
  }

  exit(iterator: IteratorRoot): void {
    const index = this.loops.lastIndexOf(iterator);
    if (index >= 0) this.loops.splice(index, 1);
    // The loop's names are seen in its body only: a later `const name = ...` of the function is that const again.
    const bindings = this.host.bindings;
    for (const [name, before] of (this.bound.get(iterator) ?? []).reverse()) {
      if (before) bindings[name] = before;
      else delete bindings[name];
    }
    this.bound.delete(iterator);
  }

  /** Gives runtime loop items the names of the loop variables in the source (outermost first). */
  nameLoops(site: CallSite): void {
    // The scope is asked anew for each loop (the outer loops' names are bound by then), with no closure made
    // for it: this runs for every factory call.
    checkLoopSources(site, this.host.scope());
    let entered = 0;
    // Outer loop variables are bound before the inner loops are read (`for (const p of w.ports)`).
    for (const loop of site.context.loops) {
      if (!isReferenceLoop(loop, this.host.scope())) continue;
      if (loop.counted) throw countedLoopOverReference(loop);
      const iterator = this.loops[entered++];
      if (!iterator) throw loopOverComputedList(loop, this.host.scope());
      if (loop.index !== undefined) {
        // JavaScript's index would be the placeholder run's 0 for every item.
        this.bindForLoop(iterator, loop.index, {
          kind: 'unsupported',
          why: `\`${loop.index}\` is the index of a loop over a reference: KRO's forEach gives each item, not its position`,
          hint: 'use the item itself (e.g. its name), or put the position into the spec list',
        });
      }
      if (!iterator.name) {
        // A method call on a reference (`spec.tags.filter(...)`) or an operator over one (`spec.tags ?? []`) ran on
        // a placeholder, which JavaScript cannot see through: the list is compiled from source.
        if (iterator.source.call || !isPlainPath(loop.source)) iterator.compiled = this.compileLoopSource(loop.source);
        iterator.name = this.iteratorName(loop.variable);
        iterator.variable = loop.variable;
        this.bindForLoop(iterator, loop.variable, {
          kind: 'value',
          expr: E.ident(iterator.name),
          type: this.host.refType({ root: { kind: 'iterator', iterator }, path: [] }),
          item: true,
        });
        this.bindAfterIndex(iterator, loop);
      }
    }
  }

  /**
   * Enters the loops around a call JavaScript skipped: each loop over a reference as a forEach over its list
   * compiled from source, and the loops over constants in JavaScript, one call per item.
   */
  inSkippedLoops(site: CallSite, body: () => void): void {
    const { constantLoops } = this.host;
    const scope = (): Scope => this.host.scope();
    const entered: IteratorRoot[] = [];
    // The previous skipped call's constant items are restored first: restoring them later would undo this call's bindings.
    constantLoops.leave();
    try {
      for (const loop of site.context.loops) {
        if (!isReferenceLoop(loop, scope())) continue;
        if (loop.counted) throw countedLoopOverReference(loop);
        const compiled = this.compileLoopSource(loop.source);
        // The list exists only as compiled CEL (`compiled` is what forEach and item types read).
        const iterator: IteratorRoot = { source: { root: { kind: 'schema' }, path: [] }, name: this.iteratorName(loop.variable), variable: loop.variable, compiled };
        this.enter(iterator);
        entered.push(iterator);
        // An item of spec data (its optional fields are there from the start or never), as a loop JavaScript entered binds it.
        this.bindForLoop(iterator, loop.variable, { kind: 'value', expr: E.ident(iterator.name!), type: compiled.itemType, ...(isSpecData(compiled.expr, scope()) && { item: true as const }) });
        this.bindAfterIndex(iterator, loop);
      }
      const found = constantLoops.reachable(site, scope());
      if ('why' in found) throw skippedConstantLoop(site.context.loops.find((loop) => !isReferenceLoop(loop, scope()))!.source, found.why);
      for (const item of found.items) constantLoops.bindItem(item, body);
    } finally {
      for (const iterator of entered.reverse()) this.exit(iterator);
    }
  }

  /**
   * `for (const w of spec.workers) { const d = Deployment({...}); ... d.status ... }`: `d` is one object of a
   * KRO collection, the one made for the same item. KRO shows the collection to other resources (and to
   * status) as the list of all its objects and gives no way to pick the object of the item being made, so a
   * read of `d` in the loop body is refused, until the loop ends (see `bindForLoop`).
   */
  bindItemResource(name: string, record: ResourceRecord): void {
    const iterator = this.loops.at(-1);
    if (!iterator) return;
    this.bindForLoop(iterator, name, {
      kind: 'unsupported',
      why: `\`${name}\` is the resource made for one item of a loop over a spec list (a KRO forEach collection, "${record.id}"): KRO shows it to other resources and to the status only as the list of the objects of all items, and cannot pick the object made for the same item`,
      hint: `use the item's own data instead of the resource's (e.g. the replicas the item asks for, not \`${name}.status.readyReplicas\`), or collect the resources (\`const all = spec.items.map((item) => Factory({ ... }))\`) and read the list outside the loop (\`all.every((d) => (d.status.readyReplicas ?? 0) > 0)\`)`,
    });
  }

  /**
   * The callback's parameters after the index, as JavaScript gives them: the third is the list the loop walks,
   * a later one its default (the placeholder run computed it in JavaScript: `\`${spec.tag}\`.length` would be
   * the placeholder text's length), or `undefined`, refused where it is used. Each is read where the callback
   * is written, after the item (a default may read it: `(w, i, a, n = w.name)`).
   */
  private bindAfterIndex(iterator: IteratorRoot, loop: EnclosingLoop): void {
    const scope = this.host.scope();
    for (const param of loop.after ?? []) this.bindForLoop(iterator, param.name, afterIndexBinding(param, loop.source, scope));
  }

  /** Binds a name of a loop over a reference (its item, its index) until the loop ends (see `exit`). */
  private bindForLoop(iterator: IteratorRoot, name: string, binding: Binding): void {
    const bindings = this.host.bindings;
    const bound = this.bound.get(iterator) ?? [];
    if (!bound.some(([done]) => done === name)) bound.push([name, bindings[name]]);
    this.bound.set(iterator, bound);
    bindings[name] = binding;
  }

  /**
   * The CEL name of a loop variable's iterator, chosen here, where the iterator is known by identity: a
   * loop variable `schema` or `each` must not become KRO's own `schema` or `each` (renaming the graph's
   * identifiers later could not tell them apart). Ids made so far and the enclosing iterators are taken.
   */
  private iteratorName(variable: string): string {
    return celVariableName(variable, (name) => this.host.isIdTaken(name) || this.loops.some((iterator) => iterator.name === name));
  }

  private compileLoopSource(source: Node): { expr: Expr; itemType: CelType } {
    const { expr, type } = compileValueNode(source, this.host.scope());
    return { expr, itemType: type.kind === 'list' ? type.item : T.dyn };
  }
}

/** `spec.tags`, `w.ports`, `spec.a!.b`: a read the placeholder run followed exactly (no operator, no call). */
function isPlainPath(node: Node): boolean {
  const read = unwrap(node);
  if (read.type === 'Identifier') return true;
  return (read.type === 'MemberExpression' || read.type === 'OptionalMemberExpression') && !read.computed && isPlainPath(read.object);
}
