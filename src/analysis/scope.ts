/**
 * What an identifier in a composition function means. The model layer builds the scope from what the
 * composition function did at definition time; the analysis layer resolves names through it.
 */
import type { ArrowFunctionExpression, FunctionDeclaration, FunctionExpression, Node, ObjectExpression } from '@babel/types';
import { unwrap } from './ast.js';
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import type { Write } from './writes.js';

/**
 * A local holding a handle only under a test (`const svc = spec.on && Service(...)`): the handle is always
 * truthy, so the local is truthy exactly where `test` is (`negated`: where it is not), compiled in `scope`;
 * as a condition (`svc ? svc.x : d`) it is that test.
 */
export interface TruthyWhen {
  readonly test: Node;
  readonly negated: boolean;
  readonly scope: Scope;
}

export type Binding =
  /** A value known to the compiler: the spec parameter (`schema.spec`), a resource (its id), an iterator, a local. */
  | {
      readonly kind: 'value';
      readonly expr: Expr;
      readonly type: CelType;
      /** Set on a KRO collection (a forEach resource): the name stands for the list of its objects. */
      readonly collection?: true;
      /**
       * Set on the objects a loop over a constant list made (`const ds = ['a', 'b'].map((e) => Deployment(...))`):
       * the name stands for the list literal of their ids, one handle per item, as JavaScript's array holds them.
       */
      readonly fixedList?: true;
      /**
       * The name's JavaScript value is not its meaning (a collection, `const parts = s.split('.')`): even a
       * plain read of it (`parts[0]`) must be compiled from source.
       */
      readonly fromSource?: true;
      /** Set on a loop item: data of the list it iterates (the spec's, as a rule), not observed state. */
      readonly item?: true;
      /** See {@link TruthyWhen}. */
      readonly truthyWhen?: TruthyWhen;
    }
  /** A plain JavaScript constant whose value was observed (e.g. a literal or a captured constant). */
  | { readonly kind: 'constant'; readonly value: string | number | boolean | null }
  /**
   * A name that stands for an expression of the source: a `const` initialiser, a destructured field, a
   * helper's parameter bound to the argument of the call being analysed. Compiled (in its own scope) where used.
   */
  | {
      readonly kind: 'alias';
      readonly node: Node;
      readonly scope: Scope;
      /** See {@link TruthyWhen}. */
      readonly truthyWhen?: TruthyWhen;
    }
  /**
   * A local holding what a factory returned (a YAML file's objects, a resource handle): reads from it are
   * exact, so they are made on the value itself; `resource` names the resource a value is, if it is one.
   */
  | { readonly kind: 'resources'; readonly value: unknown; readonly resource: (value: unknown) => { readonly expr: Expr; readonly type: CelType } | undefined }
  /** A local function: calls to it are compiled by inlining its single returned expression. */
  | { readonly kind: 'function'; readonly fn: FunctionLike; readonly scope: Scope }
  /**
   * A local whose value the compiler cannot express: a reassigned `let`/`var`, a `const` object mutated
   * after it is built, a rest pattern. `writes` are what gives it its value; when any of them depends on a
   * reference, so does the local, and using it where a compiled value is needed fails with `why`.
   * `holdsReferences`: it holds resource handles (created in its initialiser), references themselves.
   */
  | {
      readonly kind: 'opaque';
      readonly why: string;
      readonly writes: readonly Write[];
      readonly scope: Scope;
      readonly holdsReferences?: true;
      readonly hint?: string;
      /**
       * A name declared more than once in one scope (`var image = ...` in two loop bodies; `const`s in two
       * blocks are two names), or read where its block is not known: every initialiser, one of which
       * JavaScript used. Its value is exact only when each of them is.
       */
      readonly declarations?: readonly Node[];
      /**
       * It holds a function JavaScript was given (a generator's parameter, observed-scope.ts) whose code is not
       * read: a call of it may change an object or list it is given, as a package's function may (call-writes.ts).
       */
      readonly unreadableFunction?: true;
    }
  /**
   * The `Cel` escape hatches (`Cel.expr`, `Cel.cond`, `Cel.template`, `Cel.has`), compiled from source like
   * any other call. `print` turns an expression into CEL text for `Cel.expr`'s pasted parts.
   */
  | { readonly kind: 'cel'; readonly print: (expr: Expr) => string }
  /**
   * A local module's namespace (`import * as H from './helpers.js'`), or a TypeScript `enum` or `namespace`:
   * `H.name` is what the module exports as `name`, looked up in `exports` (a read or a call of it compiles
   * like a named import).
   */
  | {
      readonly kind: 'module';
      readonly file: string;
      readonly exports: Scope;
      /** A TypeScript enum's object (ts-namespaces.ts): its members and reverse mappings, read as JavaScript reads them. */
      readonly value?: Readonly<Record<string, string | number>>;
      /** Why the object itself is no value, when it is no module (`process.env`, analysis/process-env.ts). */
      readonly asValue?: { readonly why: string; readonly hint: string };
    }
  /** A name whose JavaScript value has no CEL meaning the compiler can keep: any use is an error. */
  | {
      readonly kind: 'unsupported';
      readonly why: string;
      readonly hint: string;
      /** A value of the definition (`process.cwd()`): never a reference, so a value computed from it in JavaScript is exact. */
      readonly ofDefinition?: true;
    };

