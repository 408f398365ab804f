/**
 * Which names may be CEL variables. TypeKro declares three kinds of names as CEL variables: resource ids,
 * forEach iterators and comprehension (callback) variables. One predicate decides for all three, so a name
 * that works in one place works in every other, in KRO and in direct mode alike.
 */

/** KRO's rule for resource ids and forEach iterator names (KRO v0.9.4 `pkg/graph/validation.go`). */
export const LOWER_CAMEL = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Words KRO reserves for ids and iterators (`kroReservedKeyWords`), plus CEL's reserved symbols
 * (`celReservedSymbols`; cel-go's parser refuses them as identifiers: "reserved identifier: namespace").
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // kro
  'apiVersion', 'context', 'dependency', 'dependencies', 'each', 'externalRef', 'externalReference',
  'externalRefs', 'externalReferences', 'graph', 'instance', 'item', 'items', 'kind', 'kro', 'metadata',
  'namespace', 'object', 'resource', 'resourcegraphdefinition', 'resourceGraphDefinition', 'resources',
  'root', 'runtime', 'schema', 'self', 'serviceAccountName', 'spec', 'status', 'this', 'variables', 'vars',
  'version',
  // CEL
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'return', 'var', 'void', 'while',
]);

/**
 * Names a CEL environment declares itself, so a variable of that name cannot be declared: the type
 * identifiers of CEL's standard library (`int`, `map`, `type`, ...; cel-go before v0.27 refuses them too:
 * "overlapping identifier for name 'map'") and the namespaces direct mode's engine (cel-js) registers
 * (`cel`, `google`, `optional`): "Invalid variable declaration: 'map' is already registered".
 */
const TYPE_NAMES: ReadonlySet<string> = new Set(['bool', 'bytes', 'double', 'int', 'list', 'map', 'null_type', 'string', 'type', 'uint']);
export const ENGINE_NAMES: ReadonlySet<string> = new Set([...TYPE_NAMES, 'cel', 'google', 'optional']);

/** Why `name` cannot be declared as a CEL variable (KRO's and CEL's words), or `undefined` when it can. */
export function reservedNameProblem(name: string): string | undefined {
  if (RESERVED_WORDS.has(name)) return 'is reserved by KRO or CEL';
  if (ENGINE_NAMES.has(name)) return `is a name CEL declares itself (${TYPE_NAMES.has(name) ? 'the type' : 'a namespace of functions'} \`${name}\`)`;
  return undefined;
}

/** True when `name` can be a CEL variable: lowerCamelCase (KRO's rule) and not a reserved or engine name. */
export function isCelVariableName(name: string): boolean {
  return LOWER_CAMEL.test(name) && reservedNameProblem(name) === undefined;
}

/**
 * The CEL name a JavaScript variable gets (a loop variable as a forEach iterator, a callback parameter as a
 * comprehension variable): the JavaScript name when it can be a CEL variable and `taken` does not have it,
 * else the first free `<name>Item`, `<name>Item2`, ... (`Region` gives `regionItem`; `loopItem` when the name has no usable letters).
 * `taken` holds the other names the expression can see (resource ids, other iterators and variables).
 *
 * @example
 * celVariableName('schema', () => false) // 'schemaItem' (KRO's `schema` stays the instance)
 * celVariableName('web', (n) => n === 'web') // 'webItem'
 */
export function celVariableName(name: string, taken: (candidate: string) => boolean): string {
  const free = (candidate: string): boolean => isCelVariableName(candidate) && !taken(candidate);
  if (free(name)) return name;
  const joined = name.replace(/[^a-zA-Z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase());
  const camel = joined.charAt(0).toLowerCase() + joined.slice(1);
  const base = `${LOWER_CAMEL.test(camel) ? camel : 'loop'}Item`;
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}${n}`)) return `${base}${n}`;
}

/** Identifiers CEL's lexer treats as keywords; such fields must be selected with `["name"]`. */
const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'in']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True when `name` can be written as `target.name` in CEL; any other field is read as `target["name"]`.
 *
 * @example
 * isCelIdentifier('my-key'); // false
 */
export function isCelIdentifier(name: string): boolean {
  return IDENT.test(name) && !KEYWORDS.has(name);
}
