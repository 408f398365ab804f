/**
 * The names around a composition function as JavaScript held them when the composition was defined (trial
 * 7 H11, trial 8 T08/T09/T14): the module's constants and imports (a JSON module's data), and the
 * parameters and locals of the functions the composition is written in (a "composition generator"). They
 * hold no reference (none reaches a module's top level, and a generator's arguments are the caller's
 * data), so they are constants of this definition, read from the running function
 * (composition/module-values.ts) when the source cannot compute them:
 *
 * - a name the source computes exactly (constant-value.ts) keeps its compiled form; an object or list must
 *   still hold what its source says (another module may have changed it where the write analysis does not
 *   look, T08);
 * - a name bound once that the source cannot compute (`process.env.X ?? 'd'`, a parameter, a JSON module)
 *   takes the value it held: a scalar, or plain data as its JSON;
 * - a `let` reassigned (or an object changed) before the composition is defined, in the code that defines
 *   it, takes the value it held then; one changed after, in a loop around the definition, or in a function
 *   (which may run at any time, the composition's helpers included) stays refused, with that reason.
 *
 * A value that is not data (a function, a class instance, a Map, a reference) is refused where it is used,
 * with what it holds. Without the inspector, nothing is read and the names stay refused.
 */
import type { Node } from '@babel/types';
import { isFunctionNode } from './ast.js';
import { constantValue } from './constant-value.js';
import { within } from './declarations.js';
import { scopeOf, type Binding, type Scope } from './scope.js';
import { parseData } from './source.js';
import { synthesize } from './synthesized.js';
import type { Write } from './writes.js';

/** What a name held when the composition ran: a scalar, plain data as JSON, or what it is when it is neither. */
export type Seen =
  | { readonly value: string | number | boolean | null }
  | { readonly json: string }
  /** `undefined`: the name held `undefined` itself (no data, but JavaScript's value of a `const` bound once to it). */
  | { readonly refused: string; readonly reference?: true; readonly undefined?: true };

/** The values around one composition function, read from the running function (one per definition). */
export interface ObservedValues {
  /** What the module-level `name` (a top-level name or an import) held. */
  module(name: string): Seen | undefined;
  /** What `name` of the innermost enclosing function or block that holds it held. */
  closure(name: string): Seen | undefined;
  /** `decide()`'s answer for `key`, computed once per definition (a name is looked up on every use). */
  once<T>(key: string, decide: () => T): T;
}

/** The names of one level around the composition: the module, or one enclosing function. */
export interface ObservedLevel {
  readonly observed: ObservedValues;
  readonly where: 'module' | 'closure';
  /** The program, or the enclosing function. */
  readonly root: Node;
  /** The composition function. */
  readonly fn: Node;
  /** Names declared more than once around the composition: the value read may be another declaration's. */
  readonly shadowed: ReadonlySet<string>;
}

const NO_NAMES: Scope = scopeOf({});
/** `undefined`, as the compiler reads the word. */
const UNDEFINED: Node = synthesize({ type: 'Identifier', name: 'undefined' } as Node, { type: 'Identifier', name: 'undefined' });
const DATA_HINT = 'give it plain data (strings, numbers, booleans, null, plain objects and lists: `[...set]`, `Object.fromEntries(map)`), or pass the value through the spec';

/** A declared name of `level` as the composition saw it (see the file comment); `binding` is what its source says. */
export function observedDeclaration(name: string, binding: Binding | undefined, level: ObservedLevel): Binding | undefined {
  if (!binding || level.shadowed.has(name)) return binding;
  if (binding.kind === 'alias') return level.observed.once(`${level.where}:${name}`, () => observedAlias(name, binding, level));
  if (binding.kind === 'opaque') return level.observed.once(`${level.where}:${name}`, () => observedChanged(name, binding, level));
  return binding;
}

