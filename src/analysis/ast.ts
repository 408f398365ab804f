/** Minimal Babel AST helpers: child enumeration and a pre-order walk (no @babel/traverse needed). */
import type { Node } from '@babel/types';

/** True for keys that hold positions or comments, never child nodes we care about. */
function isSkippedKey(key: string): boolean {
  switch (key) {
    case 'type': case 'loc': case 'start': case 'end': case 'extra': case 'range':
    case 'leadingComments': case 'trailingComments': case 'innerComments': case 'comments': case 'tokens':
      return true;
    default:
      return false;
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const NONE: readonly string[] = [];

/**
 * The keys that can hold child nodes, by node type, in the order Babel's parser creates them (which is the
 * order `Object.keys` gave the walk before this table: `case f(): g()` visits `g()` first, a call's type
 * arguments come after its arguments): Babel's `VISITOR_KEYS` (@babel/types, a dev dependency only),
 * reordered where the parser differs. Arrow functions are not listed: the parser orders their keys by the
 * path it took (`async <T>(a): R => a` puts the type parameters first, `<T>(a): R => a` last). `ast.test.ts`
 * holds the table to `Object.keys` on every node of the repository's sources and to `VISITOR_KEYS`. The walks
 * visit every node of a file several times per definition, and `Object.keys` allocated an array per node;
 * types not listed here still take that path.
 */
const CHILD_KEYS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  BigIntLiteral: NONE, BooleanLiteral: NONE, EmptyStatement: NONE, Import: NONE, InterpreterDirective: NONE,
  NullLiteral: NONE, NumericLiteral: NONE, RegExpLiteral: NONE, StringLiteral: NONE, Super: NONE, TSAnyKeyword: NONE,
  TSBigIntKeyword: NONE, TSBooleanKeyword: NONE, TSNeverKeyword: NONE, TSNullKeyword: NONE, TSNumberKeyword: NONE,
  TSObjectKeyword: NONE, TSStringKeyword: NONE, TSSymbolKeyword: NONE, TSThisType: NONE, TSUndefinedKeyword: NONE,
  TSUnknownKeyword: NONE, TSVoidKeyword: NONE, TemplateElement: NONE, ThisExpression: NONE,
  ArrayExpression: ['elements'],
  ArrayPattern: ['elements', 'typeAnnotation'],
  AssignmentExpression: ['left', 'right'],
  AssignmentPattern: ['left', 'right', 'decorators'],
  AwaitExpression: ['argument'],
  BinaryExpression: ['left', 'right'],
  BlockStatement: ['directives', 'body'],
  BreakStatement: ['label'],
  CallExpression: ['callee', 'arguments', 'typeParameters', 'typeArguments'],
  CatchClause: ['param', 'body'],
  ClassBody: ['body'],
  ClassDeclaration: ['decorators', 'id', 'typeParameters', 'superClass', 'superTypeParameters', 'mixins', 'implements', 'body'],
  ClassExpression: ['decorators', 'id', 'typeParameters', 'superClass', 'superTypeParameters', 'mixins', 'implements', 'body'],
  ClassMethod: ['decorators', 'key', 'typeParameters', 'params', 'returnType', 'body'],
  ClassPrivateMethod: ['decorators', 'key', 'typeParameters', 'params', 'returnType', 'body'],
  ClassPrivateProperty: ['decorators', 'variance', 'key', 'typeAnnotation', 'value'],
  ClassProperty: ['decorators', 'variance', 'key', 'typeAnnotation', 'value'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  ContinueStatement: ['label'],
  DoWhileStatement: ['body', 'test'],
  ExportAllDeclaration: ['source', 'attributes', 'assertions'],
  ExportDefaultDeclaration: ['declaration'],
  ExportNamedDeclaration: ['declaration', 'specifiers', 'source', 'attributes', 'assertions'],
  ExportNamespaceSpecifier: ['exported'],
  ExportSpecifier: ['local', 'exported'],
  ExpressionStatement: ['expression'],
  File: ['program'],
  ForInStatement: ['left', 'right', 'body'],
  ForOfStatement: ['left', 'right', 'body'],
  ForStatement: ['init', 'test', 'update', 'body'],
  FunctionDeclaration: ['id', 'typeParameters', 'params', 'returnType', 'body'],
  FunctionExpression: ['id', 'typeParameters', 'params', 'returnType', 'body'],
  Identifier: ['typeAnnotation', 'decorators'],
  IfStatement: ['test', 'consequent', 'alternate'],
  ImportAttribute: ['key', 'value'],
  ImportDeclaration: ['specifiers', 'source', 'attributes', 'assertions'],
  ImportDefaultSpecifier: ['local'],
  ImportNamespaceSpecifier: ['local'],
  ImportSpecifier: ['imported', 'local'],
  LabeledStatement: ['body', 'label'],
  LogicalExpression: ['left', 'right'],
  MemberExpression: ['object', 'property'],
  MetaProperty: ['meta', 'property'],
  NewExpression: ['callee', 'typeParameters', 'typeArguments', 'arguments'],
  ObjectExpression: ['properties'],
  ObjectMethod: ['decorators', 'key', 'typeParameters', 'params', 'returnType', 'body'],
  ObjectPattern: ['decorators', 'properties', 'typeAnnotation'],
  ObjectProperty: ['decorators', 'key', 'value'],
  OptionalCallExpression: ['callee', 'arguments', 'typeParameters', 'typeArguments'],
  OptionalMemberExpression: ['object', 'property'],
  PrivateName: ['id'],
  Program: ['interpreter', 'directives', 'body'],
  RestElement: ['argument', 'typeAnnotation'],
  ReturnStatement: ['argument'],
  SequenceExpression: ['expressions'],
  SpreadElement: ['argument'],
  StaticBlock: ['body'],
  SwitchCase: ['consequent', 'test'],
  SwitchStatement: ['discriminant', 'cases'],
  TSArrayType: ['elementType'],
  TSAsExpression: ['expression', 'typeAnnotation'],
  TSCallSignatureDeclaration: ['typeParameters', 'parameters', 'typeAnnotation'],
  TSConditionalType: ['checkType', 'extendsType', 'trueType', 'falseType'],
  TSConstructorType: ['typeParameters', 'parameters', 'typeAnnotation'],
  TSDeclareFunction: ['id', 'typeParameters', 'params', 'returnType'],
  TSDeclareMethod: ['decorators', 'key', 'typeParameters', 'params', 'returnType'],
  TSEnumDeclaration: ['id', 'members'],
  TSEnumMember: ['id', 'initializer'],
  TSExpressionWithTypeArguments: ['expression', 'typeParameters'],
  TSFunctionType: ['typeParameters', 'parameters', 'typeAnnotation'],
  TSImportType: ['argument', 'options', 'qualifier', 'typeParameters'],
  TSIndexSignature: ['parameters', 'typeAnnotation'],
  TSIndexedAccessType: ['objectType', 'indexType'],
  TSInferType: ['typeParameter'],
  TSInterfaceBody: ['body'],
  TSInterfaceDeclaration: ['id', 'typeParameters', 'extends', 'body'],
  TSIntersectionType: ['types'],
  TSLiteralType: ['literal'],
  TSMappedType: ['typeParameter', 'nameType', 'typeAnnotation'],
  TSMethodSignature: ['key', 'typeParameters', 'parameters', 'typeAnnotation'],
  TSModuleBlock: ['body'],
  TSModuleDeclaration: ['id', 'body'],
  TSNamedTupleMember: ['label', 'elementType'],
  TSNonNullExpression: ['expression'],
  TSParameterProperty: ['decorators', 'parameter'],
  TSParenthesizedType: ['typeAnnotation'],
  TSPropertySignature: ['key', 'typeAnnotation'],
  TSQualifiedName: ['left', 'right'],
  TSRestType: ['typeAnnotation'],
  TSSatisfiesExpression: ['expression', 'typeAnnotation'],
  TSTupleType: ['elementTypes'],
  TSTypeAliasDeclaration: ['id', 'typeParameters', 'typeAnnotation'],
  TSTypeAnnotation: ['typeAnnotation'],
  TSTypeAssertion: ['typeAnnotation', 'expression'],
  TSTypeLiteral: ['members'],
  TSTypeOperator: ['typeAnnotation'],
  TSTypeParameter: ['constraint', 'default'],
  TSTypeParameterDeclaration: ['params'],
  TSTypeParameterInstantiation: ['params'],
  TSTypePredicate: ['parameterName', 'typeAnnotation'],
  TSTypeQuery: ['exprName', 'typeParameters'],
  TSTypeReference: ['typeName', 'typeParameters'],
  TSUnionType: ['types'],
  TaggedTemplateExpression: ['tag', 'typeParameters', 'quasi'],
  TemplateLiteral: ['expressions', 'quasis'],
  ThrowStatement: ['argument'],
  TryStatement: ['block', 'handler', 'finalizer'],
  UnaryExpression: ['argument'],
  UpdateExpression: ['argument'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
  WhileStatement: ['test', 'body'],
  YieldExpression: ['argument'],
}));

/**
 * Calls `visit(child, node, a, b)` for each direct child node of `node`, in source (key) order. The walks
 * visit every node of a file several times per definition: no array per node, and the walk's state in `a`
 * and `b` instead of a closure per node.
 */
export function eachChild<A, B>(node: Node, a: A, b: B, visit: (child: Node, parent: Node, a: A, b: B) => void): void {
  const keys = CHILD_KEYS.get(node.type);
  if (keys === undefined) return eachChildByKeys(node, a, b, visit);
  const record = node as unknown as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const value = record[keys[i]!];
    if (value == null) continue;
    if (Array.isArray(value)) {
      for (let j = 0; j < value.length; j++) if (isNode(value[j])) visit(value[j], node, a, b);
    } else if (isNode(value)) visit(value, node, a, b);
  }
}

