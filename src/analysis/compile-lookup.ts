/**
 * Lookup tables: `sizes[spec.size]` with `const sizes = { small: 1, large: 3 }` a local object literal. In
 * JavaScript an arbitrary string key may miss the table (`undefined`) or hit a property every object
 * inherits (`constructor`, `toString`, `__proto__`), which a CEL map cannot mean. The read compiles to a CEL
 * map literal index only when the key's type lists its possible values (an enumeration of the spec, such as
 * arktype's `"'small' | 'large'"`): every value an own key of the table is exact; values the table lacks
 * read as absent (`sizes[k] ?? d`), unless one of them is an inherited name.
 *
 * The same hazard on a map the cluster holds (a `Record` field of the spec, an object of unknown shape): a
 * key that names an inherited member (`spec.labels.constructor`, `'toString' in spec.labels`) is refused,
 * and so is a key whose type lists such a name; a key that may be any string is the one documented
 * difference (README, "Where the CEL differs"): refusing it would refuse every `spec.map[spec.key]`.
 */
import type { BinaryExpression, MemberExpression, Node, OptionalMemberExpression } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { syntaxError } from './errors.js';
import { literalOf, ownProperties } from './literal-reads.js';
import type { Scope } from './scope.js';
import { snippetOf } from './source.js';
import { plain, valueOf, type Compiler, type Typed } from './typed.js';

/** `table[key]` over a local object literal with a computed key; undefined when `node` is not one. */
export function compileLookup(node: MemberExpression | OptionalMemberExpression, scope: Scope, compiler: Compiler): Typed | undefined {
  if (!node.computed || node.optional) return undefined;
  const table = literalOf(node.object, scope);
  if (table?.node.type !== 'ObjectExpression') return undefined;
  const key = compiler.value(node.property, scope);
  if (key.type.kind !== 'string' || key.nullish) return undefined;
  const properties = ownProperties(table.node, table.scope);
  if (!properties) {
    throw syntaxError(node, 'this lookup table does not show all its keys (a computed key, a method, `__proto__` or a spread of something that is not a local object literal)', 'write the table as an object literal with plain keys');
  }
  const keys = [...properties.keys()];
  const values = key.type.values;
  if (!values || key.absent) {
    throw syntaxError(
      node,
      `\`${snippetOf(node.property)}\` may be any string${key.absent ? ' or undefined' : ''}: JavaScript reads \`undefined\` for a key the table lacks and an inherited value for names such as \`constructor\` or \`toString\`, which a CEL map cannot mean`,
      `give the key an enumeration type listing the table's keys (in the spec: "${keys.map((k) => `'${k}'`).join(' | ')}"), with a default if it is optional`,
    );
  }
  const missing = values.filter((value) => !properties.has(value));
  refuseInheritedKeys(node, missing, 'the table', 'add the key to the table, or leave it out of the enumeration');
  const entries = values.filter((value) => properties.has(value)).map((value) => ({ value, property: properties.get(value)! }));
  const compiled = compileValues(entries.map((entry) => entry.property), compiler);
  const type = compiled[0]?.type ?? T.dyn;
  if (compiled.some((item) => item.type.kind !== type.kind)) {
    throw syntaxError(table.node, 'the values this lookup can read have different types, which one CEL map cannot hold', 'give every value of the table the same type');
  }
  const map = E.map(entries.map((entry, i) => ({ key: E.str(entry.value), value: compiled[i]!.expr })));
  const read = E.index(map, valueOf(key));
  if (missing.length === 0) return plain(read, type);
  return { expr: read, type, absent: { present: E.binary('in', valueOf(key), map), value: read, wrapped: false } };
}

/** Whether every JavaScript object has `key` (`constructor`, `toString`, `__proto__`, ...) without holding it. */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype;
}

/** Refuses a key type listing inherited names (`'a' | 'constructor'`): JavaScript reads a function for them. */
export function refuseInheritedKeys(node: Node, values: readonly string[], holder: string, hint: string): void {
  const inherited = values.filter(isInheritedName);
  if (inherited.length === 0) return;
  throw syntaxError(node, `the key may be ${inherited.map((v) => `\`${v}\``).join(', ')}, which every JavaScript object inherits: ${holder} would give a function there, which a CEL map cannot mean`, hint);
}

/**
 * `map.constructor`, `map['toString']` on a map whose keys the cluster decides: JavaScript reads the inherited
 * function when the map has no such key, CEL reads only the map's own keys.
 */
export function refuseInheritedRead(node: MemberExpression | OptionalMemberExpression, key: string): never {
  const map = snippetOf(node.object);
  throw syntaxError(
    node,
    `\`${key}\` is a member every JavaScript object inherits: \`${snippetOf(node)}\` reads the inherited function when the map has no key \`${key}\`, which a CEL map cannot mean`,
    `to read the map's own key of that name, write Cel.expr(${map}, '[?"${key}"].orValue(<default>)')`,
  );
}

/** `'toString' in map`: always true in JavaScript (inherited), while a CEL map holds only its own keys. */
export function refuseInheritedIn(node: BinaryExpression, key: string): never {
  throw syntaxError(
    node,
    `\`${snippetOf(node)}\` is always true in JavaScript: every object inherits \`${key}\`, while a CEL map holds only its own keys`,
    `to test for the map's own key of that name, write Cel.expr('"${key}" in ', ${snippetOf(node.right)})`,
  );
}

/** The table's values, as doubles when some are (JavaScript has one number type; CEL's int and double differ). */
function compileValues(properties: readonly { node: Node; scope: Scope }[], compiler: Compiler): Typed[] {
  const once = (expect?: CelType): Typed[] => properties.map((property) => {
    const t = compiler.value(property.node, property.scope, expect);
    if (t.nullish || t.absent) throw syntaxError(property.node, 'a lookup table value that may be undefined', 'give it a default with `??`');
    return t;
  });
  const first = once();
  const kinds = new Set(first.map((t) => t.type.kind));
  return kinds.size === 2 && kinds.has('int') && kinds.has('double') ? once(T.double) : first;
}
