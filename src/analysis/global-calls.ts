/** Calls of JavaScript's global functions with a faithful CEL form (`String`, `Boolean`, `Number`, `parseInt`, `parseFloat`). */
import { joinedText } from './text-alphabet.js';
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import type { Scope } from './scope.js';
import { HINT, syntaxError } from './errors.js';
import { uncompilableCall } from './package-calls.js';
import { describe, plain, stringify, truthy, valueOf, type Compiler, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { holds, refuseAbsentSpecData } from './absent-spec.js';
import { snippetOf } from './source.js';
import { arity, type Call } from './call-arguments.js';
import { helperCall } from './inline-helpers.js';
import { latin1Call } from './base64-calls.js';
import { textChoice } from './compile-text-choice.js';

export function globalCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler, expect?: CelType): Typed {
  const binding = scope.lookup(name, node);
  if (binding) return helperCall(node, name, binding, args, scope, c, expect);
  const ctx = { node, args };
  const only = (): Typed => {
    arity(ctx, name, 1, name === 'parseInt' ? 2 : 1);
    return c.value(args[0] as Node, scope);
  };
  switch (name) {
    case 'String': {
      // `String(c ? flag : 'off')`: each operand made text, as a template literal makes it (compile-text-choice.ts).
      arity(ctx, name, 1, 1);
      const t = textChoice(args[0] as Node, scope, c) ?? only();
      refuseAbsentSpecData(t, args[0] as Node, scope, 'text');
      return plain(stringify(t, node), joinedText(t.type));
    }
    case 'Boolean':
      return plain(truthy(only(), node), T.bool);
    case 'Number':
    case 'parseFloat':
      return toNumber(node, name, present(node, name, only(), scope));
    case 'parseInt':
      if (args[1] && !(args[1].type === 'NumericLiteral' && args[1].value === 10)) throw syntaxError(node, 'only base 10 is supported', HINT.expr);
      return toNumber(node, name, present(node, name, only(), scope));
    default:
      throw latin1Call(node, name) ?? uncompilableCall(node, name);
  }
}

/**
 * `Number(undefined)` is NaN, not `undefined`: it is unequal to everything, itself included, and a `??` keeps
 * it, where the compiled argument stays absent (`Number(spec.count) === spec.count` was true for an absent
 * count). So the argument must be known present: a value that is never `undefined`, or one the conditions
 * around it test (`spec.count > 0 ? Number(spec.count) : 0`).
 */
function present(node: Call, name: string, t: Typed, scope: Scope): Typed {
  if (!t.absent || (!t.absent.wrapped && holds(scope.guards ?? [], t.absent.present))) return t;
  const arg = snippetOf(node.arguments[0] as Node);
  const call = (value: string): string => `${name}(${[value, ...node.arguments.slice(1).map((a) => snippetOf(a))].join(', ')})`;
  throw syntaxError(
    node,
    `\`${snippetOf(node)}\`: ${name} of \`undefined\` is NaN in JavaScript (unequal to everything, itself included, and kept by \`??\`), which CEL cannot hold, and \`${arg}\` may be \`undefined\``,
    `give it a default first (\`${call(`${arg} ?? 0`)}\`), or test it around the call (\`${arg} !== undefined ? ${call(arg)} : 0\`)`,
  );
}

/**
 * `Number(n)`, `parseFloat(n)` of a number are the number and `parseInt(i)` of an integer is the integer;
 * `Number(b)` of a boolean is 1 or 0. Text has no exact CEL form: `Number('')` is 0, `Number(' 12 ')` 12,
 * `parseInt('12abc')` 12 and `parseFloat('1.5x')` 1.5 in JavaScript, where CEL's `int()`/`double()` fail
 * (and KRO then waits forever).
 */
function toNumber(node: Node, name: 'Number' | 'parseInt' | 'parseFloat', t: Typed): Typed {
  const kind = t.type.kind;
  if (kind === 'int' || (kind === 'double' && name !== 'parseInt')) return t;
  if (kind === 'bool' && name === 'Number') return plain(E.cond(valueOf(t), E.int(1), E.int(0)), T.int);
  if (kind === 'string' || kind === 'dyn') {
    throw syntaxError(
      node,
      `\`${name}(...)\` of text has no exact CEL form: JavaScript reads '', ' 12 ', '12abc' or '1.5x' as numbers where CEL's int()/double() fail`,
      'declare the spec field as a number (e.g. \'number.integer\'), or accept CEL\'s stricter parsing with Cel.expr(\'int(\', value, \')\') or Cel.expr(\'double(\', value, \')\')',
    );
  }
  if (kind === 'double') throw syntaxError(node, '`parseInt(...)` of a double value has no exact CEL form (it reads the number\'s text: parseInt(1e-7) is 1)', 'use Math.trunc(...) for numbers');
  if (kind === 'bool') throw syntaxError(node, `\`${name}(...)\` of a bool value is NaN in JavaScript, which CEL cannot hold`, 'use Number(b), which is 1 or 0, or a ternary');
  throw syntaxError(node, `cannot convert ${withArticle(describe(t.type))} to a number`, HINT.expr);
}
