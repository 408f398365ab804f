/**
 * What the JavaScript does with the value of a property read, from the source: the concrete evaluation asks
 * it when a composition reads a field that is absent from an observed object (composition/concrete-view.ts).
 * JavaScript's `undefined` is exact wherever the code tests for it (`x ?? d`, `x?.y`, `x === undefined`,
 * `if (x)`), while reading through it throws and building text or numbers from it gives `"undefined"` or
 * `NaN`, where KRO waits for the field: the view hands out `undefined` only where it is tested.
 *
 * The read is found by the position V8 reports for it: the property's name (`conditions` in
 * `web.status.conditions`). Inside an optional chain and for computed keys, source maps report the position
 * of the object's name instead, so each read is indexed under both, and the property name disambiguates.
 */
import type { File, Node } from '@babel/types';
import { walk } from './ast.js';
import { sourceIndex, SourceIndexKey } from './source.js';

/**
 * What the code does with a value read:
 * - `tested`: tests it for nullishness or truthiness (`??`, `?.`, `||`, `&&`, `!`, `typeof`, `===`, a condition,
 *   an argument of a `Cel.*` helper), where `undefined` is exact;
 * - `through`: reads or calls through it, iterates or destructures it (JavaScript would throw);
 * - `text`: builds text or a number from it (a template literal, `+`, arithmetic, a comparison, `String(x)`);
 * - `other`: stores or passes it on (a variable, a property, an argument, a returned value).
 */
export type ReadUse = 'tested' | 'through' | 'text' | 'other';

interface IndexedRead {
  /** The property name, or `undefined` for a computed key that is not a literal (it matches any name). */
  readonly name: string | undefined;
  readonly use: ReadUse;
}

type ReadIndex = ReadonlyMap<string, readonly IndexedRead[]>;

const READS = new SourceIndexKey<ReadIndex>('member reads');

/**
 * The use of the read of property `name` that V8 reports at `line`:`column` (1-based) of `file`, or
 * `undefined` when the position is not one read of that name (then the caller keeps its default).
 * @example readUseAt('/app/web.ts', 12, 25, 'conditions'); // 'tested' for `(web.status.conditions ?? []).length`
 */
export function readUseAt(file: string, line: number, column: number, name: string): ReadUse | undefined {
  let index: ReadIndex;
  try {
    index = sourceIndex(file, READS, buildReadIndex);
  } catch {
    return undefined; // not a file that can be read or parsed: no source to ask
  }
  const uses = new Set((index.get(`${line}:${column - 1}`) ?? []).filter((read) => read.name === undefined || read.name === name).map((read) => read.use));
  return uses.size === 1 ? [...uses][0] : undefined;
}

const WRAPPERS: ReadonlySet<string> = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);
const TESTED_BINARY: ReadonlySet<string> = new Set(['==', '!=', '===', '!==']);

type Member = Extract<Node, { type: 'MemberExpression' | 'OptionalMemberExpression' }>;

function buildReadIndex(ast: File): ReadIndex {
  const parents = new Map<Node, Node>();
  const members: Member[] = [];
  walk(ast, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') members.push(node);
  });
  const index = new Map<string, IndexedRead[]>();
  const add = (at: Node | undefined, read: IndexedRead): void => {
    const start = at?.loc?.start;
    if (!start) return;
    const key = `${start.line}:${start.column}`;
    index.set(key, [...(index.get(key) ?? []), read]);
  };
  for (const member of members) {
    const read = { name: nameOf(member), use: useOf(member, parents) };
    add(member.property, read);
    add(reportedAt(member.object), read);
  }
  return index;
}

/** Where V8 reports a read of `node`'s value when it is itself a read: its property name, else its start. */
function reportedAt(node: Node): Node {
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) return node.property;
  return node;
}

function nameOf(member: Member): string | undefined {
  const key = member.property;
  if (!member.computed) return key.type === 'Identifier' ? key.name : undefined;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return undefined;
}

function useOf(member: Member, parents: ReadonlyMap<Node, Node>): ReadUse {
  let child: Node = member;
  let parent = parents.get(member);
  while (parent && WRAPPERS.has(parent.type)) {
    child = parent;
    parent = parents.get(parent);
  }
  return parent ? useIn(child, parent) : 'other';
}

/** The use of `child`'s value in `parent` (see {@link ReadUse}). */
function useIn(child: Node, parent: Node): ReadUse {
  switch (parent.type) {
    case 'LogicalExpression':
      return parent.left === child ? 'tested' : 'other';
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      if (parent.object !== child) return 'other';
      return parent.type === 'OptionalMemberExpression' && parent.optional ? 'tested' : 'through';
    case 'CallExpression':
    case 'OptionalCallExpression':
      if (parent.callee === child) return parent.type === 'OptionalCallExpression' && parent.optional ? 'tested' : 'through';
      if (isCelHelper(parent.callee)) return 'tested';
      return parent.callee.type === 'Identifier' && (parent.callee.name === 'String' || parent.callee.name === 'Number') ? 'text' : 'other';
    case 'UnaryExpression':
      return parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void' ? 'tested' : 'text';
    case 'BinaryExpression':
      if (TESTED_BINARY.has(parent.operator)) return 'tested';
      return parent.operator === 'in' || parent.operator === 'instanceof' ? 'other' : 'text';
    case 'TemplateLiteral':
      return 'text';
    case 'ConditionalExpression':
      return parent.test === child ? 'tested' : 'other';
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
      return 'test' in parent && parent.test === child ? 'tested' : 'other';
    case 'SpreadElement':
    case 'ForOfStatement':
    case 'ForInStatement':
      return 'through';
    case 'VariableDeclarator':
      return parent.id.type === 'ObjectPattern' || parent.id.type === 'ArrayPattern' ? 'through' : 'other';
    default:
      return 'other';
  }
}

/** `Cel.default(x, d)`, `Cel.has(x)`, ...: the helpers test their arguments as JavaScript does. */
function isCelHelper(callee: Node): boolean {
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier' && callee.object.name === 'Cel';
}