/** The keys of `type` that can hold child nodes, in walk order, or `undefined` for a type the table lacks. */
export function childKeysOf(type: string): readonly string[] | undefined {
  return CHILD_KEYS.get(type);
}

/** {@link eachChild} for a node type the table does not list: every key that holds a node. */
function eachChildByKeys<A, B>(node: Node, a: A, b: B, visit: (child: Node, parent: Node, a: A, b: B) => void): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (isSkippedKey(key)) continue;
    const value = record[key];
    if (Array.isArray(value)) {
      for (let j = 0; j < value.length; j++) if (isNode(value[j])) visit(value[j], node, a, b);
    } else if (isNode(value)) visit(value, node, a, b);
  }
}

/** Visits `root` and its descendants depth-first; return `false` from `visit` to skip a subtree. */
export function walk(root: Node, visit: Visit): void {
  step(root, undefined, visit);
}

type Visit = (node: Node, parent: Node | undefined) => boolean | void;

// Module functions rather than closures per walk: walks are many and short (tsx names every closure made).
function step(node: Node, parent: Node | undefined, visit: Visit): void {
  if (visit(node, parent) === false) return;
  eachChild(node, visit, undefined, step);
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

/** True for the function forms a composition or a callback can take. */
export function isFunctionNode(node: Node): node is Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration' | 'ObjectMethod' | 'ClassMethod' }> {
  return FUNCTION_TYPES.has(node.type);
}

