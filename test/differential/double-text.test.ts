/**
 * Floating-point numbers made text (src/ir/javascript-text.ts) in every place a composition makes text: a
 * template literal, `String(x)`, `+` with text, a choice beside text (`x ?? 'none'`, `c ? x : 'x'`), a list's
 * `join` and `map`, a ConfigMap's data, held to the composition's JavaScript by the differential harness
 * (manifests and status, every observed state) for doubles of every magnitude: where Go's `%g` (CEL's `string()`)
 * and JavaScript lay the digits out differently (1e6 to 1e21, 1e-5 and 1e-6, 1e-7 to 1e-9), their edges, and -0.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from './harness.js';

const doubleText = kubernetesComposition(
  {
    name: 'double-text',
    apiVersion: 'doubles.typekro.dev/v1alpha1',
    kind: 'DoubleText',
    spec: type({ x: 'number', 'o?': 'number', flag: 'boolean', list: 'number[]' }),
    status: type({ tpl: 'string', str: 'string', plus: 'string', either: 'string', pick: 'string', joined: 'string', mapped: 'string', half: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: 'doubles', id: 'doubles', data: { x: `${spec.x}`, half: String(spec.x / 2) } });
    return {
      tpl: `x=${spec.x}`,
      str: String(spec.x),
      plus: 'x' + spec.x,
      either: `${spec.o ?? 'none'}`,
      pick: String(spec.flag ? spec.x : 'off'),
      joined: spec.list.join(','),
      mapped: spec.list.map((n) => `<${n}>`).join(''),
      half: `${spec.x / 3}`,
    };
  },
);

const XS = [0, -0, 1.5, 1e-4, 9.5e-5, 1e-5, 1.5e-6, 1e-7, 1.2e-9, 1e-10, 999999.5, 1e6, 1000000.5, -1000000.5, 2 ** 53, 2 ** 60, 1e20, 1e21, 1.5e21];

test('every place a composition makes a double text writes what JavaScript writes, in both engines alike', () => {
  const specs = XS.map((x, i) => ({ x, ...(i % 2 === 0 && { o: XS[XS.length - 1 - i] }), flag: i % 3 !== 0, list: [x, XS[(i + 5) % XS.length]!, 0.5] }));
  const report = runCase('double-text', { composition: doubleText as never, spec: specs[0]!, specs });
  assert.equal(report.specs, XS.length);
  assert.ok(report.evaluations >= XS.length, `${report.evaluations} evaluations`);
  assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
});
