/**
 * Text (and arithmetic) made from spec data that may be absent, wherever it is made: inside a `.map` or
 * `.filter` callback over an optional item field, in a ternary branch, a list or object literal, under a
 * method call, in `String(x)`. JavaScript writes "undefined" (or computes NaN), KRO waits forever: each is
 * refused at its place, and each guarded form (a default, a presence test around it) compiles to what
 * JavaScript computes, for specs with the field present and absent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = (name: string) => ({
  name,
  apiVersion: 'absent.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(.)/g, (_, __, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', flag: 'boolean', 'o?': 'string', 'n?': 'number.integer', l: 'string[]', users: type({ name: 'string', 'role?': 'string' }).array() }),
  status: type({ 'v?': 'string', 'ok?': 'boolean' }),
});
/** Each optional field present and absent, items with and without `role` (empty too), lists of every length used. */
const SPECS = [
  { name: 'x', flag: true, users: [{ name: 'a' }], l: [] },
  { name: 'x', flag: false, users: [{ name: 'a', role: 'r' }], o: 'q', n: 2, l: ['a'] },
  { name: 'x', flag: true, users: [{ name: 'a', role: 'r' }, { name: 'b' }], o: 'q', n: 3, l: ['a', 'b'] },
  { name: 'x', flag: true, users: [{ name: 'a', role: 'ab' }, { name: 'b', role: '' }], o: '', l: ['a', 'b', 'c'] },
  { name: 'x', flag: false, users: [{ name: 'c' }, { name: 'd', role: 'x' }], l: ['a', 'b', 'c'] },
  { name: 'x', flag: false, users: [], l: [] },
];

/** Helpers inlined where they are called: inside a callback, their parameter is the callback's item. */
function label(u: { name: string; role?: string }): string {
  return `${u.name}:${u.role}`;
}
const labelOrName = (x: { name: string; role?: string }): string => (x.role ? `${x.name}:${x.role}` : x.name);

const FIELD = (read: string, use = 'made into text here: when the instance leaves it out, JavaScript makes it the text "undefined"') =>
  `\`${read}\` reads an optional spec field without a default, ${use}, but KRO waits for it forever\n    ${read}\n  hint: give it a default where it is used (\`${read} ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or test it first (\`${read} !== undefined ? ... : ...\`)`;
const ITEM = (read: string, list: string, index: number) =>
  `\`${read}\` is a spec list item that may be missing (the list may be shorter), made into text here: JavaScript makes it the text "undefined", but KRO waits for it forever\n    ${read}\n  hint: give it a default (\`${read} ?? <default>\`), test the length first (\`${list}.length > ${index} ? ... : ...\`), or require a minimum length in the spec type (e.g. \`type('string[]').atLeastLength(${index + 1})\`)`;
const NAN = 'used in arithmetic here: when the instance leaves it out, JavaScript computes NaN with it';

