/**
 * What a concrete run produced, as plain data: `undefined`, placeholders, strings built from them and NaN
 * leave their field out and are reported as pending paths (composition/concrete-view.ts); `Cel.expr`/`Cel.template` text, which has no JavaScript meaning,
 * stays an {@link OpaqueCel} leaf holding its CEL text (`Cel.has`, `Cel.cond` and the helpers named after
 * JavaScript are evaluated on the values: model/cel.ts, model/cel-functions.ts).
 *
 * Why opaque rather than evaluated: in a concrete run the parts of `Cel.expr(spec.s, '.upperAscii()')` are
 * both plain strings, so which one is data and which is CEL text cannot be told apart; evaluating the pasted
 * text would be a guess. So such a value is opaque, and so is every string JavaScript builds from it (a
 * template literal or `+`): its text carries a marker, and the whole field becomes an {@link OpaqueCel}
 * that a differential check skips rather than compares. Using it as a number (`<`, `*`) throws, since any
 * JavaScript answer would be invented. Whatever is not opaque is compared exactly.
 */
import { printCel } from '../compile/cel/print.js';
import { isExprValue, type ExprValue } from '../ir/value.js';
import { E } from '../ir/expr.js';
import { refOf } from '../model/refs.js';
import { recordOf } from '../model/resource.js';
import { hasPendingMarker } from './concrete-pending-marker.js';
import { isAbsent } from './concrete-view.js';
import { TypeKroError } from '../util/errors.js';
import { withArticle } from '../util/article.js';

/**
 * A `Cel.expr(...)`/`Cel.template(...)`/raw CEL value met in a concrete evaluation. Its parts were plain
 * values pasted into CEL text (strings verbatim), so it cannot be evaluated faithfully: it is reported,
 * never guessed.
 *
 * @example
 * import { type } from 'arktype';
 * import { Cel, evaluateConcrete, kubernetesComposition, OpaqueCel } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ upper: 'string' }) },
 *   (spec) => {
 *     ConfigMap({ name: spec.name, data: { owner: spec.name } });
 *     return { upper: Cel.expr<string>(spec.name, '.upperAscii()') };
 *   },
 * );
 * const result = evaluateConcrete(app, { name: 'shop' });
 * result.status.upper instanceof OpaqueCel ? result.status.upper.cel : undefined; // => 'shop.upperAscii()'
 */
export class OpaqueCel {
  constructor(
    /** The CEL text as the concrete run built it. */
    readonly cel: string,
  ) {}
}

/**
 * Plain data with {@link OpaqueCel} leaves.
 *
 * @example
 * import type { ConcreteData } from 'typekro';
 * const manifest: ConcreteData = { kind: 'ConfigMap', data: { level: 'debug' } };
 */
export type ConcreteData = null | boolean | number | string | OpaqueCel | readonly ConcreteData[] | { readonly [key: string]: ConcreteData };

/**
 * A value made plain, with the paths that were `undefined`.
 * @example normalizeConcrete({ a: 1, b: undefined }, 'status'); // { value: { a: 1 }, pending: ['b'] }
 */
export interface Normalized {
  /** `undefined` when the value itself is undefined. */
  readonly value: ConcreteData | undefined;
  /** Paths (`spec.replicas`, `ports[0].port`) whose JavaScript value was `undefined`. */
  readonly pending: readonly string[];
}

/**
 * Converts a value a concrete run produced into plain data, collecting undefined paths.
 * @example normalizeConcrete({ ports: [{ port: undefined }] }, 'resource "svc"').pending; // ['ports[0].port']
 */
