/**
 * Spec variants for a composition: the corpus spec, edits that flip its decisions (booleans flipped,
 * every enum value, lists emptied and grown, numbers just below/at/above the thresholds its CEL compares
 * with), and values drawn by fast-check from the spec schema with a fixed seed. Only specs the schema
 * accepts are kept; the order and content are the same on every run.
 */
import fc from 'fast-check';
import { printCel } from '../../src/compile/cel/print.js';
import type { CompositionDefinition } from '../../src/composition/definition.js';
import type { CompositionGraph } from '../../src/ir/graph.js';
import type { SchemaNode } from '../../src/ir/schema.js';
import { exprLeaves, type Value } from '../../src/ir/value.js';
import { applyDefaults } from '../../src/model/schema/index.js';
import { validateWithSchema } from '../../src/model/schema/standard.js';

const SEED = 20261204;

/** A fast-check arbitrary for values of a schema node; small ranges, so thresholds are hit often. */
export function arbitraryFor(node: SchemaNode): fc.Arbitrary<unknown> {
  const { markers } = node;
  if (markers.enum && markers.enum.length > 0) return fc.constantFrom(...markers.enum);
  switch (node.kind) {
    case 'string':
      return markers.pattern ? fc.stringMatching(new RegExp(markers.pattern)) : fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
    case 'integer':
      return fc.integer({ min: markers.minimum ?? -1, max: markers.maximum ?? Math.max(6, (markers.minimum ?? 0) + 6) });
    case 'float':
      return fc.integer({ min: 0, max: 16 }).map((n) => Math.max(markers.minimum ?? -Infinity, Math.min(markers.maximum ?? Infinity, n / 4)));
    case 'boolean':
      return fc.boolean();
    case 'object':
      return fc.constant({});
    case 'array':
      return fc.array(arbitraryFor(node.items), { minLength: markers.minItems ?? 0, maxLength: Math.min(markers.maxItems ?? 3, 3) });
    case 'map':
      return fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), arbitraryFor(node.values), { maxKeys: 3 });
    case 'struct':
      return fc.record(Object.fromEntries(Object.entries(node.fields).map(([key, field]) => [key, arbitraryFor(field)])), { requiredKeys: [...node.required] });
  }
}

/** Numbers the graph's CEL mentions (comparison thresholds, divisors): each gives t-1, t, t+1. */
function thresholds(graph: CompositionGraph): number[] {
  const values: Value[] = [graph.status, ...graph.resources.map((r) => r.template ?? null)];
  const texts = [
    ...values.flatMap((value) => exprLeaves(value).map((leaf) => printCel(leaf.expr))),
    ...graph.resources.flatMap((r) => [...r.includeWhen, ...r.readyWhen, ...r.forEach.map((d) => d.source)].map((expr) => printCel(expr))),
  ];
  const found = new Set<number>();
  for (const text of texts) for (const match of text.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/g)) found.add(Number(match[1]));
  return [...found].filter((n) => n < 1000).flatMap((n) => [n - 1, n, n + 1]);
}

function edits(graph: CompositionGraph, base: Record<string, unknown>): Record<string, unknown>[] {
  const root = graph.spec;
  if (root.kind !== 'struct') return [];
  const out: Record<string, unknown>[] = [];
  const numbers = [...new Set([0, 1, 2, ...thresholds(graph)])];
  for (const [key, field] of Object.entries(root.fields)) {
    const current = base[key];
    if (field.markers.enum) for (const option of field.markers.enum) out.push({ ...base, [key]: option });
    else if (field.kind === 'boolean') out.push({ ...base, [key]: !(current ?? field.markers.default ?? false) });
    else if (field.kind === 'integer') for (const n of numbers) out.push({ ...base, [key]: n });
    // A float field also gets fractions, so int() conversions are exercised without relying on random draws.
    else if (field.kind === 'float') for (const n of [...numbers, 0.5, 1.25, 2.75]) out.push({ ...base, [key]: n });
    else if (field.kind === 'array') {
      const items = Array.isArray(current) ? current : [];
      out.push({ ...base, [key]: [] });
      const sample = fc.sample(arbitraryFor(field.items), { seed: SEED, numRuns: 3 });
      out.push({ ...base, [key]: [...items, ...sample] });
    } else if (current === undefined && !root.required.includes(key)) {
      out.push({ ...base, [key]: fc.sample(arbitraryFor(field), { seed: SEED, numRuns: 1 })[0] });
    } else if (current !== undefined && !root.required.includes(key)) {
      const { [key]: _dropped, ...rest } = base;
      out.push(rest);
    }
  }
  return out;
}

/** The variants to run, the corpus spec first; at most `limit`. */
export function specVariants(definition: CompositionDefinition, graph: CompositionGraph, base: Record<string, unknown>, random = 6, limit = 24): Record<string, unknown>[] {
  const valid = (spec: unknown): boolean => validateWithSchema(definition.spec, applyDefaults(graph.spec, spec), 'spec').ok;
  const drawn = fc.sample(arbitraryFor(graph.spec).filter(valid), { seed: SEED, numRuns: random }) as Record<string, unknown>[];
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const spec of [base, ...edits(graph, base).slice(0, limit - random - 1), ...drawn]) {
    const key = JSON.stringify(spec);
    if (seen.has(key) || !valid(spec)) continue;
    seen.add(key);
    out.push(spec);
  }
  return out.slice(0, limit);
}
