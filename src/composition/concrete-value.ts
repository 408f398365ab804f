/**
 * What a concrete run produced, as plain data: `undefined` (and absent placeholders) leave their field
 * out and are reported as pending paths; `Cel.*` escape hatches, which have no JavaScript meaning, stay
 * {@link OpaqueCel} leaves holding their CEL text.
 */
import { printCel } from '../compile/cel/print.js';
import { isExprValue } from '../ir/value.js';
import { refOf } from '../model/refs.js';
import { recordOf } from '../model/resource.js';
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
export function normalizeConcrete(raw: unknown, owner: string): Normalized {
  const pending: string[] = [];
  const value = visit(raw, '', pending, owner);
  return { value, pending };
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function visit(raw: unknown, path: string, pending: string[], owner: string): ConcreteData | undefined {
  if (raw === undefined || isAbsent(raw)) {
    pending.push(path);
    return undefined;
  }
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'number' || typeof raw === 'string') return raw;
  if (isExprValue(raw)) return opaqueOf(raw.expr);
  if (raw instanceof OpaqueCel) return raw;
  if (refOf(raw)) throw new TypeKroError('INTERNAL', `internal: ${owner}: ${path || 'a value'} is a reference in a concrete evaluation`);
  if (recordOf(raw)) {
    throw new TypeKroError('DEFINITION_INVALID', `${owner}: ${path || 'a value'} holds a whole resource; reference one of its fields instead (e.g. service.metadata.name)`);
  }
  if (Array.isArray(raw)) {
    return raw.map((item: unknown, i) => visit(item, join(path, i), pending, owner) ?? null);
  }
  if (typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) {
    const out: Record<string, ConcreteData> = {};
    for (const [key, entry] of Object.entries(raw)) {
      const value = visit(entry, join(path, key), pending, owner);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  throw new TypeKroError('DEFINITION_INVALID', `${owner}: ${path || 'a value'} holds ${withArticle(typeof raw === 'function' ? 'function' : ((raw as object).constructor?.name ?? typeof raw))}, which cannot be serialised; use plain data`);
}

/** A template of literal pieces only (`Cel.template` over plain values) is exactly its text; anything else stays opaque. */
function opaqueOf(expr: import('../ir/expr.js').Expr): string | OpaqueCel {
  if (expr.kind === 'template' && expr.parts.every((part) => typeof part === 'string')) return expr.parts.join('');
  if (expr.kind === 'literal' && expr.literal.kind === 'string') return expr.literal.value;
  return new OpaqueCel(printCel(expr));
}
