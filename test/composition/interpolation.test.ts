/**
 * A list interpolated into a template literal (`${spec.list}`) has no exact CEL form (JavaScript joins with
 * ','; CEL's string() has no list overload, so KRO rejected the RGD at deploy): refused when the composition
 * is defined, with the place, the reference as written and the way out, in a resource and in the status.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const spec = type({ list: 'string[]' });
const way = "a list is interpolated into a string; CEL cannot turn it into text the way JavaScript does. Write `${list.join(',')}` for a list of strings, or interpolate its fields";

test('a list in a template literal of a resource is refused with file:line:col', () => {
  assert.throws(
    () =>
      kubernetesComposition({ name: 'interp-a', kind: 'InterpA', spec, status: type({ s: 'string' }) }, (s) => {
        ConfigMap({ name: 'x', data: { v: `items: ${s.list}` } });
        return { s: 'x' };
      }),
    (error: Error) => error.message.endsWith(`interpolation.test.ts:19:43: resource "configMapX": \`spec.list\`: ${way}`) || assert.fail(error.message),
  );
});

test('a list in a template literal of the status is refused with file:line:col', () => {
  assert.throws(
    () => kubernetesComposition({ name: 'interp-b', kind: 'InterpB', spec, status: type({ s: 'string' }) }, (s) => ({ s: `items: ${s.list}` })),
    (error: Error) => error.message.endsWith(`interpolation.test.ts:28:122: status: \`spec.list\`: ${way}`) || assert.fail(error.message),
  );
});

test('the way out compiles', () => {
  const app = kubernetesComposition({ name: 'interp-c', kind: 'InterpC', spec, status: type({ s: 'string' }) }, (s) => ({ s: `items: ${s.list.join(',')}` }));
  assert.match(app.toYaml(), /s: 'items: \$\{schema\.spec\.list\.join\(","\)\}'/);
});