test('an optional field of a spec list item made into text inside a callback is refused (trial 3 b06)', () => {
  assert.equal(refusal(() => kubernetesComposition(definition('map-template'), (s) => {
    ConfigMap({ name: s.name, data: { users: s.users.map((u) => `${u.name}:${u.role}`).join(',') } });
    return {};
  })), `${at("'map-template'", 'u.role}')}: ${FIELD('u.role')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('map-plus'), (s) => {
    ConfigMap({ name: s.name, data: { users: s.users.map((u) => u.name + ':' + u.role).join(',') } });
    return {};
  })), `${at("'map-plus'", 'u.role)')}: ${FIELD('u.role')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('map-string'), (s) => {
    ConfigMap({ name: s.name, data: { roles: s.users.map((u) => String(u.role)).join(',') } });
    return {};
  })), `${at("'map-string'", 'u.role)')}: ${FIELD('u.role')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('filter-argument'), (s) => {
    ConfigMap({ name: s.name, data: { admins: s.users.filter((u) => 'admin'.startsWith(u.role!)).map((u) => u.name).join(',') } });
    return {};
  })), `${at("'filter-argument'", 'u.role!')}: ${FIELD('u.role!')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('map-status'), (s) => {
    ConfigMap({ name: s.name, data: {} });
    return { v: s.users.map((u) => `${u.role}`).join(',') };
  })), `${at("'map-status'", 'u.role}')}: ${FIELD('u.role')}`);
  // A helper's text is made where it is called, from the item it is given (in a callback or a loop).
  assert.equal(refusal(() => kubernetesComposition(definition('map-helper'), (s) => {
    ConfigMap({ name: s.name, data: { users: s.users.map((u) => label(u)).join(',') } }); // m:labelCall
    return {};
  })), `${at('function label', 'u.role}')}: ${FIELD('u.role')}\n  in \`label(...)\` called at ${at('m:labelCall', 'label(u)')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('loop-helper'), (s) => {
    for (const u of s.users) ConfigMap({ name: u.name, data: { a: s.flag ? label(u) : 'n' } }); // m:loopLabel
    return {};
  })), `${at('function label', 'u.role}')}: ${FIELD('u.role')}\n  in \`label(...)\` called at ${at('m:loopLabel', 'label(u)')}`);
  // A loop JavaScript skipped (its branch was decided on a placeholder) is made from source, its item spec data as well.
  assert.equal(refusal(() => kubernetesComposition(definition('skipped-loop'), (s) => {
    if (!s.flag) {
      for (const u of s.users) ConfigMap({ name: u.name, data: { a: s.name + u.role } });
    }
    return {};
  })), `${at("'skipped-loop'", 'u.role }')}: ${FIELD('u.role')}`);
  // A test of another item does not guard this one (an inner callback's `u` is not the outer `u`).
  assert.equal(refusal(() => kubernetesComposition(definition('map-shadowed'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.users.map((u) => (u.role ? s.users.map((u) => `${u.role}`).join('+') : 'n')).join(',') } });
    return {};
  })), `${at("'map-shadowed'", 'u.role}')}: ${FIELD('u.role')}`);
});