export function normalizeConcrete(raw: unknown, owner: string, nonJson?: Map<string, number>): Normalized {
  const pending: string[] = [];
  const value = visit(raw, '', pending, owner, nonJson);
  return { value, pending };
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function visit(raw: unknown, path: string, pending: string[], owner: string, nonJson?: Map<string, number>): ConcreteData | undefined {
  // A number JSON cannot hold (NaN, ±Infinity), when the caller collects them (the status: concrete.ts tells
  // those computed from an absent read, pending, from the others, `0 / 0`, `1 / 0`, which fail in both modes).
  if (nonJson && typeof raw === 'number' && !Number.isFinite(raw)) {
    nonJson.set(path, raw);
    return undefined;
  }
  // NaN is pending too: JSON has no NaN, so no manifest can hold one. JavaScript makes one from what is not a
  // number, in a composition an absent field (`web.status.readyReplicas * 2`), where the compiled CEL waits.
  if (raw === undefined || isAbsent(raw) || (typeof raw === 'string' && hasPendingMarker(raw)) || Number.isNaN(raw)) {
    pending.push(path);
    return undefined;
  }
  // JSON has one zero: -0 serialises as 0, as the manifest and status a cluster stores do.
  if (typeof raw === 'number') return Object.is(raw, -0) ? 0 : raw;
  if (typeof raw === 'string' && hasOpaqueMarker(raw)) return opaqueString(raw);
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'string') return raw;
  if (isExprValue(raw)) return opaqueOf(raw.expr);
  if (raw instanceof OpaqueCel) return raw;
  if (refOf(raw)) throw new TypeKroError('INTERNAL', `internal: ${owner}: ${path || 'a value'} is a reference in a concrete evaluation`);
  if (recordOf(raw)) {
    throw new TypeKroError('DEFINITION_INVALID', `${owner}: ${path || 'a value'} holds a whole resource; reference one of its fields instead (e.g. service.metadata.name)`);
  }
  if (Array.isArray(raw)) {
    return raw.map((item: unknown, i) => visit(item, join(path, i), pending, owner, nonJson) ?? null);
  }
  if (typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) {
    const out: [string, ConcreteData][] = [];
    for (const [key, entry] of Object.entries(raw)) {
      const value = visit(entry, join(path, key), pending, owner, nonJson);
      if (value !== undefined) out.push([key, value]);
    }
    // fromEntries, not `out[key] =`: an own `__proto__` key (`{ ...acc, [k]: v }` makes one) stays a key.
    return Object.fromEntries(out);
  }
  throw new TypeKroError('DEFINITION_INVALID', `${owner}: ${path || 'a value'} holds ${withArticle(typeof raw === 'function' ? 'function' : ((raw as object).constructor?.name ?? typeof raw))}, which cannot be serialised; use plain data`);
}

/** A template of literal pieces only (`Cel.template` over plain values) is exactly its text; anything else stays opaque. */
function opaqueOf(expr: import('../ir/expr.js').Expr): string | OpaqueCel {
  if (expr.kind === 'template' && expr.parts.every((part) => typeof part === 'string')) return expr.parts.join('');
  if (expr.kind === 'literal' && expr.literal.kind === 'string') return expr.literal.value;
  return new OpaqueCel(printCel(expr));
}

/** Marks a `Cel.*` value inside a string JavaScript built from it (control characters no user text contains). */
const OPAQUE_PREFIX = '\u0001\u0003';
const OPAQUE_SUFFIX = '\u0002';
const OPAQUE_PATTERN = /\u0001\u0003([^\u0002]*)\u0002/g;

/**
 * A `Cel.*` value as a concrete run hands it to the composition function: still the expression (so it can
 * be passed on to another `Cel.*` call or a manifest), converting to a marked string in a template literal
 * or concatenation, and refusing numeric use.
 * @example `half-${opaqueInJavaScript(exprValue(E.raw('n / 2', [])))}`; // 'half-' + marker: opaque once normalized
 */
export function opaqueInJavaScript(value: ExprValue): ExprValue {
  const cel = printCel(value.expr).replaceAll(OPAQUE_SUFFIX, '');
  const toPrimitive = (hint: string): string => {
    if (hint === 'number') {
      throw new TypeKroError(
        'USAGE',
        `concrete evaluation: the Cel.expr value \`${cel}\` is used as a number in JavaScript (a comparison or arithmetic); CEL text has no JavaScript value, so this cannot be evaluated. Write the comparison inside the Cel.expr(...), or pass crossCheck: false to simulate`,
      );
    }
    return `${OPAQUE_PREFIX}${cel}${OPAQUE_SUFFIX}`;
  };
  return Object.freeze({ ...value, [Symbol.toPrimitive]: toPrimitive });
}

function hasOpaqueMarker(text: string): boolean {
  return text.includes(OPAQUE_PREFIX);
}

/** A string built from `Cel.*` values: opaque, its CEL the concatenation JavaScript performed. */
function opaqueString(text: string): OpaqueCel {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(OPAQUE_PATTERN)) {
    if (match.index > last) parts.push(printCel(E.str(text.slice(last, match.index))));
    parts.push(`string(${match[1]})`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(printCel(E.str(text.slice(last))));
  return new OpaqueCel(parts.join(' + '));
}
