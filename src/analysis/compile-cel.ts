/**
 * The `Cel` escape hatches written in a composition (`Cel.cond(spec.replicas > 2, 'large', 'small')`).
 * Their arguments are JavaScript like any other: compiled from source, never evaluated on placeholders
 * (where `spec.replicas > 2` is `false`). The results match what the `Cel` functions build at run time
 * from references and literals.
 */
import type { CallExpression, ConditionalExpression, Node, OptionalCallExpression } from '@babel/types';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { compileConditional } from './compile-operators.js';
import { plain, valueOf, type Compiler, type Typed } from './typed.js';

type Call = CallExpression | OptionalCallExpression;

const CEL_HINT = 'see the Cel functions: Cel.expr(...parts), Cel.cond(test, a, b), Cel.template(format, ...args), Cel.has(ref)';

/** Compiles `Cel.<name>(...)`; `print` gives CEL text for the parts `Cel.expr` pastes. */
export function compileCelCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler, print: (expr: Expr) => string): Typed {
  switch (name) {
    case 'expr':
      return celExpr(args, scope, c, print);
    case 'cond': {
      if (args.length !== 3) throw syntaxError(node, `Cel.cond takes 3 arguments (test, whenTrue, whenFalse), got ${args.length}`, CEL_HINT);
      const [test, consequent, alternate] = args as [Node, Node, Node];
      const conditional = { ...node, type: 'ConditionalExpression', test, consequent, alternate } as unknown as ConditionalExpression;
      return compileConditional(conditional, scope, c);
    }
    case 'template':
      return celTemplate(node, args, scope, c);
    case 'has': {
      const [only] = args;
      const target = only && unwrap(only);
      if (args.length !== 1 || (target?.type !== 'MemberExpression' && target?.type !== 'OptionalMemberExpression')) {
        throw syntaxError(node, 'Cel.has takes one field read, e.g. Cel.has(spec.hostname)', CEL_HINT);
      }
      const read = c.value(target, scope);
      return plain(E.call('has', [read.bytes ?? valueOf(read)]), T.bool);
    }
    default:
      throw syntaxError(node, `Cel.${name} is not a Cel function`, CEL_HINT);
  }
}

/** Like `Cel.expr` at run time: literal text is pasted as it is, every other part in parentheses. */
function celExpr(args: readonly Node[], scope: Scope, c: Compiler, print: (expr: Expr) => string): Typed {
  const roots: string[] = [];
  const text = args
    .map((arg) => {
      const t = c.value(arg, scope);
      if (t.nullish) throw syntaxError(arg, 'a Cel.expr part is `undefined`/`null`', 'pass a string, a number, a boolean, a reference or an expression');
      const expr = t.bytes ?? t.expr;
      if (expr.kind === 'literal' && expr.literal.kind !== 'null') return String(expr.literal.value);
      roots.push(...referencedRoots(expr));
      return `(${print(expr)})`;
    })
    .join('');
  return plain(E.raw(text, [...new Set(roots)]), T.dyn);
}

/** Like `Cel.template` at run time: each `%s` takes the next argument, converted with `string(...)`. */
function celTemplate(node: Call, args: readonly Node[], scope: Scope, c: Compiler): Typed {
  const [formatNode, ...rest] = args;
  const format = formatNode && unwrap(formatNode);
  if (format?.type !== 'StringLiteral') throw syntaxError(node, 'the format of Cel.template must be a string literal', CEL_HINT);
  const pieces = format.value.split('%s');
  if (pieces.length - 1 !== rest.length) {
    throw syntaxError(node, `Cel.template("${format.value}") has ${pieces.length - 1} %s placeholders but ${rest.length} arguments`, 'give one argument per %s');
  }
  const parts: (string | Expr)[] = [];
  pieces.forEach((piece, i) => {
    if (piece) parts.push(piece);
    const arg = rest[i];
    if (!arg) return;
    const compiled = c.value(arg, scope);
    const expr = compiled.bytes ?? compiled.expr;
    parts.push(expr.kind === 'literal' && expr.literal.kind !== 'null' ? String(expr.literal.value) : E.call('string', [expr]));
  });
  return plain(E.template(parts), T.string);
}
