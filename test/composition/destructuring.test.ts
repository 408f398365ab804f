/**
 * Every destructuring form means `source[key] ?? default`, exactly like the explicit expression, or the
 * definition fails (trial 4 F05, F13, F07): a rest element of a list (`const [first, ...rest] = list`) is the
 * list from its position on (KRO's `slice`), a computed or numeric key reads that key or index, a default
 * applies where the read is `undefined`. What compiles is held to JavaScript by the differential harness
 * for several specs and observed states; what cannot is refused with its place and the way out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const Item = type({ name: 'string', 'tags?': 'string[]' });
const definition = (name: string) => ({
  name,
  apiVersion: 'destructure.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ hosts: 'string[]', host: 'string', env: 'string', endpoints: 'Record<string, string>', items: Item.array(), s: 'string' }),
  status: type({ 'v?': 'string', 'n?': 'number', 'ok?': 'boolean' }),
});
const base = { host: 'api.example.com', env: 'prod', endpoints: { prod: 'https://prod.example.com' }, s: 'xyz' };
const SPECS = [
  { ...base, hosts: [], items: [] },
  { ...base, hosts: ['db-0'], items: [{ name: 'a' }], host: 'localhost', env: 'dev' },
  { ...base, hosts: ['db-0', 'db-1', 'db-2'], items: [{ name: 'a', tags: [] }, { name: 'b', tags: ['x', 'y', 'z'] }], endpoints: {} },
];

function agrees(name: string, composition: unknown): void {
  const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
  assert.ok(report.evaluations >= SPECS.length, name);
  assert.deepEqual(report.findings, [], name);
}

/** A helper whose body and parameter destructure with a rest element. */
function tail(xs: readonly string[]): string {
  const [, ...rest] = xs;
  return rest.join(',');
}
const zoneOf = ([, ...zone]: readonly string[]): string => zone.join('.');

test('a rest element of a list is the list from its position on, in manifests, status, loops and helpers (F05)', () => {
  const rest = kubernetesComposition(definition('array-rest'), (spec) => {
    const [primary = 'none', ...replicas] = spec.hosts;
    ConfigMap({ name: 'rest', data: { primary, replicas: replicas.join(','), n: String(replicas.length) } });
    return { v: replicas.join(';'), n: replicas.length, ok: replicas.includes('db-2') };
  });
  assert.match(rest.toYaml(), /replicas: '\$\{\(size\(schema\.spec\.hosts\) > 1 \? schema\.spec\.hosts\.slice\(1, size\(schema\.spec\.hosts\)\) : \[\]\)\.join\(","\)\}'/);
  agrees('array-rest', rest);
  agrees('split-rest', kubernetesComposition(definition('split-rest'), (spec) => {
    const [sub, ...zoneParts] = spec.host.split('.');
    const zone = zoneParts.join('.');
    ConfigMap({ name: 'zone', data: { sub: sub ?? '', zone } });
    return { v: zone, n: zoneParts.length };
  }));
  agrees('filter-rest', kubernetesComposition(definition('filter-rest'), (spec) => {
    const [, ...tailOf] = spec.hosts.filter((h) => h !== 'db-1');
    ConfigMap({ name: 'x', data: { a: 'b' } });
    return { v: tailOf.length > 0 ? 'has' : 'none', ok: tailOf.includes('db-2') };
  }));
  agrees('nested-rest', kubernetesComposition(definition('nested-rest'), (spec) => {
    const [a, ...[b, ...c]] = spec.hosts;
    const [...all] = spec.hosts;
    ConfigMap({ name: 'x', data: { a: 'b' } });
    return { v: `${a ?? '-'}|${b ?? '-'}|${c.join('+')}|${all.join('+')}`, n: c.length };
  }));
  agrees('helper-rest', kubernetesComposition(definition('helper-rest'), (spec) => {
    ConfigMap({ name: 'x', data: { a: 'b' } });
    return { v: `${tail(spec.hosts)}/${zoneOf(spec.host.split('.'))}` };
  }));
  agrees('slice-call', kubernetesComposition(definition('slice-call'), (spec) => {
    ConfigMap({ name: 'x', data: { a: 'b' } });
    return { v: spec.hosts.slice(2).join(','), n: spec.hosts.slice(0).length };
  }));
});