export type FunctionLike = ArrowFunctionExpression | FunctionExpression | FunctionDeclaration;

export interface Scope {
  /**
   * What `name` stands for; `at`, the node that reads it, picks among declarations in separate blocks
   * (`for (const t of a) {...} for (const t of b) {...}` declares two `t`s, each seen only in its own loop).
   */
  lookup(name: string, at?: Node): Binding | undefined;
  /** Conditions known to hold here (the test of an enclosing `?:` branch): `has(u.port)` guards `u.port`. */
  readonly guards?: readonly Expr[];
  /**
   * Whether a CEL name (a loop or callback item) stands for spec data here, where names in the compiled CEL
   * are not the scope's names (a callback's item, a helper inlined inside one). Without it, a `value` binding
   * with `item` is one.
   */
  readonly specItem?: (celName: string) => boolean;
}

export function scopeOf(bindings: Readonly<Record<string, Binding>>, parent?: Scope): Scope {
  return {
    lookup: (name, at) => (Object.hasOwn(bindings, name) ? bindings[name] : parent?.lookup(name, at)),
  };
}

/**
 * The scope name under which the resource a factory call at `call` made is bound: a factory call written
 * inline in a value (`Deployment({...}).status.readyReplicas > 0`) reads that same resource, exactly as
 * `const web = Deployment({...}); web.status...` does. Not a JavaScript name, so no local can shadow it.
 */
export function madeByCall(call: Node): string {
  return `${MADE}${call.loc?.filename ?? ''}:${call.start ?? -1}`;
}

const MADE = '#made@';
const ANY = '#any>';

/**
 * The name under which the run binds the resource a factory call inside a helper made, however the helper was
 * called: found when no chain of calls leads to it ({@link madeThrough}), or when one helper's call is read
 * wherever it is (`mentions.ts`); a call made more than once is bound to the refusal there.
 */
export function madeAnywhere(call: Node): string {
  return `${ANY}${madeByCall(call)}`;
}

/**
 * The name under which the resource made through a chain of calls is bound, outermost first: the composition's
 * call of a helper, the helper's call of another, ..., the factory call (`webPair('a')` then `Deployment(...)`).
 * Two calls of one helper made two resources, each found by the chain through its own call; compiling a helper
 * call looks the chain up through {@link withCallerMade}.
 */
export function madeThrough(calls: readonly Node[]): string {
  return calls.map(madeByCall).join('>');
}

/**
 * The scope a helper's body sees when it is compiled where it is called (`call`): its own names (`parent`,
 * lexical), and the caller's for the resources calls made ({@link madeByCall}), which the run binds in the
 * composition's scope: a helper declared outside the composition (in its module, or imported) does not see that
 * scope lexically, and `return { deploy, svc }` read as `pair.deploy.status` needs the resource its
 * `Deployment(...)` made (trial 8 T02). A name asked through `call` is asked of the caller as made through it
 * ({@link madeThrough}); one lookup per helper level, so the chain grows with the helpers being inlined (a helper
 * calling itself is refused before it is inlined again, inline-helpers.ts) rather than branching at each level.
 */
export function withCallerMade(parent: Scope, caller: Scope, call?: Node): Scope {
  return {
    lookup(name, at) {
      if (name.startsWith(ANY) || (name.startsWith(MADE) && !call)) return caller.lookup(name, at);
      if (name.startsWith(MADE)) return caller.lookup(`${madeByCall(call!)}>${name}`, at);
      return parent.lookup(name, at);
    },
  };
}

/** The resource a factory call at `call` made as `scope` sees it: through the calls that led here, else wherever it was made. */
export function madeBinding(call: Node, scope: Scope): Binding | undefined {
  return scope.lookup(madeByCall(call)) ?? scope.lookup(madeAnywhere(call));
}

/**
 * What a callee or a read names: `f` through the scope, `H.f` through a namespace import's exports. Undefined
 * for anything else (a method of a value, a computed member).
 *
 * @example
 * ```ts
 * // import * as H from './helpers.js'; ... H.image(spec)
 * namedBinding(callee, scope)?.kind; // 'function'
 * ```
 */