/** A parameter of an enclosing function: the argument it was given (and kept) when the composition was defined. */
export function observedParameter(name: string, owner: string, level: ObservedLevel | undefined): Binding {
  const decide = (): Binding => {
    const seen = level && !level.shadowed.has(name) ? level.observed.closure(name) : undefined;
    if (!seen) {
      return {
        kind: 'opaque', why: `\`${name}\` is a parameter of ${owner}, whose value TypeKro could not read here`, writes: [], scope: NO_NAMES,
        // tsx (esbuild) renames a parameter that hides another name (`image` to `image2`): its value is then not found under its name.
        hint: 'give it a name no other name around the composition uses (one that hides another may be renamed when the TypeScript is compiled), or pass the value through the spec',
      };
    }
    return fromSeen(seen) ?? refusedValue(name, seen as Extract<Seen, { refused: string }>);
  };
  return level ? level.observed.once(`closure:${name}`, decide) : decide();
}

/** A JSON module's default import: its data as JavaScript parsed it. */
export function observedJsonModule(name: string, level: ObservedLevel | undefined): Binding {
  const decide = (): Binding => {
    const seen = level?.observed.module(name);
    return (seen && fromSeen(seen)) ?? {
      kind: 'opaque', why: `\`${name}\` is a JSON module, whose data TypeKro could not read here`, writes: [], scope: NO_NAMES,
      hint: 'copy the data into a `const` literal in a .ts module, or pass it through the spec',
    };
  };
  return level ? level.observed.once(`json:${name}`, decide) : decide();
}

/** A name bound once: its source's value when it computes one (checked against what ran), else the value it held. */
function observedAlias(name: string, binding: Binding & { kind: 'alias' }, level: ObservedLevel): Binding {
  const folded = constantValue(binding.node, binding.scope);
  const seen = read(name, level);
  // `const REGISTRY = process.env.REGISTRY` with the variable unset: `undefined`, as JavaScript holds it; its
  // source, compiled now, could read another value (process-env.ts reads the environment when compiling).
  if (seen && 'undefined' in seen && (!folded || folded.value !== undefined)) return { kind: 'alias', node: UNDEFINED, scope: NO_NAMES };
  // A value that is not data (a handle, a function, a reference) is the source's to compile or refuse.
  if (!folded) return (seen && fromSeen(seen)) ?? binding;
  // A scalar its source gives now but JavaScript held another of (`process.env.X` changed since): what it held.
  if (seen && 'value' in seen && folded.value !== seen.value) return { kind: 'constant', value: seen.value };
  if (typeof folded.value !== 'object' || folded.value === null) return binding;
  if (!seen || !('json' in seen) || JSON.stringify(folded.value) === seen.json) return binding;
  return {
    kind: 'unsupported',
    why: `\`${name}\` was changed after it was declared, where TypeKro does not see it (by another module, or a function it calls): when the composition ran it held ${clip(seen.json)}, while its declaration gives ${clip(JSON.stringify(folded.value))}`,
    hint: `give \`${name}\` its final value where it is declared (e.g. \`export const settings = { registry: process.env.REGISTRY ?? 'docker.io' }\`), or pass the value through the spec`,
  };
}

/** A name changed after its declaration: the value it held, when every change was made before the composition was defined. */
function observedChanged(name: string, binding: Binding & { kind: 'opaque' }, level: ObservedLevel): Binding {
  if (binding.holdsReferences === true || binding.declarations) return binding;
  const late = lateWrite(binding.writes, level);
  if (late) {
    const copy = `const ${name.toUpperCase()} = ${name}`;
    const why = `\`${name}\` ${late}`;
    const hint = `give it its final value before the composition is defined, copy it into a \`const\` there (\`${copy}\`), or pass it through the spec`;
    // Written by a function (which the composition may call): refused wherever it is used, as before, with the true reason.
    return binding.writes.some((write) => write.fromClosure === true) ? { kind: 'unsupported', why, hint } : { ...binding, why, hint };
  }
  const seen = read(name, level);
  if (!seen) return binding;
  return fromSeen(seen) ?? { ...binding, why: `\`${name}\` holds ${(seen as { refused: string }).refused}, which CEL cannot hold`, hint: DATA_HINT };
}

