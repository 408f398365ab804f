/**
 * A factory option JavaScript may leave `undefined`, depending on the spec or the cluster
 * (`replicas: spec.c ? 3 : undefined`). What the manifest holds then is the factory's choice: the field is
 * left out (a plain `spec.replicas`), or takes a default (`config.replicas ?? 1`). The factory's manifest
 * builder is a pure function of its options, so it is run again with the option `undefined`; each place
 * where the option landed becomes the option's value where it is set, else what that second manifest holds
 * there: `c ? 3 : 1`, or `c ? 3 : omit()` for a field left out (KRO removes a template field whose
 * expression gives `omit()`; the direct runtime does the same, runtime/engine/resolve.ts). Anything else
 * that differs between the two manifests (text built from the option, a field added only when it is
 * unset) keeps the refusal.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import { E, type Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';
import { exprValue, isExprValue, type ExprValue } from '../ir/value.js';
import { isPlainObject } from '../util/json.js';

/** An option that may be `undefined`, as the run recorded it while compiling the call's argument. */
export interface AbsentOption {
  /** Where it is in the options object. */
  readonly path: readonly string[];
  /** What the factory was given: the optional's value, valid where it is set (replaced in the manifest). */
  readonly placeholder: ExprValue;
  /** The CEL optional the option compiles to (`c ? optional.of(3) : optional.none()`): none where JavaScript's value is `undefined`. */
  readonly optional: Expr;
  readonly type: CelType;
  /** The refusal made where the option is written, for a factory that does more with `undefined` than pass it on. */
  readonly refusal: Error;
  /** Where the option is written. */
  readonly node: Node;
}

type Build = (config: unknown) => Record<string, unknown>;
/** Told each expression put where an option landed: its type, and the option's placeholder (whose source it has, for messages). */
type RecordType = (expr: Expr, type: CelType, placeholder: ExprValue) => void;

/** What a manifest holds at one place where the option landed, when the option is `undefined`. */
type Fallback = { readonly absent: true } | { readonly value: string | number | boolean };

const ABSENT: Fallback = { absent: true };
/** Options of one call tried together: every combination is built, 2^n manifests (at most 64 builds of a pure function of the options). */
const MAX_OPTIONS = 6;

/**
 * The manifest `build` makes from `prepared`, with each option of `options` in the CEL that gives, for every
 * spec, what JavaScript's manifest holds: the option's value where set, the factory's own answer elsewhere.
 */
export function manifestWithAbsent(prepared: unknown, build: Build, options: readonly AbsentOption[], recordType: RecordType): Record<string, unknown> {
  const base = build(prepared);
  if (options.length === 0) return base;
  if (options.length > MAX_OPTIONS) throw tooMany(options);
  const fallbacks = options.map((option) => {
    const variant = buildOrRefuse(build, withUndefined(prepared, [option.path]), option);
    const found = new Map<string, Fallback>();
    if (!collectFallbacks(base, variant, option.placeholder, [], found)) throw option.refusal;
    return found;
  });
  // An option the factory combines with another (`a ?? b`) is not what each alone gives: every combination must match.
  for (let mask = 3; mask < 1 << options.length; mask++) {
    const chosen = options.filter((_, i) => mask & (1 << i));
    if (chosen.length < 2) continue;
    const expected = substitute(base, new Map(options.flatMap((option, i) => (mask & (1 << i) ? [[option.placeholder, fallbacks[i]!] as const] : []))), []);
    if (!isDeepStrictEqual(withoutUndefined(buildOrRefuse(build, withUndefined(prepared, chosen.map((o) => o.path)), chosen[0]!)), expected)) throw chosen[0]!.refusal;
  }
  return replacePlaceholders(base, options, fallbacks, recordType);
}

/** More options that may be `undefined` than are tried together: every combination would be 2^n manifests. */
function tooMany(options: readonly AbsentOption[]): Error {
  const names = options.map((option) => `\`${option.path.join('.')}\``).join(', ');
  return syntaxError(
    options[MAX_OPTIONS]!.node,
    `this call has ${options.length} options that may be \`undefined\` (${names}): what the factory makes of \`undefined\` is learnt by building its manifest for every combination of them, for at most ${MAX_OPTIONS}`,
    'give some of them a default (`x ?? <default>`, or in the spec type), or set some of them only under a condition on the call (`if (spec.x) ...`)',
  );
}

/** A factory that throws on `undefined` (a required option) fails in JavaScript for those specs: refused, not compiled. */
function buildOrRefuse(build: Build, config: unknown, option: AbsentOption): Record<string, unknown> {
  try {
    return build(config);
  } catch {
    throw option.refusal;
  }
}

/** `config` with the value at each path set to `undefined` (the key kept, as `{ replicas: undefined }` keeps it). */
function withUndefined(config: unknown, paths: readonly (readonly string[])[]): unknown {
  let result = config;
  for (const path of paths) result = setAt(result, path);
  return result;
}

function setAt(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return undefined;
  const [key, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === key ? setAt(item, rest) : item));
  const copy = { ...(value as Record<string, unknown>) };
  copy[key] = setAt(copy[key], rest);
  // Keep a marker a wrapper set on the object (`preparedConfig`): not enumerable, so not copied by the spread.
  for (const symbol of Object.getOwnPropertySymbols(value as object)) Object.defineProperty(copy, symbol, { value: (value as Record<symbol, unknown>)[symbol], enumerable: false });
  return copy;
}

