/**
 * An optional field of a list item copied into an object built in `.map` (trial 3, R18/B07/B08): JavaScript
 * keeps the key with the value `undefined` (JSON leaves it out), but a CEL map literal cannot hold a missing
 * value and waits for the field forever (both modes hung). Such a property is
 * refused where it is written, with the way out (`?? default`); with the default it compiles and agrees.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';
import { runCase } from '../differential/harness.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const User = type({ name: 'string', 'role?': 'string', 'port?': 'number.integer' });
const spec = type({ users: User.array() });
const meta = { apiVersion: 'test.typekro.dev/v1alpha1', kind: 'OptionalItems', spec };

test('an optional item field in a mapped object of a manifest is refused at the property', () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition({ ...meta, name: 'opt-ports', status: type({ n: 'number' }) }, (s) => {
        Service({ name: 'svc', selector: { app: 'a' }, ports: s.users.map((u) => ({ name: u.name, port: 80, targetPort: u.port })) });
        return { n: 1 };
      }),
    ),
    `${at("'opt-ports'", 'u.port })')}: \`targetPort\` is set from \`u.port\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`targetPort\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever\n    u.port\n  hint: give it a default (\`targetPort: u.port ?? <default>\`; a spec field can also get one in the spec type)`,
  );
});

test('an optional item field in a nested mapped object is refused', () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition({ ...meta, name: 'opt-volumes', status: type({ n: 'number' }) }, (s) => {
        Deployment({ name: 'web', image: 'nginx', volumes: s.users.map((u) => ({ name: u.name, configMap: { name: u.role } })) });
        return { n: 1 };
      }),
    ),
    `${at("'opt-volumes'", 'u.role }')}: \`name\` is set from \`u.role\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`name\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever\n    u.role\n  hint: give it a default (\`name: u.role ?? <default>\`; a spec field can also get one in the spec type)`,
  );
});

test('an optional item field in a mapped status object is refused', () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition({ ...meta, name: 'opt-status', status: type({ users: type({ name: 'string', 'role?': 'string' }).array() }) }, (s) => {
        ConfigMap({ name: 'c', data: { a: 'b' } });
        return { users: s.users.map((u) => ({ name: u.name, role: u.role })) };
      }),
    ),
    `${at("'opt-status'", 'u.role }')}: \`role\` is set from \`u.role\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`role\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever\n    u.role\n  hint: give it a default (\`role: u.role ?? <default>\`; a spec field can also get one in the spec type)`,
  );
});

test('an observed field (any may be absent) in a mapped status object is refused', () => {
  assert.equal(
    refusal(() =>
      kubernetesComposition({ ...meta, name: 'opt-observed', status: type({ conds: type({ type: 'string', 'reason?': 'string' }).array() }) }, () => {
        const d = Deployment({ name: 'web', image: 'nginx' });
        return { conds: (d.status.conditions ?? []).map((c) => ({ type: c.type, reason: c.reason })) };
      }),
    ),
    `${at("'opt-observed'", 'c.type,')}: \`type\` is set from \`c.type\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`type\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever\n    c.type\n  hint: give it a default (\`type: c.type ?? <default>\`; a spec field can also get one in the spec type)`,
  );
});

const withDefaults = kubernetesComposition(
  { ...meta, name: 'opt-defaults', status: type({ users: type({ name: 'string', role: 'string' }).array() }) },
  (s) => {
    Service({ name: 'svc', selector: { app: 'a' }, ports: s.users.map((u) => ({ name: u.name, port: 80, targetPort: u.port ?? 8080 })) });
    return { users: s.users.map((u) => ({ name: u.name, role: u.role ?? 'none' })) };
  },
);

test('with a default, the mapped objects compile and agree with JavaScript on several specs', () => {
  for (const users of [[], [{ name: 'x' }], [{ name: 'x' }, { name: 'y', role: 'admin', port: 9090 }], [{ name: 'z', port: 1 }]]) {
    const report = runCase('opt-defaults', { composition: withDefaults as never, spec: { users }, specs: [{ users }] });
    assert.ok(report.evaluations > 0);
    assert.deepEqual(report.findings, [], JSON.stringify(users));
  }
});

const guarded = kubernetesComposition(
  { ...meta, name: 'opt-guarded', status: type({ users: type({ name: 'string', 'role?': 'string' }).array() }) },
  (s) => {
    Service({ name: 'svc', selector: { app: 'a' }, ports: s.users.map((u) => (u.port !== undefined ? { name: u.name, port: 80, targetPort: u.port } : { name: u.name, port: 80 })) });
    return { users: s.users.map((u) => (u.role ? { name: u.name, role: u.role } : { name: u.name })) };
  },
);

test('a property behind a ?: that tests its presence compiles and leaves the key out as JavaScript does', () => {
  assert.match(guarded.toYaml(), /has\(u\.port\) \? \{"name": u\.name, "port": 80, "targetPort": u\.port\} : \{"name": u\.name, "port": 80\}/);
  for (const users of [[], [{ name: 'x' }], [{ name: 'x', role: '' }, { name: 'y', role: 'admin', port: 9090 }]]) {
    const report = runCase('opt-guarded', { composition: guarded as never, spec: { users }, specs: [{ users }] });
    assert.ok(report.evaluations > 0);
    assert.deepEqual(report.findings, [], JSON.stringify(users));
  }
});
