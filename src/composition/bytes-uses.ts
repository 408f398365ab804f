/**
 * A bytes field (a Secret's `data` entry) read into a local or parameter that is used both as JavaScript
 * text and as a `Cel.template` argument: the compiled CEL gives the base64 text at one use and the decoded
 * text at the other, which no one JavaScript value is (docs/guide/testing.md). It is refused at definition,
 * from source, whichever way the run produced the values (a status field JavaScript built exactly from
 * references is not compiled from source, so the compiler alone would not see it).
 */
import type { Node } from '@babel/types';
import { walk } from '../analysis/ast.js';
import type { FunctionNode } from '../analysis/composition.js';
import { CompositionSyntaxError } from '../analysis/errors.js';
import { bothUsesRefusal, mayBeTemplateArgument, templateUseAt } from '../analysis/read-context.js';
import type { Scope } from '../analysis/scope.js';
import { compileValueNode } from './compile-node.js';

/** Refuses such a read (the compiler refuses it where it compiles a bytes read, analysis/compile-expression.ts). */
export function checkBytesUses(fn: FunctionNode, scope: Scope): void {
  // Held both ways needs a Cel.template argument in the file: without one (most files) there is nothing to walk for.
  const file = fn.loc?.filename;
  if (file !== undefined && !mayBeTemplateArgument(file)) return;
  walk(fn.body, (node) => {
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && heldBothWays(node)) compileRead(node, scope);
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init) destructured(node.id, node.init, scope);
  });
}

/** `const { pw } = secret.data`: each binding is the read `secret.data.pw`, written where the binding is. */
function destructured(pattern: Extract<Node, { type: 'ObjectPattern' }>, init: Node, scope: Scope): void {
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
    const binding = property.value;
    const read = { ...binding, type: 'MemberExpression', object: init, property: { ...binding, name: property.key.name }, computed: false } as Member;
    if (heldBothWays(read)) compileRead(read, scope);
  }
}

function compileRead(read: Member, scope: Scope): void {
  try {
    compileValueNode(read, scope);
  } catch (error) {
    // Only the refusal matters here: a read this scope cannot compile (a callback's parameter) is the compiler's, where it is used.
    if (error instanceof CompositionSyntaxError && error.hint === bothUsesRefusal(nameOf(read) ?? '').hint) throw error;
  }
}

type Member = Extract<Node, { type: 'MemberExpression' | 'OptionalMemberExpression' }>;

function nameOf(node: Member): string | undefined {
  const key = node.property;
  return key.type === 'Identifier' && !node.computed ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
}

/** The read is held in a local or parameter used both as text and in `Cel.template` (analysis/read-context.ts). */
function heldBothWays(node: Member): boolean {
  const name = nameOf(node);
  const file = node.loc?.filename;
  const at = node.property.loc?.start;
  return name !== undefined && file !== undefined && at !== undefined && templateUseAt(file, at.line, at.column + 1, name) === 'both';
}
