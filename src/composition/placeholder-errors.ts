/**
 * A JavaScript `TypeError` thrown by the user's code while the composition function ran on references
 * (`table[spec.env].data`: indexing with a reference finds no entry; `for (const [i, u] of list.entries())`:
 * no pair to destructure). The raw error has no location and no way out; it becomes a definition error at the
 * place the source says it was thrown. So does a write a reference proxy refused (`spec.zones.sort()`), whose
 * message then equals the source check's for the same statement in a skipped branch (reference-write-site.ts).
 */
import type { CallExpression, ForOfStatement, Identifier, Node } from '@babel/types';
import { recursionRefusal, withCallSite } from '../analysis/inline-helpers.js';
import { unwrap, walk } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { nodesAt, snippetOf } from '../analysis/source.js';
import { isInternalFile } from '../model/call-site.js';
import { hasMarkers } from '../model/refs.js';
import { ReferenceWriteError } from '../model/reference-write-message.js';
import { locatedReferenceWrite } from './reference-write-site.js';
import { stackFrames, type StackFrame } from '../util/stack.js';
import { TypeKroError } from '../util/errors.js';

const POSITION_HINT = 'loop with `for (const item of list)` (or `list.map((item) => ...)`) and use the item itself (e.g. its name), or put the position into the spec list';

/**
 * The error to report for `error`, thrown while the composition function ran: a located definition error for
 * a `TypeError` raised in the user's source, `error` itself otherwise.
 *
 * @example
 * ```ts
 * try { compose(spec, instance); } catch (error) { throw placeholderFailure(error); }
 * ```
 */
export function placeholderFailure(error: unknown, composition?: Node): unknown {
  // Only JavaScript running the user's code overflows the stack here: the compiler refuses a recursive helper before inlining it again.
  if (error instanceof RangeError && error.message.includes('call stack')) return recursionFailure(error, composition) ?? error;
  if (error instanceof Error && error.name === 'DataCloneError') return cloneFailure(error) ?? error;
  // A write a reference proxy refused: the same located message as the source check gives in a skipped branch.
  if (error instanceof ReferenceWriteError) return locatedReferenceWrite(error) ?? error;
  // A built-in that received a reference names it in its message: withReferenceMarkers explains that one.
  if (!(error instanceof TypeError) || error instanceof TypeKroError || hasMarkers(error.message)) return error;
  const frame = stackFrames(error.stack ?? '').find((candidate) => !isInternalFile(candidate.file));
  const node = frame && failingNode(frame);
  if (!node) return error;
  const destructured = destructuring(frame, node);
  if (destructured) return syntaxError(destructured.node, `JavaScript fails here while the composition runs on references (${error.message})`, destructuringHint(destructured.init, frame));
  const positional = entriesLoop(frame, node);
  if (positional) {
    return syntaxError(positional, '`.entries()` of a reference gives no [index, item] pairs: KRO\'s forEach gives each item, not its position', POSITION_HINT);
  }
  return syntaxError(node, failedReadReason(node, error), placeholderHint(node, error));
}

/**
 * Why the read at `node` failed: for a member of a lookup by a reference (`SIZES[spec.env].r`), that the lookup
 * found no entry in the placeholder run, though it may find one for every real key (trial 9 T01).
 */
function failedReadReason(node: Node, error: TypeError): string {
  const object = node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? unwrap(node.object) : undefined;
  if (object?.type !== 'MemberExpression' || !object.computed || node.type !== 'MemberExpression' || node.property.type !== 'Identifier') {
    return `JavaScript fails here while the composition runs on references (${error.message})`;
  }
  return `\`${snippetOf(object)}\` looks up an entry by a reference, which finds none while the composition runs on references (the key is a placeholder then, whatever values its type lists), so JavaScript fails reading \`.${node.property.name}\` of it (${error.message})`;
}

/**
 * A helper that recursed until the stack ran out: its depth is a reference, which a placeholder never brings
 * to the end (`n <= 0` is false for one). Refused as the compiler refuses a recursive helper it inlines. The
 * stack V8 keeps holds only the innermost frames, all inside the recursion, so the composition's call that
 * entered it is found in the composition's source: its one call of a helper of the cycle, by name.
 */
function recursionFailure(error: Error, composition: Node | undefined): Error | undefined {
  const calls = userFrames(error).map((frame) => failingNode(frame)).filter((node): node is CallExpression => node?.type === 'CallExpression' && node.callee.type === 'Identifier');
  if (calls.length === 0) return undefined;
  const name = (call: CallExpression): string => (call.callee as Identifier).name;
  const entry = composition && entryCall(composition, new Set(calls.map(name)));
  // Which call of the cycle is innermost depends on the stack's size: the message names one chosen by the
  // source (the call of the helper the composition entered by, else the first in the source), not by it.
  const bySource = calls.toSorted((a, b) => (a.loc?.filename ?? '').localeCompare(b.loc?.filename ?? '') || (a.start ?? 0) - (b.start ?? 0));
  const call = (entry && calls.find((c) => name(c) === name(entry))) ?? bySource[0]!;
  const refusal = recursionRefusal(call, name(call));
  return entry ? (withCallSite(refusal, entry, name(entry)) as Error) : refusal;
}

