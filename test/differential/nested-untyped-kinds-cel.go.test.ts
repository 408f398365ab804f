/**
 * A value whose kind is known only when it runs, cast and passed to a nested composition's typed field
 * (review 43 P4): `o: (spec.cfg.a as { b?: string } | undefined)?.b`, where `b` holds null. The child was
 * compiled for a string: its `spec.o ?? 'none'` kept the null in CEL where JavaScript's `??` gives 'none', in
 * both modes and without a word. Now the child's spec is checked against its declared kinds on both sides:
 * JavaScript's run of the child fails (SPEC_INVALID) and KRO's cel-go and our engine fail on every status
 * field that reads the value, with the declaration in the message; a value of the declared kind (or none)
 * gives JavaScript's value in all three. Over JSON values of every kind, in every field kind. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { evaluateConcrete, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { answersAgree } from '../cel/compare.js';
import { celGoAndOurs, untag } from '../support/cel-oracle.js';

/** The child's status, which the parent returns as it is: each field named after the child field it reads. */
const STATUS = type({
  oDefault: 'string',
  oAbsent: 'boolean',
  oText: 'string',
  nNext: 'number',
  rHalf: 'number',
  flagOn: 'boolean',
  tagsText: 'string',
  ratiosSum: 'string',
  labelsCount: 'number',
  dbHost: 'string',
  dbWhole: 'string',
});

const child = kubernetesComposition(
  {
    name: 'kinds-child',
    kind: 'KindsChild',
    spec: type({
      name: 'string',
      'o?': 'string',
      n: 'number.integer',
      'r?': 'number',
      'flag?': 'boolean',
      'tags?': 'string[]',
      'ratios?': 'number[]',
      'labels?': 'Record<string, string>',
      'db?': { host: 'string', 'port?': 'number.integer' },
    }),
    status: STATUS,
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { o: spec.o ?? 'none' } });
    return {
      oDefault: spec.o ?? 'none',
      oAbsent: spec.o === undefined,
      oText: 'o=' + (spec.o ?? '-'),
      nNext: spec.n + 1,
      rHalf: (spec.r ?? 1) / 2,
      flagOn: spec.flag === true,
      tagsText: (spec.tags ?? []).join('+'),
      ratiosSum: (spec.ratios ?? []).map((r) => r / 4).join('+'),
      labelsCount: Object.keys(spec.labels ?? {}).length,
      dbHost: spec.db?.host ?? 'no-db',
      dbWhole: spec.db ? `${spec.db.host}:${spec.db.port ?? 5432}` : 'no-db',
    };
  },
);

type Cfg = { o?: string; n?: number; r?: number; flag?: boolean; tags?: string[]; ratios?: number[]; labels?: Record<string, string>; db?: { host: string; port?: number } };

const parent = kubernetesComposition(
  {
    name: 'kinds-parent',
    kind: 'KindsParent',
    spec: type({ name: 'string', cfg: 'Record<string, unknown>' }),
    status: STATUS,
  },
  (spec) => {
    const cfg = spec.cfg as Cfg;
    const c = child({ name: spec.name, o: cfg.o, n: (cfg.n ?? 0) as number, r: cfg.r, flag: cfg.flag, tags: cfg.tags, ratios: cfg.ratios, labels: cfg.labels, db: cfg.db });
    const s = c.status;
    return { oDefault: s.oDefault, oAbsent: s.oAbsent, oText: s.oText, nNext: s.nNext, rHalf: s.rHalf, flagOn: s.flagOn, tagsText: s.tagsText, ratiosSum: s.ratiosSum, labelsCount: s.labelsCount, dbHost: s.dbHost, dbWhole: s.dbWhole };
  },
);

const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { name: { type: 'string' }, cfg: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
} as OpenApiSchema;

/** A value of every JSON kind; each field takes each of them. */
const KINDS: readonly TaggedJson[] = [null, 'text', '', 7, 0, 2.5, true, false, [], ['a', 'b'], [1, 2.5], {}, { a: 'x' }, { host: 'h' }, { host: 'h', port: 5433 }, { host: 3 }];
const FIELDS = ['o', 'n', 'r', 'flag', 'tags', 'ratios', 'labels', 'db'] as const;