test('a loop over a rest element creates a resource per item, and a loop body may destructure its item (F05)', () => {
  const loop = kubernetesComposition(definition('rest-loop'), (spec) => {
    const [, ...others] = spec.hosts;
    for (const host of others) ConfigMap({ name: `cm-${host}`, data: { host } });
    return { n: others.length };
  });
  assert.match(loop.toYaml(), /forEach:\n\s+- host: "\$\{size\(schema\.spec\.hosts\) > 1 \? schema\.spec\.hosts\.slice\(1, size\(schema\.spec\.hosts\)\) : \[\]\}"/);
  agrees('rest-loop', loop);
  agrees('loop-body', kubernetesComposition(definition('loop-body'), (spec) => {
    for (const item of spec.items) {
      const [first = 'none', ...more] = item.tags ?? [];
      const { 0: t0 = 'none', length } = item.tags ?? [];
      ConfigMap({ name: `cm-${item.name}`, data: { first, more: more.join(','), t0, n: String(length) } });
    }
    return {};
  }));
});

test('a rest element of a collection and of an observed list is compiled over the list KRO holds (F05)', () => {
  agrees('collection-rest', kubernetesComposition(definition('collection-rest'), (spec) => {
    const maps = spec.hosts.map((h) => ConfigMap({ name: `w-${h}`, data: { h } }));
    const [, ...others] = maps;
    return { n: others.length, v: others.map((o) => o.metadata.name).join(',') };
  }));
  agrees('observed-rest', kubernetesComposition(definition('observed-rest'), () => {
    const web = Deployment({ name: 'web', image: 'nginx' });
    const [, ...more] = web.status.conditions ?? [];
    const { 0: c0 } = web.status.conditions ?? [];
    return { n: more.length, v: c0?.status ?? 'none' };
  }));
});

test('computed and numeric keys read that key or index, with the default where JavaScript has one (F13)', () => {
  const K = 'prod';
  const byEnv = kubernetesComposition(definition('computed-key'), (spec) => {
    const { [spec.env]: url = 'http://localhost' } = spec.endpoints;
    const { [K]: fixed = 'none' } = spec.endpoints;
    const { [`pr${'od'}`]: templated = 'none' } = spec.endpoints;
    ConfigMap({ name: 'urls', data: { url, fixed, templated } });
    return { v: url };
  });
  const yaml = byEnv.toYaml();
  assert.doesNotMatch(yaml, /tkref/);
  assert.match(yaml, /url: \$\{schema\.spec\.endpoints\[\?schema\.spec\.env\]\.orValue\("http:\/\/localhost"\)\}/);
  agrees('computed-key', byEnv);
  agrees('numeric-key', kubernetesComposition(definition('numeric-key'), (spec) => {
    const { 0: first = 'x', length, 1: second } = spec.hosts;
    ConfigMap({ name: 'x', data: { first } });
    return { v: `${first}-${length}-${second ?? 'n'}` };
  }));
});

test('a constant computed key of an object literal names its key (F14)', () => {
  const K = 'team';
  agrees('constant-object-key', kubernetesComposition(definition('constant-object-key'), (spec) => {
    ConfigMap({ name: 'x', data: { [K]: spec.env, plain: spec.host } });
    return {};
  }));
  assert.equal(
    refusal(() => kubernetesComposition(definition('template-object-key'), (spec) => {
      ConfigMap({ name: 'x', data: { [`${K}-2`]: spec.host } });
      return {};
    })),
    `${at("'template-object-key'", '`${K}-2`')}: a computed key TypeKro cannot read at definition time, on a value from a reference\n    \`\${K}-2\`\n  hint: use a literal key, or a constant holding a string`,
  );
});

test('a function declared after the final return is hoisted, as in JavaScript (F06)', () => {
  agrees('hoisted', kubernetesComposition(definition('hoisted'), (spec) => {
    ConfigMap({ name: 'c', data: { a: label(spec.s) } });
    return { v: label(spec.s) };
    function label(x: string): string {
      return `${x}-x`;
    }
  }));
});

