/**
 * Code a call runs that is not bound as a helper, for run-values.ts: a shorthand method of an object literal
 * (`clock.now()` of `const clock = { now() { ... } }`) and a class's code (`new Ids()`: its constructor and
 * instance field initialisers; `ids.next()` of `const ids = new Ids()`; `Ids.next()`, a static method). The
 * compiler does not follow into them (unfollowed-methods.ts refuses them where a reference flows in), but
 * JavaScript runs them when the composition is defined, so a `Math.random()` inside is frozen into the graph
 * exactly as one written inline (trial 17's leftover: "methods of class instances").
 */
import type { ClassDeclaration, Node } from '@babel/types';
import { unwrap } from './ast.js';
import { resolveModuleName } from './modules.js';
import { namedBinding, propertyOf, scopeOf, type Binding, type FunctionLike, type Scope } from './scope.js';
import { parseSourceFile } from './source.js';

/** A piece of code a call runs: its parameters (their defaults run too) and its body, read in `scope`. */
export interface CalledCode {
  readonly name: string;
  /** The node the code is, so that it is followed once. */
  readonly key: Node;
  readonly params: readonly Node[];
  readonly body: FunctionLike['body'];
  readonly scope: Scope;
}

/**
 * The shorthand methods and class code `node` (a call or a `new`) runs, read in `scope`.
 *
 * @example
 * ```ts
 * // class Ids { next() { return Math.random() } }; const ids = new Ids(); ... ids.next()
 * methodsCalledAt(call, scope); // [{ name: 'ids.next', body: <next's body>, ... }]
 * ```
 */
export function methodsCalledAt(node: Node, scope: Scope): CalledCode[] {
  if (node.type === 'NewExpression') {
    const callee = unwrap(node.callee);
    const found = callee.type === 'Identifier' ? classNamed(callee, scope) : undefined;
    return found ? constructed(found.declaration, found.scope, `new ${(callee as { name: string }).name}`) : [];
  }
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return [];
  const callee = unwrap(node.callee);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return [];
  const object = unwrap(callee.object);
  const method = callee.property.name;
  const held = namedBinding(object, scope);
  const name = `${held?.name ?? 'this'}.${method}`;
  const shorthand = held && propertyOf(held.binding, method);
  if (typeof shorthand === 'object' && shorthand.property.type === 'ObjectMethod' && shorthand.property.kind === 'method') {
    const { params, body } = shorthand.property;
    return [{ name, key: shorthand.property, params, body, scope: shorthand.scope }];
  }
  // `Ids.next()` (static) or `ids.next()` of `const ids = new Ids()`.
  const asStatic = object.type === 'Identifier' && held?.binding === undefined ? classNamed(object, scope) : undefined;
  const instance = asStatic ? undefined : instanceClass(held?.binding);
  const found = asStatic ?? instance;
  if (!found) return [];
  const code = found.declaration.body.body.find((member) => member.type === 'ClassMethod' && member.kind === 'method' && !member.computed && member.key.type === 'Identifier' && member.key.name === method && Boolean(member.static) === Boolean(asStatic));
  return code?.type === 'ClassMethod' ? [{ name, key: code, params: code.params, body: code.body, scope: found.scope }] : [];
}

/** What `new C()` runs: the constructor and the instance fields' initialisers. */
function constructed(declaration: ClassDeclaration, scope: Scope, name: string): CalledCode[] {
  return declaration.body.body.flatMap((member): CalledCode[] => {
    if (member.type === 'ClassMethod' && member.kind === 'constructor') return [{ name, key: member, params: member.params, body: member.body, scope }];
    if ((member.type === 'ClassProperty' || member.type === 'ClassPrivateProperty') && !member.static && member.value) return [{ name, key: member, params: [], body: member.value, scope }];
    return [];
  });
}

/** The class a `const` holding `new C(...)` was made from. */
function instanceClass(held: Binding | undefined): { declaration: ClassDeclaration; scope: Scope } | undefined {
  if (held?.kind !== 'alias') return undefined;
  const value = unwrap(held.node);
  const callee = value.type === 'NewExpression' ? unwrap(value.callee) : undefined;
  return callee?.type === 'Identifier' ? classNamed(callee, held.scope) : undefined;
}

/**
 * The top-level class `name` names (in its own file or imported from another of the user's files), with the
 * scope its code is read in: `scope` in the same file; in another file only the globals, so that its own
 * `Math.random()` and package imports are seen (its file's helpers are not followed from there).
 */
function classNamed(name: Node & { type: 'Identifier' }, scope: Scope): { declaration: ClassDeclaration; scope: Scope } | undefined {
  const file = name.loc?.filename;
  if (!file || scope.lookup(name.name, name)) return undefined;
  try {
    const target = resolveModuleName(file, name.name);
    if (target?.kind !== 'declared') return undefined;
    for (const statement of parseSourceFile(target.file).program.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      if (declaration?.type === 'ClassDeclaration' && declaration.id?.name === target.name) return { declaration, scope: target.file === file ? scope : scopeOf({}) };
    }
  } catch {
    // An import TypeKro cannot follow is reported where the name is used.
  }
  return undefined;
}