export function namedBinding(node: Node, scope: Scope): { readonly name: string; readonly binding: Binding | undefined } | undefined {
  if (node.type === 'Identifier') return { name: node.name, binding: scope.lookup(node.name, node) };
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  // `H['x']` reads the same export as `H.x` (TypeScript asks for it on an index signature: `process.env['NAME']`).
  const literal = node.computed && node.property.type === 'StringLiteral' ? node.property.value : undefined;
  if (node.computed ? literal === undefined : node.property.type !== 'Identifier') return undefined;
  const key = literal ?? (node.property as { name: string }).name;
  const object = node.object.type === 'TSNonNullExpression' ? node.object.expression : node.object;
  // `H.fmt.upper`: the object read through a namespace import.
  const inner = object.type === 'Identifier' ? { name: object.name, binding: scope.lookup(object.name, object) } : namedBinding(object, scope);
  if (!inner) return undefined;
  // (An enum's object is read as JavaScript reads it, reverse mappings included: `Level['2']`, compile-member.ts.)
  if (literal !== undefined && (inner.binding?.kind !== 'module' || inner.binding.value)) return undefined;
  if (inner.binding?.kind === 'module') return { name: memberName(inner.name, key, literal), binding: inner.binding.exports.lookup(key) };
  // `fmt.upper` of `const fmt = { upper: (s) => ... }`: helpers grouped in an object literal are followed like exported ones.
  const method = literalMethod(inner.binding, key);
  return method && { name: memberName(inner.name, key, literal), binding: method };
}

/** `H.x` or `H['x']` as written: made only for a read that names something (most, `spec.image`, name nothing). */
function memberName(object: string, key: string, literal: string | undefined): string {
  return literal === undefined ? `${object}.${key}` : `${object}['${key}']`;
}

/**
 * The function property `name` of the object literal a binding stands for (through names standing for
 * names, and into spreads of such literals), closing over the scope it is written in. Only a `const` the
 * source never changes is an alias; a computed key or a spread of something else written after the
 * property may replace it, so it is not followed then.
 */
function literalMethod(held: Binding | undefined, name: string): Binding | undefined {
  const found = propertyOf(held, name);
  if (typeof found !== 'object' || found.property.type !== 'ObjectProperty') return undefined;
  const fn = unwrap(found.property.value);
  return fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression' ? { kind: 'function', fn, scope: found.scope } : undefined;
}

export type LiteralProperty = { readonly property: ObjectExpression['properties'][number]; readonly scope: Scope } | 'absent' | 'unknown';

/** The property `name` of the object literal a binding stands for, as {@link literalProperty} finds it. */
export function propertyOf(held: Binding | undefined, name: string): LiteralProperty {
  return literalProperty(objectLiteral(held), name, 0);
}

/** The property JavaScript reads as `name` from an object literal: the last one that can be it, looking into spread literals. */
function literalProperty(literal: ReturnType<typeof objectLiteral>, name: string, depth: number): LiteralProperty {
  if (!literal || depth > 16) return 'unknown';
  for (const property of [...literal.node.properties].reverse()) {
    if (property.type === 'SpreadElement') {
      const spread = unwrap(property.argument);
      const inner = literalProperty(spread.type === 'Identifier' ? objectLiteral(literal.scope.lookup(spread.name, spread)) : undefined, name, depth + 1);
      if (inner !== 'absent') return inner;
    } else if (property.computed) return 'unknown';
    else if (propertyName(property.key) === name) return { property, scope: literal.scope };
  }
  return 'absent';
}

/**
 * A name standing for a function written elsewhere in the source: an item of a loop over an array literal of
 * arrow functions, a helper's parameter given an arrow (`apply((x) => x + 1)`), through names standing for names
 * (a parameter is an alias of its hidden argument, `#arg0`). The function closes over the scope it is written
 * in, as JavaScript's does; undefined for anything else.
 *
 * @example
 * ```ts
 * // const apply = (f, v) => f(v); apply((x) => x.trim(), spec.name): inside `apply`, `f` is that arrow
 * functionAlias(scope.lookup('f'))?.fn.type; // 'ArrowFunctionExpression'
 * ```
 */
export function functionAlias(held: Binding | undefined): Extract<Binding, { kind: 'function' }> | undefined {
  let binding = held;
  for (let hops = 0; binding?.kind === 'alias' && hops < 16; hops++) {
    const value = unwrap(binding.node);
    if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') return { kind: 'function', fn: value, scope: binding.scope };
    if (value.type !== 'Identifier') return undefined;
    binding = binding.scope.lookup(value.name, value);
  }
  return binding?.kind === 'function' ? binding : undefined;
}

/** The object literal a binding stands for, through names standing for names. */
function objectLiteral(held: Binding | undefined): { readonly node: ObjectExpression; readonly scope: Scope } | undefined {
  let binding = held;
  for (let hops = 0; binding?.kind === 'alias' && hops < 16; hops++) {
    const value = unwrap(binding.node);
    if (value.type === 'ObjectExpression') return { node: value, scope: binding.scope };
    if (value.type !== 'Identifier') return undefined;
    binding = binding.scope.lookup(value.name, value);
  }
  return undefined;
}

function propertyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return key.type === 'StringLiteral' ? key.value : undefined;
}