/** The one call in the composition function of a helper named in `names`; undefined for none or several. */
function entryCall(composition: Node, names: ReadonlySet<string>): CallExpression | undefined {
  const found: CallExpression[] = [];
  walk(composition, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && names.has(node.callee.name)) found.push(node);
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * `structuredClone(x)` of a value holding references: a reference cannot be copied (the DOMException names
 * the placeholder's internals). Refused as other JavaScript-only copies (`JSON.parse(JSON.stringify(x))`) are.
 */
function cloneFailure(error: Error): Error | undefined {
  const frame = userFrames(error)[0];
  const call = frame && failingNode(frame);
  if (!call) return undefined;
  return syntaxError(
    call,
    `\`${snippetOf(call)}\` copies a value that holds references, which JavaScript cannot copy (the composition runs on placeholders) and which has no CEL form`,
    'copy with spreads (`{ ...base, labels: { ...base.labels } }`), which TypeKro compiles, or use the value itself',
  );
}

function userFrames(error: Error): StackFrame[] {
  return stackFrames(error.stack ?? '').filter((candidate) => !isInternalFile(candidate.file));
}

/** The way out, with the `?.` form of the failing read when there is one (TypeKro compiles optional chains). */
function placeholderHint(node: Node, error: TypeError): string {
  const method = calledMember(node);
  // `(handle as any).withX(...)`: a method the value does not have; reading it through `?.` would only skip the call.
  if (method && error.message.endsWith('is not a function')) {
    return `\`${method}\` is not a method of this value (a cast such as \`as any\` hides that from the type checker): call a method its type declares, or choose the value with a ternary or \`if\``;
  }
  const optional = node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? ` (\`${operand(node.object)}?.${node.property.name}\`)` : '';
  return `TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry: read through \`?.\`${optional}, which TypeKro compiles, choose with a ternary or \`if\`, or write the CEL with Cel.expr(...)`;
}

/**
 * The `const { a, b } = init` whose destructuring threw, when it lies inside `node` (V8 points into the
 * pattern, which no member access or call contains, so the innermost call would be the composition's own).
 */
function destructuring(frame: StackFrame, node: Node): { node: Node; init: Node } | undefined {
  const nodes = nodesAt(frame) ?? [];
  const inner = nodes.findLast((candidate) => candidate.type === 'VariableDeclarator' || candidate.type === 'AssignmentExpression');
  if (!inner || nodes.indexOf(inner) < nodes.indexOf(node)) return undefined;
  if (inner.type === 'VariableDeclarator' && isPattern(inner.id) && inner.init) return { node: inner, init: inner.init };
  if (inner.type === 'AssignmentExpression' && isPattern(inner.left)) return { node: inner, init: inner.right };
  return undefined;
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern';
}

/** The way out of destructuring a table read: a default entry, named when the table is a literal in scope. */
function destructuringHint(init: Node, frame: StackFrame): string {
  const entry = init.type === 'MemberExpression' && init.computed ? defaultEntry(init.object, frame) : undefined;
  const form = entry ? ` (\`${snippetOf(init)} ?? ${entry}\`)` : '';
  return `TypeKro runs the function once with references in place of values, so an object indexed by one finds no entry to destructure: destructure a value that is always there, such as the lookup with a default entry${form}, which TypeKro compiles, or read each field through \`?.\``;
}

/** `TABLE.first` for a table `const TABLE = { first: ..., ... }` declared in the file around the frame. */
function defaultEntry(table: Node, frame: StackFrame): string | undefined {
  if (table.type !== 'Identifier') return undefined;
  for (const holder of (nodesAt(frame) ?? []).toReversed()) {
    if (holder.type !== 'Program' && holder.type !== 'BlockStatement') continue;
    for (const statement of holder.body) {
      const declared = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declared?.type !== 'VariableDeclaration') continue;
      const declarator = declared.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === table.name);
      if (!declarator) continue;
      const init = declarator.init && (declarator.init.type === 'TSAsExpression' || declarator.init.type === 'TSSatisfiesExpression') ? declarator.init.expression : declarator.init;
      const first = init?.type === 'ObjectExpression' ? init.properties[0] : undefined;
      if (first?.type !== 'ObjectProperty' || first.computed) return undefined;
      if (first.key.type === 'Identifier') return `${table.name}.${first.key.name}`;
      if (first.key.type === 'StringLiteral') return `${table.name}[${JSON.stringify(first.key.value)}]`;
      return undefined;
    }
  }
  return undefined;
}

/** `name` of a call `x.name(...)` (or of the member `x.name` being called); undefined for anything else. */
function calledMember(node: Node): string | undefined {
  const callee = node.type === 'CallExpression' || node.type === 'OptionalCallExpression' ? node.callee : node;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return callee.property.name;
}

/** `object`'s source as the operand of `?.`: in parentheses unless it is a name, a member or a call (`(x as T)?.y`). */
function operand(object: Node): string {
  const plain = ['Identifier', 'MemberExpression', 'OptionalMemberExpression', 'CallExpression', 'OptionalCallExpression', 'ThisExpression'].includes(object.type);
  return plain ? snippetOf(object) : `(${snippetOf(object)})`;
}

/** The innermost member access or call at the frame's position (V8's column points into it). */
function failingNode(frame: StackFrame): Node | undefined {
  return nodesAt(frame)?.findLast((node) => /^(Optional)?(Member|Call)Expression$/.test(node.type));
}

/** The `for (... of x.entries())` around `node`, when the failure is in one. */
function entriesLoop(frame: StackFrame, node: Node): Node | undefined {
  const loop = nodesAt(frame)?.findLast((candidate): candidate is ForOfStatement => {
    if (candidate.type !== 'ForOfStatement') return false;
    const right = candidate.right;
    const entries = right.type === 'CallExpression' && right.callee.type === 'MemberExpression' && right.callee.property.type === 'Identifier' && right.callee.property.name === 'entries';
    return entries && node !== right;
  });
  return loop?.right;
}
