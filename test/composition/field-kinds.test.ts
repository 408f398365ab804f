/**
 * F2: a value of another kind than its manifest field declares, after a cast that makes TypeScript accept it
 * (`data: { n: spec.n as unknown as string }`). JavaScript sends the number, which the API server refuses in
 * both modes, but only once they apply it: `check`, `render` and `simulate` passed it. Now the definition
 * fails at the value. A Kubernetes `Quantity` field (`resources.limits.cpu`) takes a number as well as text
 * (src/model/quantity-fields.ts), so a number there is no error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);

const definition = { kind: 'FieldKinds', spec: type({ name: 'string', n: 'number.integer', on: 'boolean', cpus: 'number' }), status: type({ ok: 'boolean' }) };

const refused = (value: string, given: string, declared: string, hint: string): string =>
  `: resource "configMap": the field data.n takes ${declared}, and is set to \`${value}\`, ${given} (a cast with \`as\` does not change the value): JavaScript sends the value as it is, which the API server refuses there (in both modes, once they apply it)\n    ${value}\n  hint: ${hint}`;

test('an integer cast to a string in a ConfigMap is refused at the value', () => {
  const define = () =>
    kubernetesComposition({ ...definition, name: 'data-int' }, (spec) => {
      ConfigMap({ name: spec.name, data: { n: spec.n as unknown as string } });
      return { ok: true };
    });
  assert.equal(definitionError(define), `${at("'data-int'", 'spec.n as')}${refused('spec.n', 'an integer', 'a string', 'make it text where it is set (`String(spec.n)` or a template literal)')}`);
});

test('a computed boolean and a literal number cast to strings are refused too', () => {
  const bool = () =>
    kubernetesComposition({ ...definition, name: 'data-bool' }, (spec) => {
      ConfigMap({ name: spec.name, data: { n: (spec.on ? true : false) as unknown as string } });
      return { ok: true };
    });
  assert.equal(definitionError(bool), `${at("'data-bool'", 'spec.on ?')}${refused('spec.on ? true : false', 'a boolean', 'a string', 'make it text where it is set (`String(spec.on ? true : false)` or a template literal)')}`);
  const literal = () =>
    kubernetesComposition({ ...definition, name: 'data-literal' }, (spec) => {
      ConfigMap({ name: spec.name, data: { n: 5 as unknown as string } });
      return { ok: true };
    });
  assert.equal(definitionError(literal), `${at("'data-literal'", 'ConfigMap(')}${refused('5', 'an integer', 'a string', 'write the text itself ("5")')}`);
});

test('text cast to a number in an integer field is refused', () => {
  const define = () =>
    kubernetesComposition({ ...definition, name: 'replicas-text' }, (spec) => {
      Deployment({ name: spec.name, image: 'nginx', replicas: spec.name as unknown as number });
      return { ok: true };
    });
  assert.equal(
    definitionError(define),
    `${at("'replicas-text'", 'spec.name as')}: resource "deployment": the field spec.replicas takes an integer, and is set to \`spec.name\`, a string (a cast with \`as\` does not change the value): JavaScript sends the value as it is, which the API server refuses there (in both modes, once they apply it)\n    spec.name\n  hint: set an integer there`,
  );
});

test('a number in a Quantity field is kept: the API server takes it', () => {
  const quantities = kubernetesComposition({ ...definition, name: 'quantity-number' }, (spec) => {
    Deployment({ name: spec.name, image: 'nginx', resources: { limits: { cpu: spec.cpus as unknown as string, memory: 512 as unknown as string } } });
    return { ok: true };
  });
  const yaml = quantities.toYaml();
  assert.match(yaml, /cpu: \$\{schema\.spec\.cpus\}/);
  assert.match(yaml, /memory: 512/);
});
