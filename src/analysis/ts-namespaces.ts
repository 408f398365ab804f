/**
 * TypeScript's `enum` and `namespace` declarations at a module's top level (trial 7 H26): JavaScript objects
 * TypeScript builds from declarations, so their members are definition-time constants (`Tier.Gold` is
 * 'gold') and functions (`NS.suffix(...)`). Both are bound like a namespace import (`kind: 'module'`): a
 * member read or call compiles like a named import's. An enum's members are computed with TypeScript's
 * rules: an initialiser is evaluated as JavaScript (constant-value.ts; earlier members are in scope by
 * name), a member without one is the previous number plus one (0 first); the enum object (with a numeric
 * enum's reverse mapping, `Num[2]`) is the binding's `value`. `const enum`s are the same constants. An
 * ambient `declare enum` has no object at run time and is not bound.
 */
import type { Node, Program, TSEnumDeclaration, TSModuleDeclaration } from '@babel/types';
import { constantValue } from './constant-value.js';
import type { Binding, Scope } from './scope.js';

/** The enum or namespace `name` declares at the top of `program` (exported or not), or undefined. */
export function typescriptObject(program: Program, file: string, name: string, scope: Scope, blockScope: (block: Node) => Scope): Binding | undefined {
  const declarations = program.body
    .map((statement) => (statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement))
    .filter((node): node is TSEnumDeclaration | TSModuleDeclaration => (node.type === 'TSEnumDeclaration' || node.type === 'TSModuleDeclaration') && !node.declare && node.id.type === 'Identifier' && node.id.name === name);
  if (declarations.length === 0) return undefined;
  const enums = declarations.filter((node): node is TSEnumDeclaration => node.type === 'TSEnumDeclaration');
  if (enums.length === declarations.length) return enumBinding(enums, file, scope);
  const namespaces = declarations.filter((node): node is TSModuleDeclaration => node.type === 'TSModuleDeclaration');
  if (namespaces.length === 1 && namespaces[0]!.body.type === 'TSModuleBlock') return namespaceBinding(namespaces[0]!, file, blockScope(namespaces[0]!.body));
  return { kind: 'unsupported', why: `\`${name}\` merges several TypeScript declarations, whose members TypeKro does not read`, hint: 'declare the enum or namespace once, or use a const object' };
}

/** An enum's object, with TypeScript's values (an `unsupported` binding when one of them is not a constant). */
function enumBinding(declarations: readonly TSEnumDeclaration[], file: string, scope: Scope): Binding {
  const object: Record<string, string | number> = {};
  const members = new Map<string, string | number>();
  const memberScope: Scope = {
    lookup: (name, at) => (members.has(name) ? { kind: 'constant', value: members.get(name)! } : scope.lookup(name, at)),
  };
  for (const declaration of declarations) {
    let previous: string | number | undefined;
    for (const member of enumMembers(declaration)) {
      const key = member.id.type === 'Identifier' ? member.id.name : member.id.value;
      const value = member.initializer ? constantValue(member.initializer, memberScope)?.value : typeof previous === 'number' ? previous + 1 : previous === undefined ? 0 : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') {
        return { kind: 'unsupported', why: `the member \`${declaration.id.name}.${key}\` is computed by code TypeKro does not run`, hint: 'give the member a literal value' };
      }
      members.set(key, value);
      object[key] = value;
      // A numeric member also maps its value back to its name (`Num[2]` is 'B'), as TypeScript's enum object does.
      if (typeof value === 'number') object[String(value)] = key;
      previous = value;
    }
  }
  const frozen = Object.freeze(object);
  return { kind: 'module', file, value: frozen, exports: { lookup: (name) => (Object.hasOwn(frozen, name) ? { kind: 'constant', value: frozen[name]! } : undefined) } };
}

function enumMembers(declaration: TSEnumDeclaration): TSEnumDeclaration['members'] {
  // Babel 7 keeps the members on the declaration; Babel 8 under `body`.
  const withBody = declaration as TSEnumDeclaration & { body?: { members: TSEnumDeclaration['members'] } };
  return withBody.body?.members ?? declaration.members;
}

/** A namespace: what its body exports (`export const`, `export function`), in the body's own scope; its other members are not read. */
function namespaceBinding(declaration: TSModuleDeclaration, file: string, body: Scope): Binding {
  const block = declaration.body;
  const exported = new Set<string>();
  if (block.type === 'TSModuleBlock') {
    for (const statement of block.body) {
      if (statement.type !== 'ExportNamedDeclaration' || !statement.declaration) continue;
      const inner = statement.declaration;
      // A `const` or a function: an exported `let` may be reassigned from outside (`NS.x = 2`), which the body does not show.
      if (inner.type === 'VariableDeclaration' && inner.kind === 'const') for (const d of inner.declarations) if (d.id.type === 'Identifier') exported.add(d.id.name);
      if (inner.type === 'FunctionDeclaration' && inner.id) exported.add(inner.id.name);
    }
  }
  return { kind: 'module', file, exports: { lookup: (name, at) => (exported.has(name) ? body.lookup(name, at) : undefined) } };
}
