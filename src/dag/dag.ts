/**
 * A tiny generic directed graph with a stable topological order. Edges point from a node to the nodes it
 * depends on; `topologicalOrder()` lists dependencies first. Ties keep declaration order, like KRO's
 * `pkg/graph/dag`, so the order users see is the order they wrote, unless a dependency forces otherwise.
 */
import { TypeKroError } from '../util/errors.js';

/** Thrown when the graph has a cycle; `cycle` lists the nodes with the first repeated at the end. */
export class CycleError extends TypeKroError {
  override readonly name = 'CycleError';
  constructor(readonly cycle: readonly string[]) {
    super('DEFINITION_INVALID', `dependency cycle: ${cycle.join(' -> ')}`);
  }
}

/** Thrown when an edge names a node that was never added. */
export class UnknownNodeError extends TypeKroError {
  override readonly name = 'UnknownNodeError';
  constructor(
    readonly from: string,
    readonly to: string,
    readonly missing: string,
  ) {
    super('INTERNAL', `edge ${from} -> ${to} names unknown node "${missing}"`);
  }
}

/** Thrown when a node is added twice. */
export class DuplicateNodeError extends TypeKroError {
  override readonly name = 'DuplicateNodeError';
  constructor(readonly node: string) {
    super('INTERNAL', `node "${node}" is already defined`);
  }
}

/**
 * A directed graph of string-named nodes.
 *
 * @example
 * ```ts
 * const dag = new Dag();
 * dag.addNode('service');
 * dag.addNode('deployment');
 * dag.addEdge('service', 'deployment'); // service depends on deployment
 * dag.topologicalOrder(); // ['deployment', 'service']
 * ```
 */
export class Dag {
  readonly #deps = new Map<string, Set<string>>();

  /** Adds a node; declaration order breaks ties in the topological order. */
  addNode(name: string): this {
    if (this.#deps.has(name)) throw new DuplicateNodeError(name);
    this.#deps.set(name, new Set());
    return this;
  }

  hasNode(name: string): boolean {
    return this.#deps.has(name);
  }

  /** Records that `from` depends on `to` (`to` comes first). Self-edges are cycles. */
  addEdge(from: string, to: string): this {
    const deps = this.#deps.get(from);
    if (!deps) throw new UnknownNodeError(from, to, from);
    if (!this.#deps.has(to)) throw new UnknownNodeError(from, to, to);
    deps.add(to);
    return this;
  }

  /** Nodes in declaration order. */
  nodes(): string[] {
    return [...this.#deps.keys()];
  }

  /** The direct dependencies of a node, in the order the edges were added. */
  dependenciesOf(name: string): string[] {
    return [...(this.#deps.get(name) ?? [])];
  }

  /**
   * Kahn's algorithm; among ready nodes the earliest declared goes first.
   * @throws CycleError naming one cycle when no order exists.
   */
  topologicalOrder(): string[] {
    const names = this.nodes();
    const indexOf = new Map(names.map((n, i) => [n, i]));
    const pending = names.map((n) => this.#deps.get(n)!.size);
    const dependents = this.#dependents(indexOf);
    // The ready nodes by declaration index, smallest first: a scan of all nodes per step was quadratic.
    const ready = new MinHeap();
    pending.forEach((count, i) => count === 0 && ready.push(i));
    const order: string[] = [];
    const done = new Set<string>();
    for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
      order.push(names[next]!);
      done.add(names[next]!);
      for (const d of dependents[next]!) if (--pending[d]! === 0) ready.push(d);
    }
    if (order.length < names.length) throw new CycleError(this.#findCycle(done));
    return order;
  }

  /** For each node (by declaration index), the indexes of the nodes that depend on it. */
  #dependents(indexOf: ReadonlyMap<string, number>): number[][] {
    const out: number[][] = [...indexOf.keys()].map(() => []);
    for (const [from, deps] of this.#deps) {
      for (const to of deps) out[indexOf.get(to)!]!.push(indexOf.get(from)!);
    }
    return out;
  }

  /** Depth-first search among the unordered nodes; the first back edge closes the cycle. */
  #findCycle(done: ReadonlySet<string>): string[] {
    const state = new Map<string, 'open' | 'closed'>();
    const stack: string[] = [];
    const visit = (node: string): string[] | undefined => {
      state.set(node, 'open');
      stack.push(node);
      for (const dep of this.#deps.get(node) ?? []) {
        if (done.has(dep)) continue;
        if (state.get(dep) === 'open') return [...stack.slice(stack.indexOf(dep)), dep];
        if (!state.has(dep)) {
          const found = visit(dep);
          if (found) return found;
        }
      }
      stack.pop();
      state.set(node, 'closed');
      return undefined;
    };
    for (const node of this.nodes()) {
      if (done.has(node) || state.has(node)) continue;
      const found = visit(node);
      if (found) return found;
    }
    return [];
  }
}

/** A binary min-heap of integers (declaration indexes). */
class MinHeap {
  readonly #items: number[] = [];

  push(value: number): void {
    const items = this.#items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const child = left + 1 < items.length && items[left + 1]! < items[left]! ? left + 1 : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
