/**
 * Trial 3 r19: `const cms = spec.users.map((u) => ConfigMap(...).withIncludeWhen(u.admin))` compiled to a
 * collection over the filtered list, so `cms.length` counted the admins while JavaScript's `cms` holds a handle
 * for every user. Such an item condition on a collection is refused; choosing the items before the loop, or
 * pushing under an `if`, means the same in JavaScript and in KRO.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'collections.typekro.dev/v1alpha1',
  kind: 'Users',
  spec: type({ users: type({ name: 'string', admin: 'boolean' }).array() }),
  status: type({ n: 'number' }),
};
const WHY = "`.withIncludeWhen(...)` on the item of a loop makes KRO's collection `cms` hold only the items where it holds, while JavaScript's `cms` keeps a handle for every item, so reading `cms` (`.length`, `.map(...)`) would differ";
const HINT = 'hint: choose the items before the loop (`list.filter((item) => <condition>).map(...)`), or push under `if (<condition>)` in a for...of loop';

describe('an item condition on a collection', () => {
  it('is refused at the condition for a .map and for a push in a loop', () => {
    const mapped = refusal(() =>
      kubernetesComposition({ ...definition, name: 'mapped' }, (spec) => {
        const cms = spec.users.map((u) => ConfigMap({ name: `cm-${u.name}`, data: { n: u.name } }).withIncludeWhen(u.admin));
        return { n: cms.length };
      }),
    );
    assert.equal(mapped, `${at("'mapped'", 'u.admin')}: ${WHY}\n    u.admin\n  ${HINT}`);
    const pushed = refusal(() =>
      kubernetesComposition({ ...definition, name: 'pushed' }, (spec) => {
        const cms = [];
        for (const u of spec.users) cms.push(ConfigMap({ name: `cm-${u.name}`, data: { n: u.name } }).withIncludeWhen(u.admin));
        return { n: cms.length };
      }),
    );
    assert.equal(pushed.split('\n')[0], `${at("'pushed'", 'u.admin')}: ${WHY}`);
  });

  it('means the same on both sides when the items are chosen before the loop or by an if', () => {
    const filtered = kubernetesComposition({ ...definition, name: 'filtered' }, (spec) => {
      const cms = spec.users.filter((u) => u.admin).map((u) => ConfigMap({ name: `cm-${u.name}`, data: { n: u.name } }));
      return { n: cms.length };
    });
    const guarded = kubernetesComposition({ ...definition, name: 'guarded' }, (spec) => {
      const cms = [];
      for (const u of spec.users) if (u.admin) cms.push(ConfigMap({ name: `cm-${u.name}`, data: { n: u.name } }));
      return { n: cms.length };
    });
    const users = [{ name: 'a', admin: true }, { name: 'b', admin: false }, { name: 'c', admin: true }];
    for (const app of [filtered, guarded]) {
      for (const spec of [{ users }, { users: [] }]) {
        const expected = spec.users.filter((u) => u.admin).length;
        assert.deepEqual(evaluateConcrete(app, spec).status, { n: expected });
        // The cross-check passes; `size(cms)` itself waits until the collection's objects are observed.
        assert.equal(simulate(app, spec).manifests.length, expected);
      }
    }
  });
});
