/**
 * JavaScript expression AST -> Expr IR, keeping JavaScript's meaning: absent fields read as `undefined`,
 * truthiness, int vs double, string coercion. Whatever cannot be kept faithfully is rejected with a
 * `CompositionSyntaxError` naming the place and the escape hatch.
 */
import type { Node, TemplateLiteral } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import type { Scope } from './scope.js';
import { unwrap } from './ast.js';
import { mentionsReferences } from './mentions.js';
import { constantValue } from './constant-value.js';
import { HINT, syntaxError } from './errors.js';
import { compileCall } from './compile-calls.js';
import { refuseAbsentSpecData } from './absent-spec.js';
import { compileBinary, compileConditional, compileLogical, compileUnary, conditionOf } from './compile-operators.js';
import { nullValue, plain, stringify, type Compiler, type Typed } from './typed.js';
import { snippetOf } from './source.js';
import { identifier, numberLiteral } from './compile-names.js';
import { javascriptText, member } from './compile-member.js';
import { resourceRead } from './compile-resource-reads.js';
import { arrayLiteral, objectLiteral } from './compile-literals.js';
import { textChoice } from './compile-text-choice.js';
import { joinedText } from './text-alphabet.js';

/** Options for value contexts. */
export interface CompileOptions {
  /** The destination's type, when known: int literals become doubles, `Number(s)` picks `double(s)`. */
  readonly expect?: CelType;
  /** The value becomes text (a template literal's part): a choice of operands of different types is made text first. */
  readonly text?: boolean;
  /**
   * The caller takes a value the definition fixes as `undefined`/`null` (a loop's item taking the `undefined`
   * branch of `n === 'a' ? spec.r : undefined`) as that constant, as it takes a literal `undefined`.
   */
  readonly nullish?: boolean;
}

/** A compiled value: its CEL expression, its type, and whether JavaScript could see `undefined` there. */
export interface CompiledExpression {
  readonly expr: Expr;
  readonly type: CelType;
  readonly optional?: boolean;
  /** The whole value is a CEL `optional(T)` (`c ? x : undefined`, `a?.b`): JavaScript may see `undefined`. */
  readonly wrapped?: boolean;
  /** When `optional`: the CEL test that the value is there. */
  readonly present?: Expr;
  /** With the `nullish` option: the value is always this constant, whatever the instance (`expr` is CEL null). */
  readonly nullish?: 'undefined' | 'null';
}

const compiler: Compiler = { value: compileValue, condition: (node, scope) => conditionOf(node, scope, compiler) };

/** Compiles `node` for a value context (a template field, a status field, an argument). */
export function compileExpression(node: Node, scope: Scope, options: CompileOptions = {}): CompiledExpression {
  const t = (options.text && textChoice(node, scope, compiler)) || compileValue(node, scope, options.expect);
  if (t.nullish && options.nullish) return { expr: t.expr, type: t.type, nullish: t.nullish };
  if (t.nullish) throw syntaxError(node, '`undefined`/`null` alone is not a value KRO can hold', 'leave the field out, or use a ternary with a real value');
  return { expr: t.expr, type: t.type, ...(t.absent && { optional: true }), ...(t.absent?.wrapped && { wrapped: true }), ...(t.absent && { present: t.absent.present }) };
}

/** Compiles `node` as a condition with JavaScript truthiness (includeWhen, readyWhen, ternary tests). */
export function compileCondition(node: Node, scope: Scope): Expr {
  return compiler.condition(node, scope);
}

/** Compiles `node` as one part of a string (template literal part): non-strings wrapped in `string(...)`. */
export function compileStringPart(node: Node, scope: Scope): Expr {
  return textPart(node, scope).expr;
}

/** A template part as text, with the type of that text (its alphabet: text-alphabet.ts). */
function textPart(node: Node, scope: Scope): { expr: Expr; type: CelType } {
  const t = textChoice(node, scope, compiler) ?? compileValue(node, scope);
  refuseAbsentSpecData(t, node, scope, 'text');
  return { expr: stringify(t, node), type: t.type };
}

