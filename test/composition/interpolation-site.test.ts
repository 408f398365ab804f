/**
 * A value that cannot be made text (a list) interpolated into a field of a factory's options is reported at the
 * field, where the options literal writes it, not at the factory call (trial 17); options not written in the call
 * keep the call's place. (The refusal these tests first used, a floating-point value, now compiles to the text
 * JavaScript writes.)
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
  spec: type({ name: 'string', tags: 'string[]' }),
  status: type({ v: 'string' }),
});
const WHY = "a list is interpolated into a string; CEL cannot turn it into text the way JavaScript does. Write `${list.join(',')}` for a list of strings, or interpolate its fields";

test('the field of the options literal is named', () => {
  const message = definitionError(() => kubernetesComposition(def('list-field'), (spec) => {
    ConfigMap({
      name: spec.name,
      data: {
        tags: `${spec.tags}`,
      },
    });
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'list-field'", '`${spec.tags}`')}: resource "configMap": \`spec.tags\`: ${WHY}`);
});

test('options held in a local keep the call as the place', () => {
  const message = definitionError(() => kubernetesComposition(def('list-local'), (spec) => {
    const options = { name: spec.name, data: { tags: `t=${spec.tags}` } };
    ConfigMap(options);
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'list-local'", 'ConfigMap(')}: resource "configMap": \`spec.tags\`: ${WHY}`);
});
