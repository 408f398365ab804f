/**
 * The place rule of concrete-reads.ts for a factory (or nested composition) called inside a helper function:
 * `function mk(d, n) { return ConfigMap({ name: n, data: { r: String(d.status.readyReplicas) } }) }` called
 * from the composition, written in the same file (at module level, or as a local function) or imported from
 * another local file. The factory's argument is written in the helper, and one helper called from two places
 * (`mk(d, 'a'); mk(other, 'b')`) is two places with one source position. So here a place is a *chain*: the
 * stack frames from the read (or the factory call) out to the composition function's outermost frame,
 * innermost first. The factory call's chain gives one level per frame: the function running there and the
 * call it made (the factory call itself at level 0, the call into the level below further out).
 *
 * A leaf of the factory's argument is computed from a read when, at some level, the read's frame there lies in
 * what feeds the leaf at that level and the read's frames further out are the factory call's own (the same
 * calls led to both). What feeds a leaf: at level 0 the leaf's expression; at every level the initialisers of
 * the locals it uses (concrete-reads.ts `declarationsIn`); a parameter of the level's function is fed by the
 * argument given for it in the call one level out (a callback's by the receiver and other arguments of the call
 * that runs it), and a name the function does not declare by the function it is written in, where that
 * function runs further out on the chain (a closure over the composition's locals).
 */
import type { Node } from '@babel/types';
import { patternNames, unwrap, walk } from '../analysis/ast.js';
import { enclosingFunctions } from '../analysis/local-scope.js';
import type { FunctionLike } from '../analysis/scope.js';
import { findCallAt, parseSourceFile, type CallNode } from '../analysis/source.js';
import type { SourceLocation } from '../ir/graph.js';
import { argumentLeaves, declarationsIn, patternSources, readsBinding, type Path } from './concrete-reads.js';
import { within } from './source-site.js';

/** Stack frames from the innermost out to the composition function's outermost one. */
export type Chain = readonly SourceLocation[];

/** One frame of a factory call's chain: the function running there, in `file`, and the call it made. */
export interface Level {
  readonly file: string;
  readonly fn: FunctionLike;
  readonly call: CallNode;
}

/** The innermost function around each call, found once per call node (parsing is cached per file already). */
const enclosing = new WeakMap<Node, FunctionLike | undefined>();
/** What each function's locals are computed from, and its own parameters' defaults. */
const declarationsOf = new WeakMap<Node, Map<string, Node[]>>();

/**
 * The levels of a factory call's chain, or `undefined` when a frame is not a call the source shows (a getter,
 * a tagged template): then the rule cannot say, and the argument is left as JavaScript computed it.
 * @example levelsOf([{ file: '/app/lib.ts', line: 3, column: 10 }, { file: '/app/web.ts', line: 9, column: 3 }]); // [mk's level, the composition's]
 */
export function levelsOf(chain: Chain): Level[] | undefined {
  const levels: Level[] = [];
  for (const frame of chain) {
    const call = findCallAt(frame.file, frame.line, frame.column);
    if (!call) return undefined;
    if (!enclosing.has(call)) enclosing.set(call, enclosingFunctions(parseSourceFile(frame.file).program, call).at(-1));
    const fn = enclosing.get(call);
    if (!fn) return undefined;
    levels.push({ file: frame.file, fn, call });
  }
  return levels;
}

/**
 * The paths of argument `argument` (of the call at level 0 of `chain`) computed from `reads` (their chains),
 * as {@link pendingArgumentPaths} says for a call written in the composition function itself.
 * @example pendingHelperArgumentPaths(levels, chain, call.arguments[0], [readChain]); // [['data', 'r']]
 */
export function pendingHelperArgumentPaths(levels: readonly Level[], chain: Chain, argument: Node, reads: readonly Chain[]): Path[] {
  if (reads.length === 0) return [];
  return argumentLeaves(argument)
    .filter(({ value }) => {
      const feeding = feedingAcross(levels, value);
      return reads.some((read) =>
        levels.some((level, i) => {
          const at = alignedFrame(read, chain, i);
          return at !== undefined && at.file === level.file && feeding[i]!.some((node) => within(node, at));
        }),
      );
    })
    .map(({ path }) => path);
}

