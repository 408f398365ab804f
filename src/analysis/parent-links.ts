/**
 * The parent of a node under a function, found when asked instead of linked for every node up front. A
 * definition asks for the parents of its calls and of a few nodes near them, while a map of every link cost a
 * `Map.set` per node of the function (44k at 1,000 resources) and most of the time of the walk that made it.
 * A node is found by descending from the function into the child whose source span holds it (syntax nodes nest
 * or are disjoint, and the items of a list are in source order, so a binary search picks the item); every link
 * of the path is kept, so the next question about a node near it is a map lookup.
 */
import type { Node } from '@babel/types';
import { eachChildValue } from './ast.js';

/** Parent links below one root (a function), read like a map: `undefined` for the root and for nodes outside it. */
export interface ParentLinks {
  get(node: Node): Node | undefined;
}

/** The links under `root`, found lazily (see the module comment). */
export class LazyParentLinks implements ParentLinks {
  /** Nodes asked for and not found under the root (synthesized nodes, nodes of other functions). */
  private readonly outside = new WeakSet<Node>();

  /** `links`: links known already (each node's true parent under `root`), kept and added to. */
  constructor(
    private readonly root: Node,
    private readonly links = new Map<Node, Node>(),
  ) {}

  get(node: Node): Node | undefined {
    const known = this.links.get(node);
    if (known !== undefined || node === this.root || this.outside.has(node)) return known;
    if (linkPath(this.root, node, this.links)) return this.links.get(node);
    this.outside.add(node);
    return undefined;
  }
}

/** Links the path from `from` down to `target` (child to parent) into `links`; false when `target` is not below `from`. */
function linkPath(from: Node, target: Node, links: Map<Node, Node>): boolean {
  const start = target.start;
  const end = target.end;
  // A node without a place (none from the parser) can be anywhere: every child is searched.
  const placed = start != null && end != null;
  let found = false;
  eachChildValue(from, (value) => {
    if (found) return;
    if (!Array.isArray(value)) {
      found = tryChild(value as Node, from, target, links, placed);
      return;
    }
    const list = value as readonly unknown[];
    // Items are in source order: the one whose span may hold the target is the last that starts at or before it.
    const at = placed ? lastStartingBy(list, start) : -1;
    if (at >= 0 && isNode(list[at])) found = tryChild(list[at] as Node, from, target, links, placed);
    // Not there (or no place): every item, each still pruned by its span.
    for (let i = 0; i < list.length && !found; i++) if (i !== at && isNode(list[i])) found = tryChild(list[i] as Node, from, target, links, placed);
  });
  return found;
}

function tryChild(child: Node, parent: Node, target: Node, links: Map<Node, Node>, placed: boolean): boolean {
  if (child === target) {
    links.set(child, parent);
    return true;
  }
  if (placed && !holds(child, target)) return false;
  if (!linkPath(child, target, links)) return false;
  links.set(child, parent);
  return true;
}

/** Whether `node`'s span holds `target`'s (a node without a place may hold anything). */
function holds(node: Node, target: Node): boolean {
  return node.start == null || node.end == null || (node.start <= target.start! && target.end! <= node.end);
}

/** The index of the last item of `list` (nodes or holes) that starts at or before `position`, or -1. */
function lastStartingBy(list: readonly unknown[], position: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // A hole (`[a, , b]`) or an unplaced item: the nearest placed item before it decides.
    let probe = mid;
    while (probe >= lo && !isPlaced(list[probe])) probe--;
    if (probe < lo) {
      lo = mid + 1;
      continue;
    }
    if ((list[probe] as Node).start! <= position) {
      best = probe;
      lo = mid + 1;
    } else hi = probe - 1;
  }
  return best;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isPlaced(value: unknown): boolean {
  return isNode(value) && value.start != null;
}
