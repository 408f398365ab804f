import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { toYaml } from './yaml.js';

describe('toYaml', () => {
  const cases: { name: string; value: unknown; yaml: string }[] = [
    { name: 'keeps key order as built', value: { b: 1, a: 2 }, yaml: 'b: 1\na: 2\n' },
    { name: 'quotes YAML 1.1 booleans in keys and values', value: { n: 'y', on: 'off' }, yaml: '"n": "y"\n"on": "off"\n' },
    { name: 'quotes octal-looking strings', value: { mode: '0755' }, yaml: 'mode: "0755"\n' },
    { name: 'never folds long lines', value: { x: `\${${'a'.repeat(200)}}` }, yaml: `x: \${${'a'.repeat(200)}}\n` },
    { name: 'multi-line expressions are double-quoted', value: { x: 'a\n${b}\n' }, yaml: 'x: "a\\n${b}\\n"\n' },
    { name: 'other multi-line text uses a block scalar', value: { x: 'a\nb\n' }, yaml: 'x: |\n  a\n  b\n' },
    { name: 'repeated objects are not aliased', value: (() => { const o = { a: 1 }; return { p: o, q: o }; })(), yaml: 'p:\n  a: 1\nq:\n  a: 1\n' },
    { name: 'bracketed types are quoted', value: { ports: '[]integer' }, yaml: 'ports: "[]integer"\n' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(toYaml(c.value), c.yaml);
      assert.deepEqual(parse(c.yaml), JSON.parse(JSON.stringify(c.value)));
    });
  }
});