test('text from absent spec data is refused in every position where text is made, not only at the top of a value', () => {
  assert.equal(refusal(() => kubernetesComposition(definition('in-branch'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.flag ? `a-${s.o}` : 'b' } });
    return {};
  })), `${at("'in-branch'", 's.o}')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('in-list'), (s) => {
    ConfigMap({ name: s.name, data: { a: [`x${s.o}`, s.name].join(',') } });
    return {};
  })), `${at("'in-list'", 's.o}')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('in-object'), (s) => {
    ConfigMap({ name: s.name, data: s.flag ? { k: `${s.o}` } : {} });
    return {};
  })), `${at("'in-object'", 's.o}')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('under-method'), (s) => {
    ConfigMap({ name: s.name, data: { a: (s.o + 'x').toUpperCase() } });
    return {};
  })), `${at("'under-method'", 's.o +')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('in-callback'), (s) => {
    ConfigMap({ name: s.name, data: { a: s.l.map((x) => `${x}-${s.l[1]}`).join(',') } });
    return {};
  })), `${at("'in-callback'", 's.l[1]}')}: ${ITEM('s.l[1]', 's.l', 1)}`);
  assert.equal(refusal(() => kubernetesComposition(definition('status-branch'), (s) => {
    ConfigMap({ name: s.name, data: {} });
    return { v: s.flag ? `a-${s.o}` : 'b' };
  })), `${at("'status-branch'", 's.o}')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('nested-arithmetic'), (s) => {
    ConfigMap({ name: s.name, data: { a: String(s.flag ? s.n! + 1 : 0) } });
    return {};
  })), `${at("'nested-arithmetic'", 's.n!')}: ${FIELD('s.n!', NAN)}`);
});

test('String(x) of an optional spec field is refused like a template (JavaScript: "undefined"; KRO: waits)', () => {
  assert.equal(refusal(() => kubernetesComposition(definition('string-field'), (s) => {
    ConfigMap({ name: s.name, data: { a: String(s.o) } });
    return {};
  })), `${at("'string-field'", 's.o)')}: ${FIELD('s.o')}`);
  assert.equal(refusal(() => kubernetesComposition(definition('string-status'), (s) => {
    ConfigMap({ name: s.name, data: {} });
    return { v: String(s.o) };
  })), `${at("'string-status'", 's.o)')}: ${FIELD('s.o')}`);
});

test('guarded and defaulted text over absent spec data compiles to what JavaScript computes, present and absent', () => {
  const accepted = {
    truthy: kubernetesComposition(definition('g-truthy'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.map((u) => (u.role ? `${u.name}:${u.role}` : u.name)).join(',') } });
      return {};
    }),
    notUndefined: kubernetesComposition(definition('g-not-undefined'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.map((u) => (u.role !== undefined ? `${u.name}:${u.role}` : u.name)).join(',') } });
      return {};
    }),
    elseBranch: kubernetesComposition(definition('g-else'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.map((u) => (u.role === undefined ? 'none' : `r-${u.role}`)).join(','), b: s.users.map((u) => (!u.role ? 'none' : `r-${u.role}`)).join(',') } });
      return {};
    }),
    defaulted: kubernetesComposition(definition('g-default'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.map((u) => `${u.name}:${u.role ?? 'none'}`).join(','), b: String(s.o ?? 'none'), c: s.flag ? `a-${s.o ?? 'z'}` : 'b' } });
      return { v: String(s.o ?? 'none') };
    }),
    and: kubernetesComposition(definition('g-and'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.filter((u) => u.role !== undefined && `${u.role}`.startsWith('a')).map((u) => u.name).join(',') } });
      return { ok: s.o !== undefined && `${s.o}x` === 'qx' };
    }),
    or: kubernetesComposition(definition('g-or'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.filter((u) => u.role === undefined || `${u.role}x` === 'abx').map((u) => u.name).join(',') } });
      return {};
    }),
    enclosingIf: kubernetesComposition(definition('g-if'), (s) => {
      if (s.o !== undefined) ConfigMap({ name: s.name, data: { a: s.users.map((u) => `${u.name}${s.o}`).join(','), b: s.flag ? `a-${s.o}` : 'b' } });
      return {};
    }),
    helpers: kubernetesComposition(definition('g-helpers'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.users.map((u) => (u.role ? label(u) : u.name)).join(','), b: s.users.map((u) => labelOrName(u)).join(',') } });
      for (const u of s.users) ConfigMap({ name: `${s.name}-${u.name}`, data: { a: u.role !== undefined ? label(u) : 'n' } });
      return {};
    }),
    skippedLoop: kubernetesComposition(definition('g-skipped-loop'), (s) => {
      if (!s.flag) {
        for (const u of s.users) {
          if (u.role) ConfigMap({ name: `${s.name}-${u.name}`, data: { a: `${u.role}` } });
          ConfigMap({ name: `${s.name}-${u.name}-2`, data: { a: u.role ? `r-${u.role}` : 'n' } });
        }
      }
      return {};
    }),
    branch: kubernetesComposition(definition('g-branch'), (s) => {
      ConfigMap({ name: s.name, data: { a: s.o ? `a-${s.o}` : 'b', b: s.l.length > 2 ? s.l.map((x) => `${x}-${s.l[1]}`).join(',') : 'short', c: String(s.n !== undefined ? s.n + 1 : 0) } });
      return { v: s.o !== undefined ? s.o + 'x' : 'none' };
    }),
  };
  for (const [name, composition] of Object.entries(accepted)) {
    const report = runCase(name, { composition: composition as never, spec: SPECS[0]!, specs: SPECS });
    assert.ok(report.evaluations >= SPECS.length, name);
    assert.deepEqual(report.findings, [], name);
  }
});
