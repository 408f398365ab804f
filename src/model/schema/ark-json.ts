/**
 * Readers for arktype 2.2's serialised node format (`Type#json`). The format is compact: a bare string is
 * a domain (`"string"`), an array is a union, `{}` is `unknown`, and most constraints are either a plain
 * value or `{ rule, exclusive?, meta? }`. These helpers hide those variants from the mapper.
 */
import { isPlainObject } from '../../util/json.js';

export type ArkObject = Readonly<Record<string, unknown>>;

const DOMAINS = ['string', 'number', 'bigint', 'object', 'symbol', 'boolean', 'undefined', 'null'];

/** Expands shorthand into object form: `"string"` → `{ domain: "string" }`, `"Date"` → `{ proto: "Date" }`. */
export function expand(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  return DOMAINS.includes(json) ? { domain: json } : { proto: json };
}

/** The domain name of a node, whether written `"number"` or `{ domain: "number", meta }`. */
export function domainOf(node: ArkObject): string | undefined {
  const domain = node['domain'];
  if (typeof domain === 'string') return domain;
  if (isPlainObject(domain) && typeof domain['domain'] === 'string') return domain['domain'];
  return undefined;
}

/** The prototype name (`Array`, `Date`), written plain or with metadata. */
export function protoOf(node: ArkObject): string | undefined {
  const proto = node['proto'];
  if (typeof proto === 'string') return proto;
  if (isPlainObject(proto) && typeof proto['proto'] === 'string') return proto['proto'];
  return undefined;
}

/** A description from `meta`: arktype stores `.describe(x)` as `meta: x` or `meta: { description: x }`. */
export function descriptionOf(node: ArkObject): string | undefined {
  const meta = node['meta'];
  if (typeof meta === 'string') return meta;
  if (isPlainObject(meta) && typeof meta['description'] === 'string') return meta['description'];
  return undefined;
}

/** Whether `meta` marks the node sensitive (`sensitive(schema)`, which is `.configure({ sensitive: true })`). */
export function sensitiveOf(node: ArkObject): boolean {
  const meta = node['meta'];
  return isPlainObject(meta) && meta['sensitive'] === true;
}

export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/** A numeric bound or length constraint: `3` or `{ rule: 3, exclusive: true }`. */
export function boundOf(raw: unknown): Bound | undefined {
  if (typeof raw === 'number') return { value: raw, exclusive: false };
  if (isPlainObject(raw) && typeof raw['rule'] === 'number') {
    return { value: raw['rule'], exclusive: raw['exclusive'] === true };
  }
  return undefined;
}

export interface Pattern {
  readonly source: string;
  readonly flags: string;
  /** What arktype's keyword calls it (`an ISO 8601 ... date`); a regex written by the user has none. */
  readonly description?: string;
}

/** Regex constraints: `"^a"` or `{ rule: "^a", flags: "i" }`. */
export function patternsOf(raw: unknown): Pattern[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((p: unknown): Pattern[] => {
    if (typeof p === 'string') return [{ source: p, flags: '' }];
    if (isPlainObject(p) && typeof p['rule'] === 'string') {
      const description = descriptionOf(p);
      return [{ source: p['rule'], flags: typeof p['flags'] === 'string' ? p['flags'] : '', ...(description === undefined ? {} : { description }) }];
    }
    return [];
  });
}

/**
 * A default as written in the JSON. Function defaults (`.default(() => [])`) are serialised as
 * `"$ark.fnN"`, a key into arktype's global registry; calling it gives a fresh value. A process that loads
 * several copies of arktype names their registries `$ark`, `$ark2`, `$ark3`... (`@ark/schema`'s
 * `registryName`), and each reference names its own.
 */
export function resolveDefault(raw: unknown): unknown {
  const reference = typeof raw === 'string' ? /^(\$ark\d*)\.(.+)$/.exec(raw) : null;
  if (!reference) return raw;
  const registry = (globalThis as Record<string, unknown>)[reference[1]!] as Record<string, unknown> | undefined;
  const entry = registry?.[reference[2]!];
  return typeof entry === 'function' ? (entry as () => unknown)() : raw;
}

/** Keys of `node` other than those listed: constraints the mapper does not understand. */
export function unknownKeys(node: ArkObject, known: readonly string[]): string[] {
  return Object.keys(node).filter((key) => !known.includes(key));
}
