/**
 * Calls of functions TypeKro does not follow into, although they are written in the user's source: a
 * shorthand method of an object literal (`fmt.lower(s)` of `{ lower(s) { ... } }`) and a static method of a
 * class (`Naming.dns(...)`). Without a refusal of their own the receiver would be compiled as a value and
 * the message would name another member (trial 8 T07); this one names the called member and the way out.
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { resolveModuleName } from './modules.js';
import { namedBinding, propertyOf, type Scope } from './scope.js';
import { parseSourceFile } from './source.js';

/** The refusal of `object.name(...)` at `call` when it calls one of those methods; undefined otherwise. */
export function unfollowedMethod(call: Node, objectNode: Node, name: string, scope: Scope): Error | undefined {
  const object = unwrap(objectNode);
  // `fmt` or `H.fmt` (through a namespace import).
  const held = namedBinding(object, scope);
  if (!held) return undefined;
  const found = propertyOf(held.binding, name);
  if (typeof found === 'object' && found.property.type === 'ObjectMethod' && found.property.kind === 'method') {
    return syntaxError(
      call,
      `\`${held.name}.${name}(...)\` calls a method written in the shorthand form (\`${name}(...) { ... }\`), which TypeKro does not follow into`,
      `write it as a property holding an arrow function (\`${name}: (...) => ...\`), or export \`${name}\` as a function`,
    );
  }
  if (held.binding === undefined && object.type === 'Identifier' && isClass(object.loc?.filename, object.name)) {
    return syntaxError(
      call,
      `\`${held.name}.${name}(...)\` calls a static method of the class \`${held.name}\`: static methods of classes are not followed`,
      `export \`${name}\` as a function (\`export function ${name}(...)\`) and call it`,
    );
  }
  return undefined;
}

/** Whether the top-level name `name` of `file` is a class declaration (its own, or imported from a local file). */
function isClass(file: string | undefined, name: string): boolean {
  if (!file) return false;
  try {
    const target = resolveModuleName(file, name);
    if (target?.kind !== 'declared') return false;
    return parseSourceFile(target.file).program.body.some((statement) => {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      return declaration?.type === 'ClassDeclaration' && declaration.id?.name === target.name;
    });
  } catch {
    // An import TypeKro cannot follow is reported where the name is used, as before.
    return false;
  }
}
