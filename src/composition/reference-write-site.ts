/**
 * A write to a reference at its place in the source, as a located refusal: the statement's names as written
 * (`spec.m.secret`, through `as` and `!`), worded by model/reference-write-message.ts. The source check of
 * skipped branches (reference-writes.ts) and the run's report of a write a reference proxy refused when it
 * ran (placeholder-errors.ts) both build their error here, so one construct gets one message either way.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { syntaxError, type CompositionSyntaxError } from '../analysis/errors.js';
import { nodesAt, snippetOf } from '../analysis/source.js';
import { referenceWriteMessage, type ReferenceWrite, type ReferenceWriteError } from '../model/reference-write-message.js';
import { TypeKroError } from '../util/errors.js';

/** The refusal of the write `node` makes: a mutating method's call, a `delete`, an assignment or `++`/`--`. */
export function referenceWriteRefusal(node: Node): CompositionSyntaxError {
  const write = writeOf(node);
  if (!write) throw new TypeKroError('INTERNAL', `internal: ${node.type} is not a write`);
  const { why, hint } = referenceWriteMessage(write);
  return syntaxError(node, why, hint);
}

/**
 * The refusal of a write the declarations walk recorded (writes.ts) at `node`: `target` the path written
 * (the receiver of a mutating `method`), named as the user wrote it. Forms without a statement of their own
 * (`Object.assign(spec.m, x)`, `[spec.app] = list`) get the same wording as the plain forms.
 */
export function recordedWriteRefusal(node: Node, target: Node, kind: 'method' | 'unknown call' | 'delete' | 'assign', method = ''): CompositionSyntaxError {
  const write: ReferenceWrite = kind === 'method' || kind === 'unknown call' ? { kind, method, reference: pathText(target) } : { kind, target: pathText(target), reference: pathText(holder(target)) };
  const { why, hint } = referenceWriteMessage(write);
  return syntaxError(node, why, hint);
}

/**
 * The located refusal of a write a reference proxy refused when it ran: the innermost statement of the same
 * kind at the frame's position, or `undefined` when the source cannot be read there (the proxy's message stands).
 */
export function locatedReferenceWrite(error: ReferenceWriteError): CompositionSyntaxError | undefined {
  const found = error.location && nodesAt(error.location)?.findLast((node) => sameWrite(writeOf(node), error.write));
  return found ? referenceWriteRefusal(found) : undefined;
}

function sameWrite(a: ReferenceWrite | undefined, b: ReferenceWrite): boolean {
  return a !== undefined && a.kind === b.kind && (a.kind !== 'method' || (b.kind === 'method' && a.method === b.method));
}

/** What `node` writes, described from the source; `undefined` when it is not a write. */
function writeOf(node: Node): ReferenceWrite | undefined {
  if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
    const callee = node.callee;
    if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
    return { kind: 'method', method: callee.property.name, reference: pathText(callee.object) };
  }
  if (node.type === 'UnaryExpression' && node.operator === 'delete') return { kind: 'delete', target: pathText(node.argument), reference: pathText(holder(node.argument)) };
  const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
  return target && { kind: 'assign', target: pathText(target), reference: pathText(holder(target)) };
}

/** The object a member expression reads from (`spec.m` of `spec.m.k`), through TypeScript wrappers. */
function holder(node: Node): Node {
  const inner = unwrap(node);
  return inner.type === 'MemberExpression' || inner.type === 'OptionalMemberExpression' ? inner.object : inner;
}

/** A path as a reference describes itself (`spec.m.secret`, `spec.list.0`): without `as`, `!` and parentheses. */
function pathText(node: Node): string {
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression' && inner.type !== 'OptionalMemberExpression') return snippetOf(inner);
  const property = inner.property;
  const key = !inner.computed && property.type === 'Identifier' ? property.name : property.type === 'StringLiteral' || property.type === 'NumericLiteral' ? String(property.value) : undefined;
  return key === undefined ? `${pathText(inner.object)}[${snippetOf(property)}]` : `${pathText(inner.object)}.${key}`;
}
