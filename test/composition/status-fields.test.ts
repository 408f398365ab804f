/**
 * The returned status must be the declared one: a required status field the composition does not return
 * is never set, and a returned field the status schema does not declare has no place in the CRD (before,
 * both passed `check`, and the undeclared one went into the RGD). Trial m04, m09.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CompositionSyntaxError, kubernetesComposition, toResourceGraph } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const spec = type({ name: 'string' });

function refused(define: () => unknown, message: string): void {
  assert.throws(define, (error: Error) => {
    assert.ok(error instanceof CompositionSyntaxError, String(error));
    assert.match(error.message, /status-fields\.test\.ts:\d+:\d+: /);
    assert.equal(error.message.replace(/^.*?status-fields\.test\.ts:\d+:\d+: /, '').replace(/\n    [\s\S]*\n  hint:/, '\n  hint:'), message);
    return true;
  });
}

test('a declared status field the composition does not return is refused at the return', () => {
  refused(
    () => kubernetesComposition({ name: 'm04', kind: 'M04', spec, status: type({ v: 'string', 'w?': 'string' }) }, () => ({}) as { v: string }),
    'composition "m04": the status schema declares `v`, but the returned status does not set it: it would never be set, while its type says it is always there\n  hint: return it (`v: <value>`), or make it optional in the status schema (`\'v?\': ...`)',
  );
});

test('a returned status field the schema does not declare is refused, also nested', () => {
  refused(
    () => kubernetesComposition({ name: 'm09', kind: 'M09', spec, status: type({ v: 'string' }) }, (s) => ({ v: 'ok', extra: s.name }) as { v: string }),
    'composition "m09": the returned status sets `extra`, which the status schema does not declare: the instance\'s CRD has no such field, so KRO cannot write it\n  hint: declare it in the status schema (e.g. `extra: \'string\'`), or remove it from the returned status',
  );
  refused(
    () => kubernetesComposition({ name: 'nested', kind: 'Nested', spec, status: type({ db: { ready: 'boolean' } }) }, (s) => {
      const cm = ConfigMap({ name: s.name, data: { a: 'b' } });
      return { db: { ready: cm.data.a === 'b', host: s.name } } as { db: { ready: boolean } };
    }),
    'composition "nested": the returned status sets `db.host`, which the status schema does not declare: the instance\'s CRD has no such field, so KRO cannot write it\n  hint: declare it in the status schema (e.g. `host: \'string\'`), or remove it from the returned status',
  );
});

test('optional fields may be left out, and toResourceGraph is held to its schema too', () => {
  const ok = kubernetesComposition({ name: 'ok', kind: 'Ok', spec, status: type({ v: 'string', 'w?': 'string' }) }, (s) => ({ v: s.name }));
  assert.match(ok.toYaml(), /v: \$\{schema\.spec\.name\}/);
  assert.throws(
    () => toResourceGraph(
      { name: 'rg', kind: 'Rg', spec, status: type({ v: 'string' }) },
      (schema) => ({ cm: ConfigMap({ name: schema.spec.name, data: {} }) }),
      () => ({ v: 'x', other: 1 }) as { v: string },
    ),
    /composition "rg": the returned status sets `other`, which the status schema does not declare/,
  );
});

test('status: type({}) declares no status fields: the same composition as one that omits status (trial 18 F5)', () => {
  const empty = kubernetesComposition({ name: 'no-fields', kind: 'NoFields', spec, status: type({}) }, (s) => {
    ConfigMap({ name: s.name, data: { a: 'b' } });
    return {};
  });
  const omitted = kubernetesComposition({ name: 'no-fields', kind: 'NoFields', spec }, (s) => {
    ConfigMap({ name: s.name, data: { a: 'b' } });
  });
  assert.equal(empty.toYaml(), omitted.toYaml());
  refused(
    () => kubernetesComposition({ name: 'empty', kind: 'Empty', spec, status: type({}) }, (s) => ({ extra: s.name }) as object),
    'composition "empty": the returned status sets `extra`, which the status schema does not declare: the instance\'s CRD has no such field, so KRO cannot write it\n  hint: declare it in the status schema (e.g. `extra: \'string\'`), or remove it from the returned status',
  );
});