function read(name: string, level: ObservedLevel): Seen | undefined {
  return level.where === 'module' ? level.observed.module(name) : level.observed.closure(name);
}

/** A scalar is a constant, plain data the expression its JSON is; anything else is undefined. */
function fromSeen(seen: Seen): Binding | undefined {
  if ('value' in seen) return { kind: 'constant', value: seen.value };
  if ('json' in seen) return { kind: 'alias', node: parseData(seen.json), scope: NO_NAMES };
  return undefined;
}

/** A value that is not data, refused where it is used (a reference even where it stands alone: it is no constant). */
function refusedValue(name: string, seen: Extract<Seen, { refused: string }>): Binding {
  if (seen.reference) {
    return {
      kind: 'opaque', why: `\`${name}\` holds ${seen.refused}, made while another composition ran`, writes: [], scope: NO_NAMES, holdsReferences: true,
      hint: 'pass the value through the spec of this composition',
    };
  }
  if (seen.refused === 'a function') {
    return {
      kind: 'opaque', why: `\`${name}\` holds a function given to the function the composition is written in, whose code TypeKro does not read`, writes: [], scope: NO_NAMES, unreadableFunction: true,
      hint: 'import the helper where the composition is written (a function TypeKro reads from source), or call it before the composition is defined and capture the result in a `const`',
    };
  }
  return { kind: 'opaque', why: `\`${name}\` holds ${seen.refused}, which CEL cannot hold`, writes: [], scope: NO_NAMES, hint: DATA_HINT };
}

/**
 * Why a change to a name may come after the composition was defined (the words after its name), or
 * undefined when every change is made before, in the straight-line code of `level.root` that defines it.
 */
function lateWrite(writes: readonly Write[], level: ObservedLevel): string | undefined {
  const fnPath = pathTo(level.root, level.fn);
  // Written in a function the composition is defined in (a generator): that function may run before the change.
  const definer = fnPath.find(isFunctionLike);
  for (const write of writes) {
    if (write.how === 'init') continue;
    const line = write.node.loc?.start.line ?? '?';
    if (within(level.fn, write.node)) return `is changed by the composition function itself (at line ${line})`;
    const path = pathTo(level.root, write.node);
    if (path.some(isFunctionLike)) return `is changed in a function (at line ${line}), which may run after the composition is defined`;
    if ((write.node.end ?? Infinity) > (level.fn.start ?? 0)) return `is changed after the composition is defined (at line ${line})`;
    if (definer) return `is changed (at line ${line}) while the composition is defined in a function, which may run before the change`;
    if (path.some((node) => isLoop(node) && within(node, level.fn))) return `is changed in a loop that defines the composition again (at line ${line})`;
  }
  return undefined;
}

/** The nodes from `root` (excluded) down to `target` (excluded). */
function pathTo(root: Node, target: Node): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = root;
  while (node) {
    const parent: Node = node;
    node = undefined;
    for (const child of childrenOf(parent)) {
      if (child !== target && within(child, target)) {
        path.push(child);
        node = child;
        break;
      }
    }
  }
  return path;
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') children.push(item as Node);
    }
  }
  return children;
}

/** Code that runs when called, not where it is written: functions, and a class's members. */
function isFunctionLike(node: Node): boolean {
  return isFunctionNode(node) || node.type === 'ClassPrivateMethod' || node.type === 'ClassProperty' || node.type === 'ClassPrivateProperty' || node.type === 'StaticBlock' || node.type === 'ClassAccessorProperty';
}

function isLoop(node: Node): boolean {
  return node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement' || node.type === 'WhileStatement' || node.type === 'DoWhileStatement';
}

/** A JSON text short enough for a message. */
function clip(json: string): string {
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
