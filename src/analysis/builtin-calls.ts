/**
 * The refusals of JavaScript's built-in globals (`JSON`, `Object`, `Array.from`, `Number.isInteger`) and of a
 * package's namespace (`_.defaultTo(...)` of `import * as _ from 'lodash'`) where a compiled value needs them.
 * A call is named whole, with a way out that gives the same value where one exists (trial 10 R06, R17): the
 * global's name alone (`Array`) said nothing about which function was refused.
 */
import type { Node } from '@babel/types';
import { syntaxError } from './errors.js';
import { packageNamespaceCall } from './package-calls.js';
import type { Scope } from './scope.js';

const README_TABLE = 'the README\'s table "The JavaScript that compiles to CEL"';

/** The way out of `Global.fn(...)` for the functions users reach for, each with the same value where it applies. */
const STATIC_HINTS: ReadonlyMap<string, string> = new Map([
  ['Array.from', "a list is already a list: use it as it is (`spec.tags`) or copy it with `[...spec.tags]`; `Array.from({ length: n }, ...)` counts, and KRO repeats only over a list: put the list into the spec (`shards: ['a', 'b']`) and loop over it"],
  ['Array.of', 'write the list literal (`[a, b]`)'],
  ['Array.isArray', "the spec's type says whether a field is a list: read it as one, or give the field one type"],
  ['Number.isInteger', "for ints a and b, Number.isInteger(a / b) is a % b === 0; a field typed 'number.integer' always holds one"],
  ['Number.isSafeInteger', "a field typed 'number.integer' holds one: constrain the spec's type instead"],
  ['Number.isNaN', 'x !== x is true only for NaN, in CEL as in JavaScript'],
  ['Number.isFinite', "constrain the spec's type (arktype 'number' admits no NaN or Infinity), or compare with bounds (x > -1e308 && x < 1e308)"],
]);

/** Objects whose maps the instance holds: their keys are unknown at definition time. */
const ENUMERATIONS: ReadonlySet<string> = new Set(['Object.keys', 'Object.values', 'Object.entries']);

/**
 * The refusal of `object.name(...)` at `call` when `object` is a built-in global or a package's namespace import
 * the scope does not bind; undefined otherwise (`Math` has its own compiler, math-calls.ts).
 */
export function builtinCallRefusal(call: Node, object: Node, name: string, scope: Scope): Error | undefined {
  if (object.type !== 'Identifier' || scope.lookup(object.name, object)) return undefined;
  const packaged = packageNamespaceCall(call, object.name, name);
  if (packaged) return packaged;
  if (!(object.name in globalThis)) return undefined;
  const full = `${object.name}.${name}`;
  const hint = STATIC_HINTS.get(full);
  if (hint) return syntaxError(call, `\`${full}(...)\` is JavaScript's built-in function, and TypeKro has no CEL form for it`, hint);
  if (ENUMERATIONS.has(full)) {
    return syntaxError(
      call,
      `\`${full}(...)\` of a value that is not a constant table: a map the instance holds has its keys only in the cluster, and TypeKro compiles ${full} of a local object literal only`,
      "to make resources per entry, make the spec field a list of objects (`queues: [{ name: 'hi', queue: 'q-high' }]`) and loop over it; to count a map's entries, write Cel.expr<number>('size(', spec.config ?? {}, ')')",
    );
  }
  return builtinRefusal(object.name, object);
}

/** A JavaScript global (`JSON`, `Object`, `process`) used where a compiled value needs it: its uses that compile are in the README's table. */
export function builtinRefusal(name: string, node: Node): Error {
  const hint =
    name === 'JSON'
      ? "build the text with a template literal (`{\"port\": ${spec.port}}`) or write Cel.expr(...): KRO's CEL has no JSON encoder"
      : name === 'process'
        ? "read process.env in a module constant (`const REGION = process.env.REGION ?? 'eu'`): TypeKro takes the value it held"
        : name === 'Object'
          ? `use one of its functions ${README_TABLE} lists (such as Object.keys/values/entries of a local object literal), or write Cel.expr(...)`
          : `use one of the functions ${README_TABLE} lists, or write Cel.expr(...)`;
  return syntaxError(node, `\`${name}\` is JavaScript's built-in ${name}, and this use of it has no CEL form`, hint);
}
