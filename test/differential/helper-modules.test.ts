/**
 * Helpers in other local source files compile exactly however they are imported: by name, as a default
 * (`export default function`, an arrow, `export { f as default }`), through a namespace (`import * as H`)
 * and through barrels (named, renamed, `export *`, `export * as`, chains), and with every parameter form
 * (rest, a default reading an earlier parameter or the helper's own module, destructuring with defaults),
 * also of the composition's own spec parameter.
 * Each composition is held to JavaScript (evaluateConcrete) by the differential harness on several specs
 * and observed states.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import * as H from './fixtures/modules/lib.js';
import lengthClass from './fixtures/modules/lib.js';
import upper from './fixtures/modules/default-arrow.js';
import tier from './fixtures/modules/default-renamed.js';
import { image, replicasFor, label, L } from './fixtures/modules/barrel.js';
import * as B from './fixtures/modules/barrel2.js';
import { withSuffix } from './fixtures/modules/barrel2.js';
import * as P from './fixtures/modules/params.js';
import { countOf, dependent, firstOf, fromSpec, orNull, picked } from './fixtures/modules/params.js';
import * as W from '../composition/fixtures/helpers/web.js';
import * as G from './fixtures/modules/grouped.js';
import { alias, fmt, names } from './fixtures/modules/grouped.js';
import fc from 'fast-check';
import { positionSchedule, programWith } from './generated-programs.js';
import { renderStandalone } from './generated-render.js';
import { runCase } from './harness.js';

// `s` printable ASCII: the helpers change its case, which CEL does only for ASCII (analysis/text-refusals.ts)
const spec = type({ prod: 'boolean', replicas: 'number.integer', 'tag?': /^[ -~]*$/, s: /^[ -~]*$/, 'opt?': /^[ -~]*$/ });
const status = type({ a: 'string', n: 'number', b: 'string', c: 'string' });
const base = { prod: true, replicas: 3, tag: 'v2', s: 'abcd', opt: 'o' };

const namespace = kubernetesComposition({ name: 'mod-namespace', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModNamespace', spec, status }, (spec) => {
  ConfigMap({ name: 'ns', data: { image: H.image(spec.prod, spec.tag), size: `${H.size(spec.replicas)}`, suffix: `${spec.s}${H.SUFFIX}` } });
  ConfigMap(H.opts(spec));
  W.importedWeb(spec, 'ns-web');
  return { a: H.image(!spec.prod), n: H.size(spec.replicas), b: H.suffixed(spec.s), c: H.suffixed(spec.s, spec.opt) };
});

const defaults = kubernetesComposition({ name: 'mod-defaults', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModDefaults', spec, status }, (spec) => {
  ConfigMap({ name: 'defaults', data: { length: lengthClass(spec.s), upper: upper(spec.s), tier: tier(spec.prod) } });
  return { a: lengthClass(spec.tag ?? ''), n: upper(spec.s).length, b: tier(!spec.prod), c: upper(spec.opt ?? 'none') };
});

const barrels = kubernetesComposition({ name: 'mod-barrels', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModBarrels', spec, status }, (spec) => {
  ConfigMap({ name: 'barrels', data: { image: image(spec.prod, spec.tag), label: label(spec.s), chained: B.label(spec.s), star: L.image(spec.prod) } });
  return { a: B.image(spec.prod, spec.opt), n: replicasFor(spec.replicas) + B.replicasFor(spec.replicas * 2), b: withSuffix(spec.s, spec.tag), c: B.withSuffix(spec.s) };
});

const params = kubernetesComposition({ name: 'mod-params', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModParams', spec, status }, (spec) => {
  ConfigMap({ name: 'params', data: { first: firstOf(spec.s, 'z'), none: firstOf(), dependent: dependent(spec.opt), given: dependent(spec.opt, spec.s), picked: picked({ p: spec.prod }), nul: orNull(null), missing: orNull(), fromSpec: orNull(spec.s) } });
  return { a: P.firstOf(spec.tag ?? 'untagged', spec.s), n: countOf(spec.s, spec.s, 'x') + countOf(), b: picked({ p: spec.prod, q: spec.opt }), c: fromSpec(spec) };
});

const DEFAULT_TAG = 'stable';
/** The spec parameter destructured with defaults (trial D28): what `const { ... } = spec` means in the body. */
const destructured = kubernetesComposition(
  { name: 'mod-destructured', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModDestructured', spec: type({ prod: 'boolean', 'replicas?': 'number.integer', 'tag?': /^[ -~]*$/, s: /^[ -~]*$/ }), status },
  ({ prod, replicas = 3, tag: version = DEFAULT_TAG, s: text = 'unused' }) => {
    ConfigMap({ name: 'destructured', data: { r: `${replicas}`, t: version, p: prod ? 'y' : 'n', s: text } });
    return { a: version, n: replicas * 2, b: prod ? text : version, c: `${replicas > 2}` };
  },
);

/** Helpers grouped in an object literal (trial 8 T07): each member is followed like an exported function. */
const grouped = kubernetesComposition({ name: 'mod-grouped', apiVersion: 'mod.typekro.dev/v1alpha1', kind: 'ModGrouped', spec, status }, (spec) => {
  const local = { twice: (s: string) => `${s}${s}` };
  ConfigMap({ name: 'grouped', data: { upper: fmt.upper(spec.s), port: fmt.port(spec.replicas), joined: fmt.joined(spec.s), given: G.fmt.joined(spec.s, spec.tag ?? 'none'), local: local.twice(spec.s) } });
  return { a: names.upper(spec.s), n: fmt.upper(spec.opt ?? 'none').length, b: alias.tier(spec.replicas), c: G.names.port(spec.replicas) };
});

for (const [name, composition] of Object.entries({ namespace, defaults, barrels, params, destructured, grouped })) {
  test(`helpers from other files, ${name}: the compiled graph agrees with JavaScript`, () => {
    const { opt: _, ...withoutOpt } = base;
    const report = runCase(name, { composition: composition as never, spec: name === 'destructured' ? withoutOpt : base });
    assert.ok(report.evaluations >= 6, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
}

test('a default compiled where the helper is defined: its module constant, not a name of the caller', () => {
  const yaml = namespace.toYaml();
  assert.match(yaml, /\n {6}b: \$\{schema\.spec\.s\}-lib\n/);
  assert.match(yaml, /\n {6}c: \$\{schema\.spec\.s\}\$\{schema\.spec\.\?opt\.orValue\("-lib"\)\}\n/);
});

test('the program generator reaches imported helpers by name, through a namespace import and through a barrel', () => {
  const sources = positionSchedule()
    .filter((positions) => positions.includes('imported'))
    .map((positions, i) => renderStandalone(fc.sample(programWith(positions), { seed: i, numRuns: 1 })[0]!))
    .join('\n');
  for (const form of ["import * as HN from './helpers.js';", 'HN.h0_1(spec)', "} from './helpers-barrel.js';", "export * from './helpers.js';", 'h0_0(spec)']) {
    assert.ok(sources.includes(form), `no generated program holds ${form}`);
  }
});