/**
 * Walks the two manifests together: where `base` holds `placeholder`, records what `variant` holds there;
 * everywhere else they must be equal. False where they differ otherwise (the factory made something of `undefined`).
 */
function collectFallbacks(base: unknown, variant: unknown, placeholder: ExprValue, path: readonly string[], found: Map<string, Fallback>): boolean {
  if (base === placeholder) {
    // A list item left `undefined` is `null` in JSON, not left out (KRO would drop it): not followed.
    if (variant === undefined) return false;
    if (typeof variant !== 'string' && typeof variant !== 'number' && typeof variant !== 'boolean') return false;
    found.set(JSON.stringify(path), { value: variant });
    return true;
  }
  if (isExprValue(base) || isExprValue(variant)) return base === variant;
  if (Array.isArray(base)) {
    return Array.isArray(variant) && base.length === variant.length && base.every((item, i) => collectFallbacks(item, variant[i], placeholder, [...path, String(i)], found));
  }
  if (isPlainObject(base)) {
    if (!isPlainObject(variant)) return false;
    const b = base as Record<string, unknown>;
    const v = variant as Record<string, unknown>;
    for (const key of Object.keys(v)) if (!(key in b) && v[key] !== undefined) return false;
    return Object.keys(b).every((key) => {
      // A resource without a name cannot be applied or found again (KRO refuses omit() there): not followed.
      if (b[key] === placeholder && v[key] === undefined && !(key === 'name' && path.length === 1 && path[0] === 'metadata')) {
        found.set(JSON.stringify([...path, key]), ABSENT);
        return true;
      }
      return collectFallbacks(b[key], v[key], placeholder, [...path, key], found);
    });
  }
  return isDeepStrictEqual(base, variant);
}

/** `base` as JavaScript builds it with the options in `unset` left `undefined` (their fallbacks put in place). */
function substitute(base: unknown, unset: ReadonlyMap<ExprValue, Map<string, Fallback>>, path: readonly string[]): unknown {
  if (isExprValue(base)) {
    const fallback = unset.get(base)?.get(JSON.stringify(path));
    if (!fallback) return base;
    return 'value' in fallback ? fallback.value : undefined;
  }
  if (Array.isArray(base)) return base.map((item, i) => substitute(item, unset, [...path, String(i)]));
  if (!isPlainObject(base)) return base;
  const entries = Object.entries(base as Record<string, unknown>).map(([key, item]) => [key, substitute(item, unset, [...path, key])] as const);
  return Object.fromEntries(entries.filter(([, item]) => item !== undefined));
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value) || isExprValue(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).map(([key, item]) => [key, withoutUndefined(item)]));
}

/** `base` with each place an option landed holding the CEL of "the option where set, else the fallback there". */
function replacePlaceholders(base: unknown, options: readonly AbsentOption[], fallbacks: readonly Map<string, Fallback>[], recordType: RecordType, path: readonly string[] = []): Record<string, unknown> {
  const visit = (value: unknown, at: readonly string[]): unknown => {
    const index = options.findIndex((option) => option.placeholder === value);
    if (index >= 0) {
      const option = options[index]!;
      const expr = chosen(option, fallbacks[index]!.get(JSON.stringify(at))!);
      recordType(expr, option.type, option.placeholder);
      return exprValue(expr);
    }
    if (Array.isArray(value)) return value.map((item, i) => visit(item, [...at, String(i)]));
    if (!isPlainObject(value) || isExprValue(value)) return value;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, visit(item, [...at, key])]));
  };
  return visit(base, path) as Record<string, unknown>;
}

/** The option's value where it is set, else `fallback`: `c ? 3 : omit()`, `c ? 3 : 1`, `x.orValue(1)`. */
function chosen(option: AbsentOption, fallback: Fallback): Expr {
  const otherwise = 'absent' in fallback ? E.call('omit', []) : literalOf(fallback.value, option.type);
  if (!otherwise) throw option.refusal;
  const direct = unwrapOptional(option.optional, otherwise);
  if (direct) return direct;
  // `omit()` only as a branch of a choice, the form KRO documents (pkg/cel/library/omit.go); an optional of another form keeps the refusal.
  if ('absent' in fallback) throw option.refusal;
  return E.call('orValue', [otherwise], option.optional);
}

/** `c ? optional.of(a) : optional.none()` as `c ? a : otherwise` (through nested choices); undefined for another form. */
function unwrapOptional(expr: Expr, otherwise: Expr): Expr | undefined {
  if (expr.kind === 'call' && !expr.target && expr.fn === 'optional.none' && expr.args.length === 0) return otherwise;
  if (expr.kind === 'call' && !expr.target && expr.fn === 'optional.of' && expr.args.length === 1) return expr.args[0];
  if (expr.kind !== 'conditional') return undefined;
  const then = unwrapOptional(expr.then, otherwise);
  const other = then && unwrapOptional(expr.otherwise, otherwise);
  return then && other && E.cond(expr.test, then, other);
}

/** The factory's default as CEL of the option's type; undefined when the two types differ (CEL would not check). */
function literalOf(value: string | number | boolean, type: CelType): Expr | undefined {
  const kind = type.kind;
  if (typeof value === 'string') return kind === 'string' || kind === 'dyn' ? E.str(value) : undefined;
  if (typeof value === 'boolean') return kind === 'bool' || kind === 'dyn' ? E.bool(value) : undefined;
  if (kind === 'double') return E.double(value);
  if ((kind === 'int' || kind === 'dyn') && Number.isSafeInteger(value)) return E.int(value);
  return undefined;
}
