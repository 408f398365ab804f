/**
 * Trial 7a H04: the `var` of a loop over a spec list, read after the loop (`for (var w of spec.workers) { ... }
 * return { last: w }`). JavaScript leaves the last item in it (undefined for an empty list); KRO's forEach has
 * an item only inside the loop. It failed with "internal: forEach iterator used before it was named" (no
 * place), or, with a resource in the loop, a status naming an unknown `w`. Refused at the read, with the last
 * item read from the list as the way out; the same loop read only inside, or over a constant list, compiles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'loops.typekro.dev/v1alpha1',
  kind: 'Zones',
  spec: type({ zones: 'string[]' }),
  status: type({ last: 'string' }),
};
const READ_AFTER =
  "is the `var` of the loop over `spec.zones`, read outside the loop: a `var` belongs to the whole function, so JavaScript leaves the last item in it after the loop (undefined for an empty list), and KRO's forEach has an item only inside the loop";
const HINT = '  hint: declare the loop variable with `const` and read the last item from the list itself: `spec.zones[spec.zones.length - 1] ?? <default>`';

describe('the var of a loop over a reference, read after the loop', () => {
  it('is refused at the read, in the status and in a factory argument', () => {
    const status = refusal(() =>
      kubernetesComposition({ ...definition, name: 'var-status' }, (spec) => {
        for (var z of spec.zones) {
          ConfigMap({ name: z, data: {} });
        }
        // @ts-expect-error TS2454: the read after the loop is the construct under test (JavaScript: the last item)
        return { last: z ?? 'none' };
      }),
    );
    assert.equal(status, `${at("'var-status'", 'z ??')}: \`z\` ${READ_AFTER}\n    z\n${HINT}`);
    const argument = refusal(() =>
      kubernetesComposition({ ...definition, name: 'var-argument' }, (spec) => {
        for (var z of spec.zones) {
          // nothing per zone
        }
        // @ts-expect-error TS2454: the read after the loop is the construct under test (JavaScript: the last item)
        ConfigMap({ name: 'after', data: { last: z } });
        return { last: 'x' };
      }),
    );
    assert.equal(argument, `${at("'var-argument'", 'z } })')}: \`z\` ${READ_AFTER}\n    z\n${HINT}`);
  });

  it('is refused when a var declared in the loop body is read after the loop (the trial\'s own form)', () => {
    const body = refusal(() =>
      kubernetesComposition({ ...definition, name: 'var-body' }, (spec) => {
        for (const z of spec.zones) {
          var last = z;
        }
        // @ts-expect-error TS2454: the read after the loop is the construct under test (JavaScript: the last item)
        return { last: last ?? 'none' };
      }),
    );
    assert.equal(
      body,
      `${at("'var-body'", 'last ??')}: \`last\` is changed after it is declared (reassigned); CEL cannot follow the order of statements, and its value depends on a reference\n    last\n` +
        '  hint: build the value in one expression and bind it with const: a ternary for a choice, `.map(...)`, `.filter(...)` or `.join(...)` over the list for what a loop collects',
    );
  });

  it('compiles when the var is read only inside the loop, over a constant list, and in the way out', () => {
    const inside = kubernetesComposition({ ...definition, name: 'var-inside' }, (spec) => {
      for (var z of spec.zones) ConfigMap({ name: z, data: { zone: z } });
      return { last: spec.zones[spec.zones.length - 1] ?? 'none' };
    });
    for (const zones of [['a', 'b'], []]) {
      const result = simulate(inside, { zones });
      assert.deepEqual(result.manifests.map((manifest) => (manifest as { metadata: { name: string } }).metadata.name), zones);
      assert.deepEqual(result.status, { last: zones.at(-1) ?? 'none' });
    }
    const constant = kubernetesComposition({ ...definition, name: 'var-constant' }, () => {
      for (var e of ['a', 'b']) ConfigMap({ name: e, data: {} });
      // @ts-expect-error TS2454: the read after the loop is the construct under test (JavaScript: the last item)
      return { last: e };
    });
    assert.deepEqual(simulate(constant, { zones: [] }).status, { last: 'b' });
  });
});
