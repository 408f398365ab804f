/**
 * What a parent passes to a nested composition's typed field must have the declared kind (review 43 P4, and
 * F2 for nested compositions): a cast (`as unknown as string`) makes TypeScript accept any value, while the
 * child was compiled for its declaration. A value whose static kind differs is refused where it is passed
 * (values.ts, as in a manifest: test/composition/field-kinds.test.ts); a
 * value whose kind is known only when it runs is checked in CEL and in JavaScript's run of the child, which
 * both fail with the declaration (test/differential/nested-untyped-kinds-cel.go.test.ts holds cel-go, our
 * engine and JavaScript to each other over every kind).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, customResource, evaluateConcrete, kubernetesComposition, TypeKroError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

const child = kubernetesComposition(
  {
    name: 'kinds-child',
    kind: 'KindsChild',
    spec: type({ name: 'string', 'o?': 'string', 'weights?': 'Record<string, number>' }),
    status: type({ o: 'string', weights: 'number' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { o: spec.o ?? 'none' } });
    return { o: spec.o ?? 'none', weights: Object.keys(spec.weights ?? {}).length };
  },
);

const parentDefinition = { spec: type({ name: 'string', n: 'number.integer', cfg: 'Record<string, unknown>' }), status: type({ o: 'string' }) };

test('an integer cast to a string and passed to a string field is refused where it is passed', () => {
  const define = () =>
    kubernetesComposition({ ...parentDefinition, name: 'int-as-string', kind: 'IntAsString' }, (spec) => {
      const c = child({ name: spec.name, o: spec.n as unknown as string });
      return { o: c.status.o };
    });
  assert.equal(
    definitionError(define),
    `${at("'int-as-string'", 'child(')}: nested composition "kinds-child": the field spec.o takes a string, and is set to \`spec.n\`, an integer (a cast with \`as\` does not change the value): the child was compiled for a string, and would fail on the value or compute another\n    spec.n\n  hint: make it text where it is set (\`String(spec.n)\` or a template literal)`,
  );
});

test('a literal of another kind is refused where it is passed', () => {
  const define = () =>
    kubernetesComposition({ ...parentDefinition, name: 'literal-kind', kind: 'LiteralKind' }, (spec) => {
      const c = child({ name: spec.name, o: 5 as unknown as string });
      return { o: c.status.o };
    });
  assert.equal(
    definitionError(define),
    `${at("'literal-kind'", 'child(')}: nested composition "kinds-child": the field spec.o takes a string, and is set to \`5\`, an integer (a cast with \`as\` does not change the value): the child was compiled for a string, and would fail on the value or compute another\n    5\n  hint: write the text itself ("5")`,
  );
});

const untyped = kubernetesComposition({ ...parentDefinition, name: 'untyped-kind', kind: 'UntypedKind' }, (spec) => {
  const c = child({ name: spec.name, o: spec.cfg.o as string | undefined });
  return { o: c.status.o };
});

test('a value whose kind is known only when it runs is checked in CEL, with the declaration and no file path', () => {
  const yaml = untyped.toYaml();
  assert.match(
    yaml,
    /o: '\$\{\(has\(schema\.spec\.cfg\.o\) \? optional\.of\(type\(schema\.spec\.cfg\.o\) == type\(""\) \? schema\.spec\.cfg\.o : dyn\(timestamp\("nested composition \\"kinds-child\\": spec\.o is declared a string, and the parent passed a value of another kind"\)\)\) : optional\.none\(\)\)\.orValue\("none"\)\}'/,
  );
  assert.doesNotMatch(yaml, /nested-kinds\.test/);
});

test('JavaScript run of the child fails on null, simulate and evaluateConcrete alike; a string passes', () => {
  const message =
    "nested composition \"kinds-child\": spec.o is declared a string, and the parent passed null: the child was compiled for the kinds its spec type declares (a cast such as `as string` does not change the value); pass a value of that kind, or declare the child's field 'unknown'";
  for (const run of [() => evaluateConcrete(untyped, { name: 'a', n: 1, cfg: { o: null } }, { name: 'i' }), () => simulate(untyped, { name: 'a', n: 1, cfg: { o: null } })]) {
    assert.throws(run, (error) => error instanceof TypeKroError && error.code === 'SPEC_INVALID' && error.message === message);
  }
  assert.deepEqual(simulate(untyped, { name: 'a', n: 1, cfg: { o: 'x' } }).status, { o: 'x' });
  assert.deepEqual(simulate(untyped, { name: 'a', n: 1, cfg: {} }).status, { o: 'none' });
});

test("a value of unknown kind passed to a map of 'number' values is refused: CEL cannot make its integers doubles", () => {
  const define = () =>
    kubernetesComposition({ ...parentDefinition, name: 'untyped-weights', kind: 'UntypedWeights' }, (spec) => {
      const c = child({ name: spec.name, weights: spec.cfg.w as Record<string, number> | undefined });
      return { o: c.status.o };
    });
  assert.equal(
    definitionError(define),
    `${at("'untyped-weights'", 'child(')}: nested composition "kinds-child" declares spec.weights a map holding 'number' (floating-point) values, and the parent passes a value whose kind is known only when it runs: CEL cannot make its integers doubles there, and the child's arithmetic on them would be integer arithmetic (3 / 4 is 0); give the parent's value a declared type, or declare the child's field 'number.integer'`,
  );
});

test('a resource named as the check variables (key, value): the check binds the value first, so the read stays the resource (review 44 F3)', () => {
  const mapChild = kubernetesComposition(
    { name: 'kinds-map-child', kind: 'KindsMapChild', spec: type({ name: 'string', 'm?': 'Record<string, string>' }), status: type({ n: 'number' }) },
    (spec) => {
      ConfigMap({ name: spec.name, data: spec.m ?? {} });
      return { n: Object.keys(spec.m ?? {}).length };
    },
  );
  const parent = kubernetesComposition({ name: 'kinds-key', kind: 'KindsKey', spec: type({ name: 'string' }), status: type({ n: 'number' }) }, (spec) => {
    const key = customResource({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: spec.name }, spec: { a: 1 } });
    const c = mapChild({ name: spec.name, m: key.status.m as Record<string, string> | undefined });
    return { n: c.status.n };
  });
  for (const m of [{ a: 'x' }, { a: 'x', b: 'y' }]) {
    assert.deepEqual(simulate(parent, { name: 'a' }, { observed: { key: { status: { m } } } }).status, { n: Object.keys(m).length });
  }
  assert.throws(
    () => simulate(parent, { name: 'a' }, { observed: { key: { status: { m: { a: 1 } } } } }),
    (error) => error instanceof TypeKroError && error.code === 'SPEC_INVALID' && error.message.startsWith('nested composition "kinds-map-child": spec.m.a is declared a string, and the parent passed an integer'),
  );
});

test('Cel.expr<T> passed to a typed field is checked in CEL too: its T is not held by CEL (review 44 F2)', () => {
  const parent = kubernetesComposition({ ...parentDefinition, name: 'kinds-cel-expr', kind: 'KindsCelExpr' }, (spec) => {
    const c = child({ name: spec.name, o: Cel.expr<string>(spec.cfg, '.?o.orValue("z")') });
    return { o: c.status.o };
  });
  assert.match(parent.toYaml(), /o: '\$\{optional\.of\(\[dyn\(\(schema\.spec\.cfg\)\.\?o\.orValue\("z"\)\)\]\.map\(value, type\(value\) == type\(""\) \? value : dyn\(timestamp\("nested composition \\"kinds-child\\": spec\.o is declared a string/);
});

test('JavaScript checks a field where the child reads it, as the CEL does: a field the child never reads fails neither', () => {
  const reader = kubernetesComposition(
    { name: 'kinds-reader', kind: 'KindsReader', spec: type({ name: 'string', 'o?': 'string', 'db?': { host: 'string', 'port?': 'number.integer' } }), status: type({ port: 'number' }) },
    (spec) => {
      ConfigMap({ name: spec.name, data: { a: 'b' } });
      return { port: spec.db?.port ?? 5432 };
    },
  );
  const parent = kubernetesComposition({ ...parentDefinition, name: 'kinds-unread', kind: 'KindsUnread', status: type({ port: 'number' }) }, (spec) => {
    const c = reader({ name: spec.name, o: spec.cfg.o as string | undefined, db: { host: (spec.cfg.h ?? 'h') as string, port: spec.cfg.p as number | undefined } });
    return { port: c.status.port };
  });
  // `o` and `db.host` hold other kinds, and neither side reads them; `db.port` is read and checked by both.
  assert.deepEqual(simulate(parent, { name: 'a', n: 1, cfg: { o: 3, h: 3, p: 6543 } }).status, { port: 6543 });
  assert.throws(
    () => simulate(parent, { name: 'a', n: 1, cfg: { o: 3, h: 'h', p: 'x' } }),
    (error) => error instanceof TypeKroError && error.code === 'SPEC_INVALID' && error.message.startsWith('nested composition "kinds-reader": spec.db.port is declared an integer, and the parent passed a string'),
  );
});