/** The CEL of a status field: one `${...}`, or text around one (KRO's template, which takes only a string there). */
function wholeExpression(field: string, text: string): string {
  const start = text.indexOf('${');
  assert.ok(start >= 0 && text.endsWith('}') && text.indexOf('${', start + 2) < 0, `status.${field} is not one expression: ${text}`);
  const inner = text.slice(start + 2, -1);
  return start === 0 ? inner : `${JSON.stringify(text.slice(0, start))} + (${inner})`;
}

/** The status fields that read each child field (named after it). */
const readers = (field: string): ((status: string) => boolean) => (status) => status.startsWith(field) && /[A-Z]/.test(status.charAt(field.length));

test('a value of any kind passed to a nested composition typed field: cel-go, our engine and JavaScript agree, or all three fail', () => {
  const specs = [{}, ...FIELDS.flatMap((field) => KINDS.map((value) => ({ [field]: value })))].map((cfg) => ({ name: 'n', cfg }));
  const { agreed, failed } = agreeOrFail(parent, schema, specs);
  assert.ok(agreed > 200 && failed > 100, `agreed ${agreed}, failed ${failed}`);
});

const wholeParent = kubernetesComposition(
  { name: 'kinds-whole', kind: 'KindsWhole', spec: type({ name: 'string', lab: 'Record<string, unknown>' }), status: type({ labelsCount: 'number' }) },
  (spec) => {
    const c = child({ name: spec.name, n: 1, labels: spec.lab as Record<string, string> });
    return { labelsCount: c.status.labelsCount };
  },
);

test("a declared object ('Record<string, unknown>') passed whole to a map of strings: KRO's checker takes the check (review 44 F4)", () => {
  const wholeSchema = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' }, lab: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } } as OpenApiSchema;
  const specs = [{}, { k: 'v' }, { k: 'v', l: '' }, { k: 1 }, { k: null }, { k: ['a'] }].map((lab) => ({ name: 'n', lab }));
  const { agreed, failed } = agreeOrFail(wholeParent, wholeSchema, specs);
  assert.deepEqual([agreed, failed], [3, 3]);
});

/**
 * Each status field of `composition` on each spec through cel-go and our engine (which agree), and JavaScript:
 * the same value, or, where JavaScript's run of the child fails on a field, an error in every status field that
 * reads it (status fields are named after the child field they read).
 */
function agreeOrFail(composition: { toYaml(): string }, specSchema: OpenApiSchema, specs: readonly Record<string, unknown>[]): { agreed: number; failed: number } {
  const status = (parse(composition.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  assert.doesNotMatch(JSON.stringify(status), /\/work|\.test\.ts/, 'the RGD carries no file path');
  const vectors = specs.flatMap((spec, j) =>
    Object.entries(status).map(([field, text]) => ({ id: `${field}-${j}`, field, spec, expr: wholeExpression(field, text), vars: { schema: { spec } as TaggedJson }, schemas: { schema: specSchema } })),
  );
  let agreed = 0;
  let failed = 0;
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const { field, spec } = vector;
    let js: Record<string, unknown> | TypeKroError;
    try {
      js = evaluateConcrete(composition as never, spec as never, { name: 'i' }).status as Record<string, unknown>;
    } catch (error) {
      assert.ok(error instanceof TypeKroError && error.code === 'SPEC_INVALID', `${vector.id}: ${String(error)}`);
      js = error;
    }
    const context = `${vector.id} on ${JSON.stringify(spec)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`;
    assert.ok(go && answersAgree(ours, go), context);
    if (js instanceof TypeKroError) {
      const wrong = /spec\.(\w+)/.exec(js.message)![1]!;
      if (!readers(wrong)(field)) continue;
      assert.equal(go.class, 'error', `${context}; JavaScript: ${js.message}`);
      assert.match(go.error!, /nested composition \\?"kinds-child\\?": spec\.\w+(\.\w+)? is declared/, context);
      failed++;
    } else {
      assert.equal(go.class, 'value', `${context}; JavaScript ${JSON.stringify(js[field])}`);
      assert.deepEqual(untag(go.value), js[field], context);
      agreed++;
    }
  }
  return { agreed, failed };
}