function compileValue(raw: Node, scope: Scope, expect?: CelType): Typed {
  const node = unwrap(raw);
  switch (node.type) {
    case 'StringLiteral':
      // Its one value: `spec.size ?? 'small'` stays a key of a lookup table over 'small' | 'large'.
      return plain(E.str(node.value), { kind: 'string', values: [node.value] });
    case 'NumericLiteral':
      return numberLiteral(node.value, expect);
    case 'BigIntLiteral':
      return plain(E.int(BigInt(node.value)), T.int);
    case 'BooleanLiteral':
      return plain(E.bool(node.value), T.bool);
    case 'NullLiteral':
      return nullValue;
    case 'Identifier':
      return identifier(node.name, node, scope, compiler, expect);
    case 'TemplateLiteral':
      return template(node, scope);
    case 'TaggedTemplateExpression':
      // The `cel` tag builds the string its untagged template literal builds.
      if (node.tag.type === 'Identifier' && scope.lookup(node.tag.name)?.kind === 'cel') return template(node.quasi, scope);
      throw unsupported(node);
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return folded(node, scope, expect) ?? javascriptText(node, resourceRead(node, scope) ?? member(node, scope, compiler));
    case 'CallExpression':
    case 'OptionalCallExpression':
      return folded(node, scope, expect) ?? resourceRead(node, scope) ?? compileCall(node, scope, compiler, expect);
    case 'BinaryExpression':
      return compileBinary(node, scope, compiler);
    case 'LogicalExpression':
      return compileLogical(node, scope, compiler, expect);
    case 'UnaryExpression':
      return compileUnary(node, scope, compiler);
    case 'ConditionalExpression':
      return compileConditional(node, scope, compiler, expect);
    case 'ArrayExpression':
      return arrayLiteral(node, scope, compiler, expect);
    case 'ObjectExpression':
      return objectLiteral(node, scope, compiler);
    default:
      throw unsupported(node);
  }
}

const WHY: Partial<Record<Node['type'], string>> = {
  NewExpression: '`new` builds a JavaScript object once, at definition time; it has no CEL equivalent',
  AssignmentExpression: 'assignments cannot run inside the cluster',
  UpdateExpression: 'assignments cannot run inside the cluster',
  RegExpLiteral: 'JavaScript regular expressions differ from CEL\'s RE2 dialect',
  ArrowFunctionExpression: 'a function is not a value CEL can hold',
  FunctionExpression: 'a function is not a value CEL can hold',
  SequenceExpression: 'the comma operator has no CEL equivalent',
  AwaitExpression: '`await` cannot run inside the cluster',
  TaggedTemplateExpression: 'tagged templates run JavaScript code',
  SpreadElement: 'spread is not supported here',
  ThisExpression: '`this` is the object a function is called on, which TypeKro does not know when it inlines the function into CEL',
};

/** The way out for a form with a better one than raw CEL. */
const HOW: Partial<Record<Node['type'], string>> = {
  ThisExpression: 'pass the value the function reads from `this` as a parameter (`(name, suffix) => name + suffix`), or use Cel.expr(...)',
};

function unsupported(node: Node): Error {
  // What the user wrote, not the parser's name for it (`ThisExpression`).
  return syntaxError(node, WHY[node.type] ?? `\`${snippetOf(node)}\` has no CEL form TypeKro can compile`, HOW[node.type] ?? HINT.expr);
}

/**
 * JavaScript's own value of a read or call that involves no reference (`'Straße'.toUpperCase()`, `'x😀'.length`,
 * `Math.floor(2.5)`, also through module constants): compiled, CEL's rules would answer instead (`STRAßE`,
 * 2 code points, no Math.floor), yet JavaScript decided the value when the composition was defined (trial 7
 * H12). Only scalars: lists and objects keep their compiled shape.
 */
function folded(node: Node, scope: Scope, expect?: CelType): Typed | undefined {
  if (mentionsReferences(node, scope)) return undefined;
  const known = constantValue(node, scope);
  if (!known) return undefined;
  const { value } = known;
  if (typeof value === 'string') return plain(E.str(value), { kind: 'string', values: [value] });
  if (typeof value === 'boolean') return plain(E.bool(value), T.bool);
  if (typeof value === 'number' && Number.isFinite(value)) return numberLiteral(value, expect);
  return undefined;
}

/** A template literal: its text, typed with the characters its quasis and parts may hold. */
function template(node: TemplateLiteral, scope: Scope): Typed {
  const parts: (string | Expr)[] = [];
  const types: CelType[] = [];
  node.quasis.forEach((quasi, i) => {
    if (quasi.value.cooked == null) throw syntaxError(node, 'an invalid escape sequence in a template literal', 'fix the escape');
    parts.push(quasi.value.cooked);
    types.push({ kind: 'string', values: [quasi.value.cooked] });
    const expression = node.expressions[i];
    if (!expression) return;
    const { expr: part, type } = textPart(expression, scope);
    types.push(type);
    // Constant parts (`${1}`, a captured string) fold into the text.
    parts.push(part.kind === 'literal' && part.literal.kind === 'string' ? part.literal.value : part);
  });
  return plain(E.template(parts), joinedText(...types));
}

export type { Typed };
