/** String methods mapped to CEL's strings extension library, each with JavaScript's meaning for every input. */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { unwrap } from './ast.js';
import { HINT, syntaxError } from './errors.js';
import { plain, valueOf, type Typed } from './typed.js';
import { snippetOf } from './source.js';
import { arity, intArg, intLiteral, isRestElement, stringArg, type MethodContext } from './call-arguments.js';
import { highestChar, joinedText } from './text-alphabet.js';
import { requireCaseMapping, requireCuts, requirePositions, requireTrim } from './text-refusals.js';
import { constantString, utf16IndexOfFrom, utf16LastIndexOfFrom, utf16Length, utf16Search } from './utf16.js';

export const STRING_ONLY = new Set(['startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'split', 'replace', 'replaceAll', 'substring', 'charAt']);

const SIMPLE_STRING: Readonly<Record<string, [cel: string, type: CelType]>> = {
  startsWith: ['startsWith', T.bool],
  endsWith: ['endsWith', T.bool],
  includes: ['contains', T.bool],
};

export function stringMethod(ctx: MethodContext, name: string): Typed {
  const s = valueOf(ctx.receiver);
  // Own keys only: `toString` is inherited by every object literal.
  const simple = Object.hasOwn(SIMPLE_STRING, name) ? SIMPLE_STRING[name] : undefined;
  if (name === 'indexOf' || name === 'lastIndexOf') return positioned(ctx, s, name);
  if (simple) {
    arity(ctx, name, 1, 1, 'the position argument differs between JavaScript and CEL; use Cel.expr(...)');
    return plain(E.call(simple[0], [stringArg(ctx, 0)], s), simple[1]);
  }
  // What the results hold: the receiver's characters (case mapping of ASCII stays ASCII).
  const text = joinedText(ctx.receiver.type);
  switch (name) {
    case 'toLowerCase':
    case 'toUpperCase':
      arity(ctx, name, 0, 0);
      requireCaseMapping(ctx, name);
      return plain(E.call(name === 'toLowerCase' ? 'lowerAscii' : 'upperAscii', [], s), text);
    case 'trim':
      arity(ctx, name, 0, 0);
      requireTrim(ctx);
      return plain(E.call('trim', [], s), text);
    case 'toString':
      arity(ctx, name, 0, 0);
      return plain(s, text);
    case 'split': {
      // No separator: the whole text is the one item, as in JavaScript (`''.split()` is `['']`).
      if (ctx.args.length === 0) return plain(E.list([s]), T.list(text));
      arity(ctx, name, 1, 1, 'JavaScript truncates with a limit, CEL keeps the rest in the last item; use Cel.expr(...)');
      const separator = stringArg(ctx, 0);
      requireCuts(ctx, 'split', separator);
      return plain(E.call('split', [separator], s), T.list(text));
    }
    case 'replace':
    case 'replaceAll':
      return replace(ctx, s, name === 'replace');
    case 'substring':
    case 'charAt': {
      // The arguments are checked first: a refusal of the receiver's alphabet is for a call that is otherwise fine.
      const t = name === 'substring' ? substring(ctx, s) : charAt(ctx, s);
      requirePositions(ctx, name);
      return { ...t, type: text };
    }
    case 'slice':
      if (isRestElement(ctx.node)) {
        const text = snippetOf(ctx.node.callee.type === 'MemberExpression' ? ctx.node.callee.object : ctx.node);
        throw syntaxError(ctx.node, 'a rest element over a string collects its characters into a list, which CEL cannot make from a string', `read the characters you need (\`${text}.charAt(1)\`), or take the rest of the text as a string (\`${text}.substring(1)\`)`);
      }
      if (!sliceAsSubstring(ctx.args)) throw syntaxError(ctx.node, 'string `slice` with a negative, computed or reversed index has no faithful CEL form', 'write slice with literal indices 0 <= start <= end (it compiles as substring), or substring(start, end) with indices known to be in order (substring swaps reversed indices, where slice gives "")');
      {
        const t = substring(ctx, s);
        requirePositions(ctx, name);
        return { ...t, type: text };
      }
    default:
      throw syntaxError(ctx.node, `the string method \`${name}\` has no CEL equivalent`, Object.hasOwn(NO_CEL_FORM, name) ? NO_CEL_FORM[name]! : HINT.expr);
  }
}

/**
 * The way out of a string method KRO's CEL has no function for (cel-go's strings extension has charAt, indexOf,
 * lastIndexOf, lowerAscii, upperAscii, replace, split, substring, trim, join, reverse, format; Kubernetes'
 * libraries add no padding or repetition): `Cel.expr(...)` would be no way out, so each names the JavaScript
 * that compiles to the same value, or says the value has to come from outside.
 */
const OUTSIDE = 'compute the text before the composition runs and pass it in the spec';
const NO_CEL_FORM: Readonly<Record<string, string>> = {
  repeat: `KRO's CEL has no repeat: for a count written in the code, join the text to itself (\`s + s\` is \`s.repeat(2)\`); for a count from the spec, ${OUTSIDE}`,
  padStart: `KRO's CEL has no padding function: cut the padding from a literal at least as wide, \`'0000'.substring(0, 4 - s.length) + s\` is \`s.padStart(4, '0')\` (substring clamps as padStart does); or ${OUTSIDE}`,
  padEnd: `KRO's CEL has no padding function: cut the padding from a literal at least as wide, \`s + '    '.substring(0, 4 - s.length)\` is \`s.padEnd(4)\` (substring clamps as padEnd does); or ${OUTSIDE}`,
  trimStart: `KRO's CEL strips spaces only from both ends (\`trim()\`): write \`s.trim()\` if the end may go too; to strip one end only, ${OUTSIDE}`,
  trimEnd: `KRO's CEL strips spaces only from both ends (\`trim()\`): write \`s.trim()\` if the start may go too; to strip one end only, ${OUTSIDE}`,
  at: "`s.charAt(s.length - 1)` for `s.at(-1)` and `s.charAt(i)` for `s.at(i)` with `i >= 0` (both give '' past the end, where `at` gives `undefined`)",
};


/**
 * `indexOf(x)`, `lastIndexOf(x)` and their forms with a position, with JavaScript's positions: UTF-16 code
 * units, where CEL counts code points (utf16.ts). JavaScript clamps the position to [0, length]; an absent
 * one is 0 for indexOf, the end for lastIndexOf.
 */
function positioned(ctx: MethodContext, s: Expr, name: 'indexOf' | 'lastIndexOf'): Typed {
  arity(ctx, name, 1, 2);
  const search = stringArg(ctx, 0);
  // Text without characters above U+FFFF counts alike in both: CEL's own forms (utf16.ts).
  const highest = highestChar(ctx.receiver.type);
  if (ctx.args.length === 1) return plain(utf16Search(name, s, search, highest), T.int);
  const from = intArg(ctx, 1, name === 'indexOf' ? E.int(0) : utf16Length(s, highest));
  return plain(name === 'indexOf' ? utf16IndexOfFrom(s, search, from, highest) : utf16LastIndexOfFrom(s, search, from, highest), T.int);
}

/**
 * JavaScript's `substring` clamps its indices to [0, length] and swaps them when start > end; CEL's errors
 * on out-of-range indices. So each index is clamped (`[[i, 0].max(), size(s)].min()`, shorter for literals)
 * and, unless literals already order them, the pair is ordered with min/max.
 */
function substring(ctx: MethodContext, s: Expr): Typed {
  arity(ctx, 'substring', 1, 2);
  const size = E.call('size', [s]);
  const clamp = (i: Expr): Expr => {
    const literal = intLiteral(i);
    if (literal === 0n) return i;
    const low = literal !== undefined && literal > 0n ? i : E.call('max', [], E.list([i, E.int(0)]));
    return E.call('min', [], E.list([low, size]));
  };
  // An undefined start is 0, an undefined end the length.
  const [first, second] = [intArg(ctx, 0, E.int(0)), ctx.args.length > 1 ? intArg(ctx, 1, size) : undefined];
  const start = clamp(first);
  if (!second) return plain(E.call('substring', [start], s), T.string);
  const end = clamp(second);
  const [a, b] = [intLiteral(first), intLiteral(second)];
  const ordered = a === 0n || a === undefined ? a === 0n : b !== undefined && a <= b;
  if (ordered) return plain(E.call('substring', [start, end], s), T.string);
  return plain(E.call('substring', [E.call('min', [], E.list([start, end])), E.call('max', [], E.list([start, end]))], s), T.string);
}

/**
 * `s.slice(2)` and `s.slice(1, 3)`: with literal indices that are not negative and in order, JavaScript's
 * `slice` is its `substring` (both clamp to the length; only a negative or a reversed index tells them apart).
 */
function sliceAsSubstring(args: readonly Node[]): boolean {
  const literals = args.map((arg) => unwrap(arg)).map((arg) => (arg.type === 'NumericLiteral' && Number.isInteger(arg.value) ? arg.value : undefined));
  if (literals.length < 1 || literals.length > 2 || literals.some((n) => n === undefined || n < 0)) return false;
  return literals.length === 1 || literals[0]! <= literals[1]!;
}

/** JavaScript's `charAt` gives "" outside [0, length); CEL's errors there, so the index is tested first. */
function charAt(ctx: MethodContext, s: Expr): Typed {
  arity(ctx, 'charAt', 1, 1);
  const i = intArg(ctx, 0, E.int(0));
  const literal = intLiteral(i);
  const inRange = E.binary('<', i, E.call('size', [s]));
  const test = literal !== undefined && literal >= 0n ? inRange : E.binary('&&', E.binary('>=', i, E.int(0)), inRange);
  return plain(literal !== undefined && literal < 0n ? E.str('') : E.cond(test, E.call('charAt', [i], s), E.str('')), T.string);
}

/**
 * JavaScript expands `$&`, `$1`, `$$`, ... in a replacement string; CEL's `replace` inserts it as it is. So
 * only a replacement known at definition time, and free of `$`, is exact. (A string search pattern is
 * literal in both.)
 */
function replace(ctx: MethodContext, s: Expr, once: boolean): Typed {
  const name = once ? 'replace' : 'replaceAll';
  arity(ctx, name, 2, 2);
  const replacement = ctx.args[1] as Node;
  if (/Function/.test(unwrap(replacement).type)) throw syntaxError(replacement, 'a replacer function cannot run in CEL', HINT.expr);
  const [pattern, text] = [stringArg(ctx, 0), stringArg(ctx, 1)];
  const way = once ? 'for CEL\'s replacement, which inserts it as it is: Cel.expr(s, \'.replace("a", \', b, \', 1)\')' : 'write `s.split(a).join(b)`, which inserts `b` as it is (the same as replaceAll unless `a` is empty)';
  const literal = constantString(text);
  if (literal === undefined) {
    throw syntaxError(replacement, `a \`${name}\` replacement that is not a literal string: JavaScript expands \`$&\`, \`$1\`, \`$$\` in it, CEL does not`, way);
  }
  if (literal.includes('$')) throw syntaxError(replacement, '`$` patterns in a JavaScript replacement string have no CEL equivalent', way);
  // `replace` (once) inserts at the first match, the start for an empty pattern, in both.
  if (!once) requireCuts(ctx, 'replaceAll', pattern);
  const type = joinedText(ctx.receiver.type, { kind: 'string', values: [literal] });
  return plain(E.call('replace', once ? [pattern, E.str(literal), E.int(1)] : [pattern, E.str(literal)], s), type);
}

