/**
 * A status field's value must fit the type its schema declares (trial 10 S01, issue 10 point 7): KRO types the
 * instance's CRD field by the CEL type of the expression and direct mode returns the value itself, while the
 * user's TypeScript reads the declared type. TypeScript cannot see it for integers (`'number'` and
 * `'number.integer'` are both `number`) nor wherever a value is typed loosely (an `any`, a cast, JSON data).
 * Each refusal has its exact message (golden/status-type-rejections.txt, this file's path written `<this file>`,
 * the line counted from the row's first; UPDATE_GOLDEN=1 rewrites it, review the diff); what fits compiles as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition, toResourceGraph } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'status.typekro.dev/v1alpha1',
  kind: 'StatusTypes',
  spec: type({ name: 'string', n: 'number.integer', ratio: 'number', on: 'boolean', 'size?': "'s' | 'm'" }),
};
type Spec = typeof definition.spec.infer;
// An untyped helper or JSON data: what hides a value's type from TypeScript in a user's code.
const untyped = (value: unknown): any => value;

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['an integer under string (trial 10 S01)', () => kubernetesComposition({ ...definition, name: 's01', status: type({ p: 'string' }) }, (spec) => {
    ConfigMap({ name: spec.name, data: {} });
    return { p: spec.n as any };
  }), "declared as 'string', but its value is an integer"],
  ['a division under number.integer (TypeScript: number either way)', () => kubernetesComposition({ ...definition, name: 'half', status: type({ half: 'number.integer' }) }, (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.n });
    return { half: (web.status.readyReplicas ?? 0) / 2 };
  }), 'its value is a floating-point number'],
  ['a number spec field under number.integer', () => kubernetesComposition({ ...definition, name: 'ratio', status: type({ r: 'number.integer' }) }, (spec) => ({ r: spec.ratio })),
    'its value is a floating-point number'],
  ['a fraction JavaScript computed under number.integer', () => kubernetesComposition({ ...definition, name: 'fraction', status: type({ r: 'number.integer' }) }, () => ({ r: 3 * 0.5 })),
    'its value is a floating-point number'],
  ['any string under a union of literals', () => kubernetesComposition({ ...definition, name: 'phase', status: type({ phase: "'Ready' | 'Pending'" }) }, (spec) => ({
    phase: spec.name as 'Ready' | 'Pending',
  })), 'its value is any string'],
  ['a ternary with a literal the union does not have', () => kubernetesComposition({ ...definition, name: 'typo', status: type({ phase: "'Ready' | 'Pending'" }) }, (spec) => ({
    phase: (spec.on ? 'Ready' : 'pending') as 'Ready' | 'Pending',
  })), "one of 'Ready', 'pending'"],
  ['a non-literal integer under an integer union', () => kubernetesComposition({ ...definition, name: 'tier', status: type({ tier: '1 | 2' }) }, (spec) => ({ tier: spec.n as 1 | 2 })),
    "declared as 1 | 2, but its value is an integer"],
  ['an integer under boolean', () => kubernetesComposition({ ...definition, name: 'flag', status: type({ up: 'boolean' }) }, (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    return { up: untyped(web.status.readyReplicas) };
  }), "declared as 'boolean', but its value is an integer"],
  ['a string under number', () => kubernetesComposition({ ...definition, name: 'text', status: type({ count: 'number' }) }, (spec) => ({ count: untyped(`${spec.n}`) })),
    "declared as 'number', but its value is any string"],
  ['a nested field', () => kubernetesComposition({ ...definition, name: 'nested', status: type({ db: { host: 'string', ready: 'boolean' } }) }, (spec) => ({
    db: { host: untyped(spec.n), ready: spec.on },
  })), 'the status field `db.host`'],
  ['a list item', () => kubernetesComposition({ ...definition, name: 'items', status: type({ names: 'string[]' }) }, (spec) => ({ names: [spec.name, untyped(spec.n)] })),
    'the status field `names[1]`'],
  ['an object where a scalar is declared', () => kubernetesComposition({ ...definition, name: 'shape', status: type({ db: 'string' }) }, (spec) => ({ db: untyped({ host: spec.name }) })),
    "declared as 'string', but its value is an object"],
  ['an int-or-string field under string', () => kubernetesComposition({ ...definition, name: 'port', status: type({ target: 'string' }) }, (spec) => {
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80, targetPort: spec.n }] });
    return { target: untyped(svc.spec.ports[0]!.targetPort) };
  }), 'its value is an integer or a string'],
  ['the status builder of toResourceGraph', () => toResourceGraph(
    { ...definition, name: 'builder', status: type({ p: 'string' }) },
    (schema) => ({ cm: ConfigMap({ name: schema.spec.name, data: {} }) }),
    (schema) => ({ p: untyped(schema.spec.n) }),
  ), "declared as 'string', but its value is an integer"],
];

test('a status value that does not fit its declared type is refused, with its exact message (golden/status-type-rejections.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/status-type-rejections.txt', import.meta.url));
});

test('what fits its declaration compiles as before: integers are numbers, known literals fit a union, conversions fit text', () => {
  const status = type({
    count: 'number',
    replicas: 'number.integer',
    phase: "'Ready' | 'Pending'",
    'size?': "'s' | 'm' | 'l'",
    sized: "'s' | 'm' | 'l'",
    port: 'string',
    half: 'number.integer',
    raw: 'string',
    tags: 'string[]',
    db: { ready: 'boolean' },
    any: 'object',
  });
  const app = kubernetesComposition({ ...definition, name: 'fits', status }, (spec: import('../../src/index.js').Ref<Spec>) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.n });
    const ready = (web.status.readyReplicas ?? 0) >= spec.n;
    return {
      count: web.status.readyReplicas ?? 0,
      replicas: spec.n,
      phase: ready ? 'Ready' : 'Pending',
      size: spec.size,
      sized: spec.size ?? 'l',
      port: String(spec.n),
      half: Math.trunc(spec.ratio / 2),
      // Hand-written CEL is typed by the user's own `T`: nothing is known of it to check.
      raw: Cel.expr<string>('"x"'),
      tags: [spec.name, `${spec.n}`],
      db: { ready },
      any: { n: spec.n },
    };
  });
  const yaml = app.toYaml();
  for (const line of ['count: ${web.?status.?readyReplicas.orValue(0)}', 'port: ${string(schema.spec.n)}', 'sized: ${schema.spec.?size.orValue("l")}', 'half: ${int(schema.spec.ratio / 2.0)}']) {
    assert.ok(yaml.includes(line), `${line}\n${yaml}`);
  }
});
