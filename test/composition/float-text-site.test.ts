/**
 * A floating-point value interpolated into a field of a factory's options is reported at the field, where the
 * options literal writes it, not at the factory call (trial 17); options not written in the call keep the call's place.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', ratio: 'number' }),
  status: type({ v: 'string' }),
});
const WHY = "a floating-point value ('number' in its schema) is interpolated into a string, and CEL writes it differently from JavaScript (1e+06 for 1000000)\n  hint: declare the field 'number.integer' where it is defined (a spec or a nested composition's status), convert it with Math.trunc(...), or use Cel.expr(...)";

test('the field of the options literal is named', () => {
  const message = definitionError(() => kubernetesComposition(def('float-field'), (spec) => {
    ConfigMap({
      name: spec.name,
      data: {
        ratio: `${spec.ratio}`,
      },
    });
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'float-field'", '`${spec.ratio}`')}: resource "configMap": \`spec.ratio\`: ${WHY}`);
});

test('options held in a local keep the call as the place', () => {
  const message = definitionError(() => kubernetesComposition(def('float-local'), (spec) => {
    const options = { name: spec.name, data: { ratio: `r=${spec.ratio}` } };
    ConfigMap(options);
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'float-local'", 'ConfigMap(')}: resource "configMap": \`spec.ratio\`: ${WHY}`);
});