test('what has no CEL form is refused at its place, with the way out', () => {
  assert.equal(
    refusal(() => kubernetesComposition(definition('string-rest'), (spec) => {
      const [, ...chars] = spec.s;
      return { v: chars.join('') };
    })),
    `${at("'string-rest'", '...chars')}: a rest element over a string collects its characters into a list, which CEL cannot make from a string\n    ...chars\n  hint: read the characters you need (\`spec.s.charAt(1)\`), or take the rest of the text as a string (\`spec.s.substring(1)\`)`,
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('negative-slice'), (spec) => ({ v: spec.hosts.slice(-1).join(',') }))),
    `${at("'negative-slice'", '-1')}: \`slice\` with a start that is not a literal integer >= 0 (JavaScript counts a negative start from the end)\n    -1\n  hint: take the items from a fixed position on (\`list.slice(1)\`), or write the CEL with Cel.expr(...) (\`.slice(from, to)\` of KRO's lists library, indexes in range)`,
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('object-rest'), (spec) => {
      const { a, ...others } = { a: 1, b: spec.s };
      return { v: others.b ? `${a}` : 'n' };
    })),
    `${at("'object-rest'", 'others.b ?')}: \`others\` collects the remaining properties (a rest pattern), which CEL cannot express, and its value depends on a reference\n    others\n  hint: read the properties you need by name (\`const { a, b } = value\`)`,
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('computed-object-key'), (spec) => {
      Deployment({ name: 'web', image: 'nginx', labels: { [`team-${spec.env}`]: 'true' } });
      return {};
    })),
    `${at("'computed-object-key'", '`team-')}: a key computed from a reference: the keys of a KRO template are fixed in the graph, they cannot be decided by the instance\n    \`team-\${spec.env}\`\n  hint: use a fixed key and carry the instance's data in the value (e.g. \`{ team: spec.team }\` rather than \`{ [\`team-\${spec.team}\`]: 'true' }\`), or build the whole object with Cel.expr(...)`,
  );
});

test('assigning through a pattern changes every name it assigns, so a name read after it over a reference is refused', () => {
  const reassigned = (name: string) =>
    `\`${name}\` is changed after it is declared (reassigned); CEL cannot follow the order of statements, and its value depends on a reference\n    ${name}\n  hint: build the value in one expression and bind it with const: a ternary for a choice, \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over the list for what a loop collects`;
  assert.equal(
    refusal(() => kubernetesComposition(definition('assign-object'), (spec) => {
      let s = 'd';
      ({ s } = spec);
      return { v: s === 'xyz' ? 'y' : 'n' };
    })),
    `${at("'assign-object'", "s === 'xyz'")}: ${reassigned('s')}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('assign-array'), (spec) => {
      let first = 'd';
      let more: string[] = [];
      [first = 'q', ...more] = spec.hosts;
      return { v: `${first}${more.length}` };
    })),
    `${at("'assign-array'", 'first}${')}: ${reassigned('first')}`,
  );
});

test('an item that may be missing names the list in its hint, also through a pattern (F07, F13)', () => {
  // As an env value, the item is what the factory makes of `undefined` (the value left out): it compiles.
  const env = kubernetesComposition(definition('first-env'), (spec) => {
    const [first] = spec.hosts;
    Deployment({ name: 'd', image: 'nginx', env: { FIRST: first! } });
    return {};
  });
  assert.ok(env.toYaml().includes('value: "${size(schema.spec.hosts) > 0 ? schema.spec.hosts[0] : omit()}"'), env.toYaml());
  // As a name (which cannot be left out), it is refused, and the hint names the list behind the pattern.
  const item = (place: string, snippet: string) =>
    `${place}: \`name\` is set from a spec list item that may be missing (the list may be shorter): JavaScript passes \`undefined\`, and what the call makes of it cannot be written in CEL (only a factory's default or a field left out can)\n    ${snippet}\n  hint: give it a default (\`${snippet} ?? <default>\`), create the resource only when the list is long enough (\`if (spec.hosts.length > 0) ...\`), or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(1)\`)`;
  assert.equal(
    refusal(() => kubernetesComposition(definition('first-item'), (spec) => {
      const [first] = spec.hosts;
      Deployment({ name: first!, image: 'nginx' });
      return {};
    })),
    item(at("'first-item'", 'first!, image'), 'first'),
  );
  assert.equal(
    refusal(() => kubernetesComposition(definition('numeric-item'), (spec) => {
      const { 0: zeroth } = spec.hosts;
      Deployment({ name: zeroth!, image: 'nginx' });
      return {};
    })),
    item(at("'numeric-item'", 'zeroth!, image'), 'zeroth'),
  );
});
