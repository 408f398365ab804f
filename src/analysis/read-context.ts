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
import { enclosingBlock, isReference, WRAPPERS, type Member, type Tree } from './read-tree.js';
import { bindingTemplateUse, isTemplateArgument, templateUseOf, type TemplateUse } from './template-use.js';

export type { TemplateUse } from './template-use.js';

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
  /** Judged when first asked: most reads of a file are never of an absent field. */
  readonly use: () => ReadUse;
  /** Judged when first asked: only reads of bytes fields ask it. */
  readonly template?: () => TemplateUse;
  /** Judged when first asked: the read is an operand of `<`, `<=`, `>`, `>=` itself (which compile with JavaScript's `undefined`). */
  readonly compared?: () => boolean;
}

/** `judge`, called once when first asked. */
function once<T>(judge: () => T): () => T {
  let use: T | undefined;
  return () => (use ??= judge());
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
  const uses = new Set(readsAt(index, line, column, name).map((read) => read.use()));
  return uses.size === 1 ? [...uses][0] : undefined;
}

function readsAt(index: ReadIndex, line: number, column: number, name: string): readonly IndexedRead[] {
  return (index.get(`${line}:${column - 1}`) ?? []).filter((read) => read.name === undefined || read.name === name);
}

/**
 * Whether the read of property `name` that V8 reports at `line`:`column` (1-based) of `file` is itself an
 * operand of `<`, `<=`, `>` or `>=`: there an absent field compiles with JavaScript's `undefined` (the
 * comparison is false), so the concrete run's conversion of it is exact (composition/concrete-view.ts).
 * @example comparedAt('/app/web.ts', 12, 25, 'readyReplicas'); // true for `web.status.readyReplicas > 0`
 */
export function comparedAt(file: string, line: number, column: number, name: string): boolean {
  let index: ReadIndex;
  try {
    index = sourceIndex(file, READS, buildReadIndex);
  } catch {
    return false;
  }
  const reads = readsAt(index, line, column, name);
  return reads.length > 0 && reads.every((read) => read.compared?.() === true);
}

/**
 * The {@link TemplateUse} of the read of property `name` that V8 reports at `line`:`column` (1-based) of
 * `file`, or `undefined` when the position is not one read of that name.
 * @example templateUseAt('/app/db.ts', 9, 40, 'password'); // 'cel' for `Cel.template('%s', creds.data.password)`
 */
export function templateUseAt(file: string, line: number, column: number, name: string): TemplateUse | undefined {
  let index: ReadIndex;
  try {
    index = sourceIndex(file, READS, buildReadIndex);
  } catch {
    return undefined;
  }
  const uses = new Set(readsAt(index, line, column, name).map((read) => read.template?.() ?? 'javascript'));
  return uses.size === 1 ? [...uses][0] : undefined;
}

const TEMPLATE_WRITTEN = new SourceIndexKey<boolean>('Cel.template written');

/**
 * Whether any read of `file` can be a `Cel.template` argument ({@link TemplateUse} `cel` or `both`): only where
 * the text writes the callee `Cel.template` ({@link isTemplateArgument}), so not in a file without the word
 * `template` nor a `\\u` escape that could spell it. Asked before walking a function for reads held both
 * ways, which most files have none of. A file that cannot be read or parsed answers `true` (ask in full).
 */
export function mayBeTemplateArgument(file: string): boolean {
  try {
    return sourceIndex(file, TEMPLATE_WRITTEN, (_ast, code) => code.includes('template') || code.includes('\\u'));
  } catch {
    return true;
  }
}

/**
 * Why a bytes field (a Secret's `data` entry) read into a local or parameter used both as JavaScript text and
 * as a `Cel.template` argument is refused, and the way out: the definition (compile-expression.ts) and the
 * concrete run (composition/concrete-view.ts) say the same.
 * @example bothUsesRefusal('pw').hint; // "pass the read itself to Cel.template (...) and use the local for the base64 text"
 */
export function bothUsesRefusal(name: string): { readonly why: string; readonly hint: string } {
  return {
    why: `\`${name}\` is a Secret's data entry (bytes to CEL) held in a local that is used both as JavaScript text (its base64 text) and as a Cel.template argument (its decoded text); one JavaScript value cannot be both`,
    hint: `pass the read itself to Cel.template (\`Cel.template('%s', secret.data.${name})\`) and use the local for the base64 text`,
  };
}

const TESTED_BINARY: ReadonlySet<string> = new Set(['==', '!=', '===', '!==']);

type Pattern = Extract<Node, { type: 'ObjectPattern' }>;

