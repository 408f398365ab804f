/**
 * Every call of a parsed file, indexed for `findCallAt` (source.ts): by the position V8 reports for a call (the
 * callee's name, or `new`), and by the closed source ranges of callees and of whole calls, searched for the
 * innermost one holding a position.
 */
import type { CallExpression, File, NewExpression, Node, OptionalCallExpression } from '@babel/types';
import { walk } from './ast.js';

/** A call site as the stack sees it: plain, optional (`a?.()`) or `new` calls. */
export type CallNode = CallExpression | OptionalCallExpression | NewExpression;

export type Position = readonly [line: number, column: number];

/** `a` is at or before `b`. */
function before(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

/** Where V8 reports a call: the callee's name (`foo` in `a.b.foo(...)`), or `new` for constructions. */
function keyNode(call: CallNode): Node {
  if (call.type === 'NewExpression') return call;
  const callee = call.callee;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') return callee.property;
  return callee;
}

function spanSize(node: Node): number {
  return (node.end ?? 0) - (node.start ?? 0);
}

/** The better of two candidates: the innermost (smallest span); on a tie the one found first in the walk. */
function innermost<T extends { readonly size: number; readonly order: number }>(a: T | undefined, b: T): T {
  return !a || b.size < a.size || (b.size === a.size && b.order < a.order) ? b : a;
}

/**
 * Closed source ranges (start and end both inclusive, as `findCallAt` has always matched them), each
 * answering for one call. Syntax nodes nest or are disjoint, so the ranges containing a position are a
 * chain of enclosing ranges, and every one of them encloses the last range that starts at or before the
 * position: a binary search finds that range, and the first range up its chain that reaches the position
 * is the innermost one. (For nested calls, the innermost callee also belongs to the innermost call.)
 */
interface Range {
  readonly start: Position;
  readonly end: Position;
  readonly call: CallNode;
  /** Pre-order index of the call in the file. */
  readonly order: number;
  /** The nearest range that encloses this one, if any. */
  parent?: Range;
}

class RangeIndex {
  private readonly ranges: Range[];

  constructor(ranges: Range[]) {
    // Sorted by start; at the same start the longer range first, so that it encloses the shorter one.
    this.ranges = ranges.sort((a, b) => a.start[0] - b.start[0] || a.start[1] - b.start[1] || b.end[0] - a.end[0] || b.end[1] - a.end[1] || a.order - b.order);
    const open: Range[] = [];
    for (const range of this.ranges) {
      while (open.length > 0 && !before(range.end, open[open.length - 1]!.end)) open.pop();
      const parent = open[open.length - 1];
      if (parent) range.parent = parent;
      open.push(range);
    }
  }

  /** The innermost range containing `at`. */
  innermostAt(at: Position): Range | undefined {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.ranges[mid]!.start, at)) lo = mid + 1;
      else hi = mid;
    }
    for (let range = this.ranges[lo - 1]; range; range = range.parent) {
      if (before(at, range.end)) return range;
    }
    return undefined;
  }
}

function rangeOf(node: Node, call: CallNode, order: number): Range | undefined {
  const loc = node.loc;
  if (!loc) return undefined;
  return { start: [loc.start.line, loc.start.column], end: [loc.end.line, loc.end.column], call, order };
}

/** Every call of a file, indexed for the three lookups of `findCallAt`. */
export interface CallIndex {
  /** By the position of the callee's name (`line:column`, 0-based column): the innermost such call. */
  readonly byKey: Map<string, { readonly call: CallNode; readonly size: number; readonly order: number }>;
  /** The callees of plain and optional calls (not `new`). */
  readonly callees: RangeIndex;
  /** Whole calls. */
  readonly calls: RangeIndex;
  /** Every call in pre-order (a walk's order): the calls under a node are those its span holds, in this order. */
  readonly ordered: readonly CallNode[];
  /** Every `throw` statement in pre-order. */
  readonly throws: readonly Node[];
  /** The parent of each ancestor of a call or `throw` (function-facts.ts reads a function's share of them). */
  readonly links: ReadonlyMap<Node, Node>;
}

export function buildCallIndex(ast: File): CallIndex {
  const byKey: CallIndex['byKey'] = new Map();
  const callees: Range[] = [];
  const calls: Range[] = [];
  const ordered: CallNode[] = [];
  const throws: Node[] = [];
  const links = new Map<Node, Node>();
  // The nodes from the root down to the one visited: the ancestors of each call and `throw` are linked from it,
  // in this one walk of the file rather than a second walk of each composition function (function-facts.ts).
  const path: Node[] = [];
  let order = 0;
  walk(ast, (node, parent) => {
    if (parent) while (path[path.length - 1] !== parent) path.pop();
    path.push(node);
    if (node.type === 'ThrowStatement') {
      throws.push(node);
      linkAncestors(path, links);
    }
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') return;
    linkAncestors(path, links);
    const index = order++;
    ordered.push(node);
    const start = keyNode(node).loc?.start;
    if (start) {
      const key = `${start.line}:${start.column}`;
      byKey.set(key, innermost(byKey.get(key), { call: node, size: spanSize(node), order: index }));
    }
    const whole = rangeOf(node, node, index);
    if (whole) calls.push(whole);
    if (node.type !== 'NewExpression') {
      const callee = rangeOf(node.callee, node, index);
      if (callee) callees.push(callee);
    }
  });
  return { byKey, callees: new RangeIndex(callees), calls: new RangeIndex(calls), ordered, throws, links };
}

/** Links each node of `path` (from the root down) to the one before it, up to the first already linked. */
function linkAncestors(path: readonly Node[], links: Map<Node, Node>): void {
  for (let i = path.length - 1; i > 0 && !links.has(path[i]!); i--) links.set(path[i]!, path[i - 1]!);
}

/** What the index holds inside `root` (its span holds exactly its descendants): calls, `throw`s, and parent links. */
export function indexedWithin(index: CallIndex, root: Node): { calls: CallNode[]; throws: Node[]; links: Map<Node, Node> } {
  const start = root.start!;
  const end = root.end!;
  const inside = (node: Node): boolean => node.start != null && node.end != null && node.start >= start && node.end <= end;
  const links = new Map<Node, Node>();
  for (const [child, parent] of index.links) if (inside(child)) links.set(child, parent);
  return { calls: index.ordered.filter(inside), throws: index.throws.filter(inside), links };
}