const LOOP_METHODS: ReadonlySet<string> = new Set(['map', 'forEach', 'flatMap']);

/**
 * True when `fn` is the first argument of `owner`, a call `x.map(...)`, `x.forEach(...)` or `x.flatMap(...)`:
 * the body of a loop, which the compiler reads like a `for...of` body (its item becomes a forEach item, its
 * locals are the enclosing function's).
 */
export function isLoopCallbackOf(fn: Node, owner: Node | undefined): boolean {
  if (owner?.type !== 'CallExpression' || owner.arguments[0] !== fn) return false;
  const callee = owner.callee;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && LOOP_METHODS.has(callee.property.name);
}

/** Strips wrappers that do not change a value: TypeScript assertions and parentheses. */
export function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' || current.type === 'ParenthesizedExpression'
  ) current = current.expression;
  return current;
}

/**
 * The branch of `test ? value : undefined` (or `null`, `void 0`, either side) that is not nothing: the value a
 * local holds only under the test (`const cache = spec.cache ? Deployment({...}) : undefined`).
 */
export function soleBranch(node: Node): Node | undefined {
  if (node.type !== 'ConditionalExpression') return undefined;
  if (isNothing(unwrap(node.alternate)) && !isNothing(unwrap(node.consequent))) return node.consequent;
  if (isNothing(unwrap(node.consequent)) && !isNothing(unwrap(node.alternate))) return node.alternate;
  return undefined;
}

function isNothing(node: Node): boolean {
  return (node.type === 'Identifier' && node.name === 'undefined') || node.type === 'NullLiteral' || (node.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'NumericLiteral');
}

/** Statements that do nothing where they stand: a function declaration is hoisted, types are erased. */
const INERT_STATEMENTS: ReadonlySet<string> = new Set(['FunctionDeclaration', 'TSDeclareFunction', 'TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'EmptyStatement']);

/**
 * The last statement of a body that runs: `return status; function helper() { ... }` ends with the
 * `return` (JavaScript hoists the declaration, so it may follow the return that uses it).
 */
export function lastRunStatement(statements: readonly Node[]): Node | undefined {
  for (let i = statements.length - 1; i >= 0; i--) if (!INERT_STATEMENTS.has(statements[i]!.type)) return statements[i];
  return undefined;
}

/** The names a pattern declares, in source order (`{ a, b: [c = 1], ...d }` declares a, c, d). */
export function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternNames(property.type === 'RestElement' ? property : (property.value as Node)));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    default:
      return [];
  }
}
