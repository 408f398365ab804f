/**
 * A nested composition's status field declared `'number'` is a double to the parent wherever the parent uses
 * it (trial 9 T04, T05): as text, CEL's `string()` writes `1.048576e+06` where JavaScript writes `1048576`, and
 * into an integer field it would send a fraction. Both were accepted: the handle's reads were untyped. Now made
 * text it is written as JavaScript writes it, as a `'number'` spec field is, and into an integer field it is
 * refused (simulate's cross-check holds the compiled status to the JavaScript one).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

const quota = kubernetesComposition(
  { name: 'quota', kind: 'Quota', spec: type({ name: 'string', mb: 'number.integer' }), status: type({ bytes: 'number', whole: 'number.integer' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { mb: `${spec.mb}` } });
    return { bytes: spec.mb * 1024 * 1024, whole: spec.mb * 1024 * 1024 };
  },
);

test("a nested status field declared 'number' made text is written as JavaScript writes it (1048576, not 1.048576e+06)", () => {
  const parent = kubernetesComposition(
    { name: 'quota-text', kind: 'QuotaText', spec: type({ name: 'string', mb: 'number.integer' }), status: type({ bytes: 'string' }) },
    (spec) => {
      const q = quota({ name: `${spec.name}-q`, mb: spec.mb });
      const cfg = ConfigMap({ name: `${spec.name}-cfg`, data: { MAX_BYTES: `${q.status.bytes}` } });
      return { bytes: cfg.data.MAX_BYTES ?? '' };
    },
  );
  for (const mb of [1, 100, 0, 4096, 1e9]) {
    // simulate's cross-check holds the manifest it renders and the status to the composition's JavaScript.
    const result = simulate(parent, { name: 'a', mb }, { observed: { cfg: { data: { MAX_BYTES: String(mb * 1048576) } } } });
    const cfg = result.manifests.find((m) => m.kind === 'ConfigMap' && (m.metadata as { name: string }).name === 'a-cfg');
    assert.equal((cfg?.data as { MAX_BYTES?: string } | undefined)?.MAX_BYTES, String(mb * 1048576), `mb=${mb}`);
    assert.deepEqual(result.status, { bytes: String(mb * 1048576) }, `mb=${mb}`);
  }
});

test("a nested status field declared 'number' written to an integer field is refused", () => {
  const define = () =>
    kubernetesComposition(
      { name: 'quota-replicas', kind: 'QuotaReplicas', spec: type({ name: 'string', mb: 'number.integer' }), status: type({ ok: 'boolean' }) },
      (spec) => {
        const q = quota({ name: `${spec.name}-q`, mb: spec.mb });
        Deployment({ name: spec.name, image: 'nginx', replicas: q.status.bytes });
        return { ok: true };
      },
    );
  assert.equal(
    definitionError(define),
    `${at("'quota-replicas'", 'q.status.bytes')}: resource "deployment": the integer field spec.replicas is set to \`q.status.bytes\`, a floating-point number. JavaScript would send a fraction such as 1.25 as it is, which the API server refuses; CEL would truncate it to 1\n    q.status.bytes\n  hint: convert it explicitly with Math.trunc(q.status.bytes) (Math.trunc(a / b) is integer division), or compute it from integers only (spec fields 'number.integer')`,
  );
});

test("a nested status field declared 'number.integer' is text exactly as JavaScript writes it", () => {
  const parent = kubernetesComposition(
    { name: 'quota-int', kind: 'QuotaInt', spec: type({ name: 'string', mb: 'number.integer' }), status: type({ bytes: 'string', trunc: 'string' }) },
    (spec) => {
      const q = quota({ name: `${spec.name}-q`, mb: spec.mb });
      const cfg = ConfigMap({ name: `${spec.name}-cfg`, data: { MAX_BYTES: `${q.status.whole}` } });
      return { bytes: cfg.data.MAX_BYTES ?? '', trunc: `${Math.trunc(q.status.bytes)}` };
    },
  );
  for (const mb of [1, 100, 0, 4096]) {
    const result = simulate(parent, { name: 'a', mb }, { observed: { cfg: { data: { MAX_BYTES: String(mb * 1048576) } } } });
    assert.deepEqual(result.status, { bytes: String(mb * 1048576), trunc: String(mb * 1048576) }, `mb=${mb}`);
  }
});