/** The read's frame at level `level` of `chain`, when its frames further out are the chain's own. */
function alignedFrame(read: Chain, chain: Chain, level: number): SourceLocation | undefined {
  const outer = chain.length - level - 1;
  const index = read.length - outer - 1;
  if (index < 0) return undefined;
  for (let k = 1; k <= outer; k++) if (!sameFrame(read[read.length - k]!, chain[chain.length - k]!)) return undefined;
  return read[index];
}

function sameFrame(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** What feeds `value` (an expression at level 0), level by level. */
function feedingAcross(levels: readonly Level[], value: Node): Node[][] {
  const out: Node[][] = levels.map(() => []);
  const resolved = levels.map(() => new Set<string>());
  const add = (i: number, node: Node): void => {
    if (out[i]!.includes(node)) return;
    out[i]!.push(node);
    walk(node, (child, parent) => {
      if (child.type === 'Identifier' && (!parent || readsBinding(child, parent))) resolve(i, child.name);
    });
  };
  const resolve = (i: number, name: string): void => {
    if (resolved[i]!.has(name)) return;
    resolved[i]!.add(name);
    const { fn } = levels[i]!;
    const declared = declarationsWithParams(fn).get(name);
    for (const node of declared ?? []) add(i, node);
    const position = fn.params.findIndex((param) => patternNames(param).includes(name));
    if (position >= 0) {
      for (const node of givenFor(fn, position, levels[i + 1]?.call)) add(i + 1, node);
    } else if (!declared) {
      const outer = lexicalLevel(levels, i);
      if (outer !== undefined) resolve(outer, name);
    }
  };
  add(0, value);
  return out;
}

/** {@link declarationsIn} `fn`, and the defaults and computed keys of its own parameters' patterns. */
function declarationsWithParams(fn: FunctionLike): Map<string, Node[]> {
  const known = declarationsOf.get(fn);
  if (known) return known;
  const out = declarationsIn(fn);
  const add = (name: string, node: Node): void => void out.set(name, [...(out.get(name) ?? []), node]);
  for (const param of fn.params) patternSources(param, [], add);
  declarationsOf.set(fn, out);
  return out;
}

/**
 * What the parameter at `position` of `fn` is given by `caller` (the call one level out): the argument there
 * (from a spread or a rest parameter on, every argument that may reach it); for a callback `caller` runs
 * (`xs.forEach(fn)`), the receiver and the other arguments.
 */
function givenFor(fn: FunctionLike, position: number, caller: CallNode | undefined): Node[] {
  if (!caller) return [];
  const args = caller.arguments as Node[];
  if (args.some((arg) => unwrap(arg) === fn)) {
    const receiver = caller.type !== 'NewExpression' && (caller.callee.type === 'MemberExpression' || caller.callee.type === 'OptionalMemberExpression') ? [caller.callee.object] : [];
    return [...receiver, ...args.filter((arg) => unwrap(arg) !== fn)];
  }
  const spread = args.findIndex((arg) => arg.type === 'SpreadElement');
  const from = spread >= 0 && spread <= position ? spread : position;
  return fn.params[position]?.type === 'RestElement' || from !== position ? args.slice(from) : args.slice(position, position + 1);
}

/** The level further out running the function `levels[i]`'s function is written in, if it is on the chain. */
function lexicalLevel(levels: readonly Level[], i: number): number | undefined {
  const { file, fn } = levels[i]!;
  const around = enclosingFunctions(parseSourceFile(file).program, fn).at(-1);
  if (!around) return undefined;
  for (let j = i + 1; j < levels.length; j++) {
    const candidate = levels[j]!;
    if (candidate.file === file && candidate.fn.start === around.start && candidate.fn.end === around.end) return j;
  }
  return undefined;
}
