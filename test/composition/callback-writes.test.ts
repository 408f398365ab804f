/**
 * Trial 3 A0: a local changed from inside a callback (`spec.users.forEach((u) => names.push(u.name))`, a
 * closure called in a loop, a callback changing the items of a local list) was compiled as its initial
 * value: JavaScript ran the callback on a placeholder list, zero times, and `names` stayed `[]` for every
 * instance. Such a local is now "changed after it is declared", refused where it is read, with the way out;
 * over a constant list the JavaScript value is exact and kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at: placeOf, locate } = refusalsIn(import.meta.filename);
/** Where `text` is first written on the line marked `// at: <marker>`. */
const at = (marker: string, text: string): string => placeOf(`// at: ${marker}`, text);

const definition = {
  apiVersion: 'writes.typekro.dev/v1alpha1',
  kind: 'Writes',
  spec: type({ users: type({ name: 'string', admin: 'boolean' }).array() }),
  status: type({ v: 'string' }),
};
const HINT = 'build the value in one expression and bind it with const: a ternary for a choice, `.map(...)`, `.filter(...)` or `.join(...)` over the list for what a loop collects';

describe('a local changed inside a callback', () => {
  it('is refused where it is read when the callback runs over the spec', () => {
    const message = refusal(() =>
      kubernetesComposition({ ...definition, name: 'push' }, (spec) => {
        const names: string[] = [];
        spec.users.forEach((u) => names.push(u.name));
        return { v: names.join(',') }; // at: push
      }),
    );
    assert.equal(message.split('\n')[0], `${at('push', 'names')}: \`names\` is changed after it is declared (mutated); CEL cannot follow the order of statements, and its value depends on a reference`);
    assert.ok(message.endsWith(`hint: ${HINT}`), message);
  });

  it('is refused for a counter, an object filled by key, a callback of some(), and a chain ending in forEach', () => {
    const messages = [
      refusal(() => kubernetesComposition({ ...definition, name: 'acc' }, (spec) => {
        const acc = { admins: 0 };
        spec.users.forEach((u) => { if (u.admin) acc.admins += 1; });
        return { v: String(acc.admins) };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'roles' }, (spec) => {
        const roles: Record<string, string> = { fixed: 'x' };
        spec.users.forEach((u) => { roles[u.name] = 'r'; });
        ConfigMap({ name: 'roles', data: roles });
        return { v: 'x' };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'seen' }, (spec) => {
        const seen: string[] = [];
        spec.users.some((u) => { seen.push(u.name); return false; });
        return { v: seen.join(',') };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'out' }, (spec) => {
        const out = ['first'];
        spec.users.filter((u) => u.admin).forEach((u) => out.push(u.name));
        return { v: out.join(',') };
      })),
    ];
    ['acc', 'seen', 'out'].forEach((name) => {
      assert.match(messages[['acc', 'roles', 'seen', 'out'].indexOf(name)]!, new RegExp(`: \`${name}\` is changed after it is declared \\(mutated\\); CEL cannot follow the order of statements, and its value depends on a reference`), name);
    });
    // An object filled by key is folded into one literal when its keys are constants (folded-object.ts): here they are the spec's.
    assert.match(messages[1]!, /: `roles` is built by statements TypeKro cannot fold into one object literal: a key is written in a loop whose items are not known at definition time \(TypeKro cannot read the items of `spec\.users` at definition time .*\), and its value depends on a reference\n/, 'roles');
  });

  it('is refused when a callback changes the items of a local list through its parameter', () => {
    const message = refusal(() =>
      kubernetesComposition({ ...definition, name: 'items' }, (spec) => {
        const objs = spec.users.map((u) => ({ n: u.name }));
        objs.forEach((o) => { o.n = 'x'; });
        return { v: objs.map((o) => o.n).join(',') }; // at: items
      }),
    );
    // The write is made through the callback's parameter, which holds an item of `objs` (trial 7a H20).
    assert.equal(message.split('\n')[0], `${at('items', 'objs')}: \`objs\` is changed after it is declared (mutated through \`o\` at line ${locate("objs.forEach((o) => { o.n", 'o.n').line}); CEL cannot follow the order of statements, and its value depends on a reference`);
  });

  it('is refused when the callback destructures the items it changes, and for an optional call that mutates', () => {
    const destructured = refusal(() =>
      kubernetesComposition({ ...definition, name: 'destructured-items' }, (spec) => {
        const objs = [{ tags: ['base'] }];
        spec.users.forEach((u) => objs.forEach(({ tags }) => tags.push(u.name)));
        return { v: objs[0]!.tags.join(',') }; // at: destructured-items
      }),
    );
    assert.equal(destructured.split('\n')[0], `${at('destructured-items', 'objs')}: \`objs\` is changed after it is declared (mutated through \`tags\` at line ${locate('objs.forEach(({ tags })', 'tags.push').line}); CEL cannot follow the order of statements, and its value depends on a reference`);
    const optional = refusal(() =>
      kubernetesComposition({ ...definition, name: 'optional-push' }, (spec) => {
        const names: string[] | undefined = [];
        spec.users.forEach((u) => names?.push(u.name));
        return { v: names.join(',') }; // at: optional-push
      }),
    );
    assert.equal(optional.split('\n')[0], `${at('optional-push', 'names')}: \`names\` is changed after it is declared (mutated); CEL cannot follow the order of statements, and its value depends on a reference`);
  });

  it('is refused when a closure kept in a variable writes it, wherever the closure is called', () => {
    const message = refusal(() =>
      kubernetesComposition({ ...definition, name: 'closure' }, (spec) => {
        const names: string[] = [];
        const add = (n: string): void => { names.push(n); };
        for (const u of spec.users) add(u.name);
        return { v: names.join(',') }; // at: closure
      }),
    );
    assert.equal(message.split('\n')[0], `${at('closure', 'names')}: \`names\` is changed after it is declared (mutated); CEL cannot follow the order of statements, and its value depends on a reference`);
  });

  it('keeps the exact JavaScript value when the callback runs over a constant list', () => {
    const app = kubernetesComposition({ ...definition, name: 'constant' }, (spec) => {
      const names: string[] = [];
      ['a', 'b'].forEach((n) => names.push(n.toUpperCase()));
      ConfigMap({ name: 'names', data: { names: names.join(','), users: spec.users.map((u) => u.name).join(',') } });
      return { v: names.join(',') };
    });
    for (const users of [[], [{ name: 'x', admin: true }]]) {
      const concrete = evaluateConcrete(app, { users });
      const simulated = simulate(app, { users });
      assert.deepEqual(concrete.status, { v: 'A,B' });
      assert.deepEqual(simulated.status, concrete.status);
      const data = { names: 'A,B', users: users.map((u) => u.name).join(',') };
      assert.deepEqual(simulated.manifests.map((m) => m.data), [data]);
      assert.deepEqual(concrete.resources.flatMap((r) => r.manifests.map((m) => (m as { data?: unknown }).data)), [data]);
    }
  });
});
