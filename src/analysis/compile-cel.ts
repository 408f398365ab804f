/**
 * The `Cel` escape hatches written in a composition (`Cel.cond(spec.replicas > 2, 'large', 'small')`).
 * Their arguments are JavaScript like any other: compiled from source, never evaluated on placeholders
 * (where `spec.replicas > 2` is `false`). The results match what the `Cel` functions build at run time
 * from references and literals.
 */
import type { CallExpression, ConditionalExpression, Node, OptionalCallExpression } from '@babel/types';
import type { CelType } from '../ir/types.js';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { locationOf } from './source.js';
import { templatePieces } from '../util/template-format.js';
import { compileConditional } from './compile-operators.js';
import { plain, valueOf, type Compiler, type Typed } from './typed.js';
import { javaScriptText } from '../ir/javascript-text.js';

type Call = CallExpression | OptionalCallExpression;

const CEL_HINT =
  'see the Cel functions: Cel.expr(...parts), Cel.join(...parts), Cel.cond/conditional(test, a, b), Cel.template(format, ...args), Cel.has(ref), ' +
  'Cel.concat(...parts), Cel.size(x), Cel.min/max(...numbers), Cel.string/int/double(x), Cel.default/coalesce(x, fallback), Cel.not(x)';

/** Compiles `Cel.<name>(...)`; `print` gives CEL text for the parts `Cel.expr` pastes. */
export function compileCelCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler, print: (expr: Expr) => string, expect?: CelType): Typed {
  switch (name) {
    case 'expr':
      return celExpr(node, args, scope, c, print);
    case 'join':
      return celExpr(node, args.flatMap((arg, i) => (i === 0 ? [arg] : [spaceLiteral(arg), arg])), scope, c, print);
    case 'cond':
    case 'conditional': {
      if (args.length !== 3) throw syntaxError(node, `Cel.${name} takes 3 arguments (test, whenTrue, whenFalse), got ${args.length}`, CEL_HINT);
      const [test, consequent, alternate] = args as [Node, Node, Node];
      const conditional = { ...node, type: 'ConditionalExpression', test, consequent, alternate } as unknown as ConditionalExpression;
      return compileConditional(conditional, scope, c, expect);
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
    case 'double': {
      // JavaScript has one number type; CEL's `double(...)` makes an int a double so it fits a float field.
      const only = args.length === 1 ? c.value(args[0]!, scope) : undefined;
      if (only?.type.kind === 'int' && !only.absent && !only.nullish) return plain(E.call('double', [valueOf(only)]), T.double);
      return celParse(only, 'double') ?? c.value(javaScriptEquivalent(node, name, args, scope, c)!, scope, T.double);
    }
    case 'int': {
      const parsed = celParse(args.length === 1 ? c.value(args[0]!, scope) : undefined, 'int');
      if (parsed) return parsed;
      return c.value(javaScriptEquivalent(node, name, args, scope, c)!, scope, expect);
    }
    default: {
      const equivalent = javaScriptEquivalent(node, name, args, scope, c);
      if (!equivalent) throw syntaxError(node, `Cel.${name} is not a Cel function`, CEL_HINT);
      return c.value(equivalent, scope, expect);
    }
  }
}

/**
 * `Cel.int(text)`, `Cel.double(text)`: CEL's own parsing, which the caller chose (JavaScript's `parseInt`
 * reads '12abc' as 12, CEL fails); plain `Number`/`parseInt` of text are refused for that difference.
 */
function celParse(t: Typed | undefined, fn: 'int' | 'double'): Typed | undefined {
  if (t?.type.kind !== 'string' || t.nullish) return undefined;
  return plain(E.call(fn, [valueOf(t)]), fn === 'int' ? T.int : T.double);
}

/** A node standing for JavaScript the user did not write, located at the `Cel` call it replaces (for errors). */
function synthetic(at: Node, fields: Record<string, unknown>): Node {
  return { loc: at.loc, start: at.start, end: at.end, ...fields } as unknown as Node;
}

function spaceLiteral(at: Node): Node {
  return synthetic(at, { type: 'StringLiteral', value: ' ' });
}

function arity(node: Call, name: string, args: readonly Node[], min: number, max: number, shape: string): void {
  if (args.length < min || args.length > max) throw syntaxError(node, `Cel.${name} takes ${shape}, got ${args.length} argument${args.length === 1 ? '' : 's'}`, CEL_HINT);
}

/**
 * The `Cel` functions that mean what a JavaScript expression means (the original TypeKro's names), as that
 * expression: compiled by the one path JavaScript takes, so their CEL keeps JavaScript's meaning (absent
 * fields, truthiness, int/double) and the concrete evaluation computes the same values.
 */
function javaScriptEquivalent(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler): Node | undefined {
  const at = (fields: Record<string, unknown>): Node => synthetic(node, fields);
  const ident = (id: string): Node => at({ type: 'Identifier', name: id });
  const globalCall = (fn: string, arg: Node, extra: readonly Node[] = []): Node => at({ type: 'CallExpression', callee: ident(fn), arguments: [arg, ...extra] });
  switch (name) {
    case 'concat':
      arity(node, name, args, 1, Infinity, 'one or more parts');
      return at({ type: 'TemplateLiteral', expressions: args, quasis: Array.from({ length: args.length + 1 }, (_, i) => at({ type: 'TemplateElement', value: { raw: '', cooked: '' }, tail: i === args.length })) });
    case 'size':
      arity(node, name, args, 1, 1, 'one list or string');
      return at({ type: 'MemberExpression', object: args[0], property: ident('length'), computed: false });
    case 'min':
    case 'max':
      arity(node, name, args, 1, Infinity, 'one or more numbers');
      return at({ type: 'CallExpression', callee: at({ type: 'MemberExpression', object: ident('Math'), property: ident(name), computed: false }), arguments: args });
    case 'string':
      arity(node, name, args, 1, 1, 'one value');
      return globalCall('String', args[0]!);
    case 'double':
      arity(node, name, args, 1, 1, 'one value');
      return globalCall('Number', args[0]!);
    case 'int':
      arity(node, name, args, 1, 1, 'one value');
      // Like the runtime function on numbers: truncated toward zero (text is parsed by CEL, see celParse).
      return at({ type: 'CallExpression', callee: at({ type: 'MemberExpression', object: ident('Math'), property: ident('trunc'), computed: false }), arguments: args });
    case 'default':
    case 'coalesce':
      arity(node, name, args, 2, Infinity, 'a value and one or more fallbacks');
      return args.slice(1).reduce((left, right) => at({ type: 'LogicalExpression', operator: '??', left, right }), args[0]!);
    case 'not':
      arity(node, name, args, 1, 1, 'one value');
      return at({ type: 'UnaryExpression', operator: '!', prefix: true, argument: args[0] });
    default:
      return undefined;
  }
}

/** Like `Cel.expr` at run time: literal text is pasted as it is, every other part in parentheses. */
function celExpr(node: Call, args: readonly Node[], scope: Scope, c: Compiler, print: (expr: Expr) => string): Typed {
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
  const location = locationOf(node);
  return plain(E.raw(text, [...new Set(roots)], location && `${location.file}:${location.line}:${location.column}`), declaredText(node) ? T.string : T.dyn);
}

/**
 * Whether the call declares its CEL text (`Cel.expr<string>(...)`): it is then used as text as it is, where a
 * value of unknown type is made text as JavaScript would make a double. CEL that gives no text fails where it
 * is used as text (`+` and KRO's templates take only strings), so the declaration cannot hide a wrong value.
 */
function declaredText(node: Call): boolean {
  const params = (node as Call & { typeParameters?: { params: readonly Node[] } }).typeParameters?.params;
  return params?.length === 1 && params[0]?.type === 'TSStringKeyword';
}

/** Like `Cel.template` at run time: each `%s` takes the next argument, converted with `string(...)`. */
function celTemplate(node: Call, args: readonly Node[], scope: Scope, c: Compiler): Typed {
  const [formatNode, ...rest] = args;
  const format = formatNode && unwrap(formatNode);
  if (format?.type !== 'StringLiteral') throw syntaxError(node, 'the format of Cel.template must be a string literal', CEL_HINT);
  const checked = templatePieces(format.value, rest.length);
  if ('problem' in checked) throw syntaxError(node, `Cel.template("${format.value}") ${checked.problem}`, checked.hint);
  const { pieces } = checked;
  const parts: (string | Expr)[] = [];
  pieces.forEach((piece, i) => {
    if (piece) parts.push(piece);
    const arg = rest[i];
    if (!arg) return;
    const compiled = c.value(arg, scope);
    const expr = compiled.bytes ?? compiled.expr;
    if (expr.kind === 'literal' && expr.literal.kind !== 'null') return void parts.push(String(expr.literal.value));
    parts.push(compiled.bytes ? E.call('string', [expr]) : javaScriptText(expr, compiled.type));
  });
  return plain(E.template(parts), T.string);
}
