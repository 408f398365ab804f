/**
 * The one expression a helper written with statements means, for the hint of its refusal: a chain of `if`s
 * that each return (`if (n > 3) return 'large'; if (n > 1) return 'medium'; return 'small';`) is the nested
 * choice `n > 3 ? 'large' : n > 1 ? 'medium' : 'small'`, and a `switch` whose cases return is the same over
 * `===` (trial 17). Only bodies made of such statements alone are rewritten; anything else gets no example.
 */
import type { Node, Statement } from '@babel/types';
import { snippetOf } from './source.js';
import type { FunctionLike } from './scope.js';

/**
 * `return <expression>;` for the body of `fn`, or undefined when it is not only `if`-returns or a returning `switch`.
 *
 * @example
 * ```ts
 * // function tierOf(n) { if (n > 3) return 'large'; return 'small'; }
 * returnedChoice(fn); // "return n > 3 ? 'large' : 'small';"
 * ```
 */
export function returnedChoice(fn: FunctionLike): string | undefined {
  if (fn.body.type !== 'BlockStatement') return undefined;
  const choice = chain(fn.body.body);
  return choice && `return ${choice};`;
}

/** The choice the statements make, each of which returns or is an `if`/`switch` whose branches return. */
function chain(statements: readonly Statement[]): string | undefined {
  const [first, ...rest] = statements;
  if (!first) return undefined;
  if (first.type === 'ReturnStatement') return rest.length === 0 && first.argument ? operand(first.argument) : undefined;
  if (first.type === 'IfStatement') {
    const yes = returned(first.consequent);
    const no = first.alternate ? (rest.length === 0 ? branch(first.alternate) : undefined) : chain(rest);
    return yes && no ? `${test(first.test)} ? ${yes} : ${no}` : undefined;
  }
  if (first.type === 'SwitchStatement') return switchChoice(first, rest);
  return undefined;
}

/** A branch of an `if`: one `return`, a block of them, or an `else if` chain. */
function branch(node: Statement): string | undefined {
  if (node.type === 'BlockStatement') return chain(node.body);
  return chain([node]);
}

/** The value a branch returns when it is one `return` (in a block or not). */
function returned(node: Statement): string | undefined {
  const only = node.type === 'BlockStatement' ? (node.body.length === 1 ? node.body[0] : undefined) : node;
  return only?.type === 'ReturnStatement' && only.argument ? operand(only.argument) : undefined;
}

/** `switch (x) { case 'a': case 'b': return 1; default: return 2; }` as `x === 'a' || x === 'b' ? 1 : 2`. */
function switchChoice(node: Extract<Statement, { type: 'SwitchStatement' }>, rest: readonly Statement[]): string | undefined {
  const subject = compared(node.discriminant);
  const arms: { tests: string[]; value: string }[] = [];
  let pending: string[] = [];
  let fallback: string | undefined;
  for (const [i, arm] of node.cases.entries()) {
    const value = arm.consequent.length === 0 ? undefined : returned(arm.consequent.length === 1 ? arm.consequent[0]! : { type: 'BlockStatement', body: arm.consequent, directives: [] } as Statement);
    if (arm.consequent.length > 0 && value === undefined) return undefined;
    if (!arm.test) {
      // A default that is not last, or shares its statements with a case, changes the order JavaScript tries them in.
      if (i !== node.cases.length - 1 || pending.length > 0 || value === undefined) return undefined;
      fallback = value;
      continue;
    }
    pending.push(`${subject} === ${compared(arm.test)}`);
    if (value !== undefined) {
      arms.push({ tests: pending, value });
      pending = [];
    }
  }
  if (pending.length > 0) return undefined;
  const otherwise = fallback ?? chain(rest);
  if (otherwise === undefined || (fallback !== undefined && rest.length > 0) || arms.length === 0) return undefined;
  return arms.reduceRight((acc, arm) => `${arm.tests.join(' || ')} ? ${arm.value} : ${acc}`, otherwise);
}

/** An operand of `?:`: parenthesised unless it cannot split the choice. */
function operand(node: Node): string {
  const text = snippetOf(node);
  return node.type === 'ConditionalExpression' || node.type === 'SequenceExpression' || node.type === 'AssignmentExpression' || node.type === 'ArrowFunctionExpression' ? `(${text})` : text;
}

/** An operand of `===`: parenthesised unless it is one term. */
function compared(node: Node): string {
  const text = snippetOf(node);
  return TERMS.has(node.type) ? text : `(${text})`;
}

const TERMS: ReadonlySet<string> = new Set(['Identifier', 'MemberExpression', 'OptionalMemberExpression', 'CallExpression', 'OptionalCallExpression', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'TemplateLiteral', 'TSNonNullExpression']);

/** A test of `?:`: an assignment, a sequence or another choice in parentheses. */
function test(node: Node): string {
  return operand(node);
}