function buildReadIndex(ast: File): ReadIndex {
  const parents = new Map<Node, Node>();
  const members: Member[] = [];
  const patterns: Pattern[] = [];
  walk(ast, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') members.push(node);
    if (node.type === 'ObjectPattern') patterns.push(node);
  });
  const tree: Tree = { parents };
  const index = new Map<string, IndexedRead[]>();
  const add = (at: Node | undefined, read: IndexedRead): void => {
    const start = at?.loc?.start;
    if (!start) return;
    const key = `${start.line}:${start.column}`;
    const reads = index.get(key);
    if (reads) reads.push(read);
    else index.set(key, [read]);
  };
  for (const member of members) {
    const read = { name: nameOf(member), use: once(() => useOf(member, tree)), template: once(() => templateUseOf(member, tree)), compared: once(() => comparedOf(member, tree)) };
    add(member.property, read);
    add(reportedAt(member.object), read);
  }
  // `const { readyReplicas, x = 1 } = web.status`: V8 reports each read where its binding is written.
  for (const pattern of patterns) {
    for (const property of pattern.properties) {
      if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier') continue;
      const target = property.value;
      const name = property.key.name;
      if (target.type === 'AssignmentPattern') add(target.left, { name, use: () => 'tested' });
      else if (target.type === 'Identifier') add(target, { name, use: once(() => bindingUse(target.name, target, tree)), template: once(() => bindingTemplateUse(target, tree)) });
      else add(target, { name, use: () => 'through' });
    }
  }
  return index;
}

/** Where V8 reports a read of `node`'s value when it is itself a read: its property name, else its start. */
function reportedAt(node: Node): Node {
  // `test.data!['uri']`, `(x as T)[k]`: the read V8 reports is the one inside the TypeScript wrapper.
  if (WRAPPERS.has(node.type) && 'expression' in node) return reportedAt(node.expression as Node);
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

const RELATIONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/** `node`'s value (past TypeScript wrappers) is an operand of a relation; through a local (`const c = x.count`), every use of it is. */
function comparedOf(node: Node, tree: Tree, local = true): boolean {
  let parent = tree.parents.get(node);
  while (parent && WRAPPERS.has(parent.type)) parent = tree.parents.get(parent);
  if (parent?.type === 'BinaryExpression') return RELATIONS.has(parent.operator);
  if (!local || parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier') return false;
  const name = parent.id.name;
  const declared = parent.id;
  const scope = enclosingBlock(declared, tree);
  if (!scope) return false;
  let all = true;
  let any = false;
  walk(scope, (ref, up) => {
    if (ref.type !== 'Identifier' || ref.name !== name || ref === declared || !up || !isReference(ref, up)) return;
    any = true;
    if (!comparedOf(ref, tree, false)) all = false;
  });
  return any && all;
}

function useOf(member: Member, tree: Tree): ReadUse {
  let child: Node = member;
  let parent = tree.parents.get(member);
  while (parent && WRAPPERS.has(parent.type)) {
    child = parent;
    parent = tree.parents.get(parent);
  }
  if (!parent) return 'other';
  // `const conds = web.status.conditions`: what the code does with the local is what it does with the read.
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return bindingUse(parent.id.name, parent.id, tree);
  return useIn(child, parent);
}

/**
 * The use of a value bound to local `name` (declared at `declared`), from its references in the enclosing
 * block: `tested` when one tests it and none reads through it, `through` when one reads or builds from it and
 * none tests it, `other` when it is only passed on; mixed uses leave it `other` (the caller's default).
 */
function bindingUse(name: string, declared: Node, tree: Tree): ReadUse {
  const scope = enclosingBlock(declared, tree);
  if (!scope) return 'other';
  const uses = new Set<ReadUse>();
  walk(scope, (node, parent) => {
    if (node.type !== 'Identifier' || node.name !== name || node === declared || !parent || !isReference(node, parent)) return;
    let child: Node = node;
    let up: Node | undefined = parent;
    while (up && WRAPPERS.has(up.type)) {
      child = up;
      up = tree.parents.get(up);
    }
    uses.add(up ? useIn(child, up) : 'other');
  });
  const tested = uses.has('tested');
  const built = uses.has('through') || uses.has('text');
  if (tested && !uses.has('through')) return 'tested';
  return built && !tested ? 'through' : 'other';
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
    case 'SwitchStatement':
      // `switch (x)` compares `x` with `===` to each label, as a label is compared with it.
      return parent.discriminant === child ? 'tested' : 'other';
    case 'SwitchCase':
      return parent.test === child ? 'tested' : 'other';
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
