/**
 * Issue 13, point 5, offline: which spec values are secret (the `sensitive` marker, and every value that flows
 * into a Secret, however it gets there), and that no message, error or output of either mode shows them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, sensitive } from '../../src/index.js';
import { ConfigMap, Secret } from '../../src/simple.js';
import { redactStatus, redactorFor, sensitivePaths } from '../../src/api/sensitive.js';
import { instanceDocument } from '../../src/cli/commands/deploy.js';
import type { AnyComposition } from '../../src/cli/load.js';
import { REDACTED, Redactor } from '../../src/util/redact.js';
import { transcript, typekro } from '../cli/run.js';
import vault from '../input/fixtures/vault.js';

const fixture = 'test/input/fixtures/vault.ts';
const password = 'Zq7-pass-word-8841';
const apiToken = 'tok-5f2a9c41';

describe('which spec values are secret', () => {
  it('marked fields (also inside lists and maps) and what flows into a Secret directly, in a template, through another resource, through a loop', () => {
    const app = kubernetesComposition(
      {
        name: 'flows',
        kind: 'Flows',
        spec: type({
          direct: 'string',
          templated: 'string',
          viaConfig: 'string',
          plain: 'string',
          users: type({ name: 'string', password: 'string' }).array(),
          keys: { '[string]': sensitive(type('string')) },
          nested: { token: sensitive(type('string')), visible: 'string' },
        }),
        status: type({ ready: 'boolean' }),
      },
      (spec) => {
        const config = ConfigMap({ name: 'config', data: { url: `db://${spec.viaConfig}`, shown: spec.plain } });
        const secret = Secret({ name: 'secret', stringData: { a: spec.direct, b: `user:${spec.templated}`, c: config.data.url! } });
        const perUser = spec.users.map((user) => Secret({ name: `user-${user.name}`, stringData: { password: user.password } }));
        return { ready: secret.metadata.name !== '' && perUser.length > 0 };
      },
    );
    const paths = sensitivePaths(app.graph).map((path) => path.join('.'));
    assert.deepEqual(paths.sort(), ['direct', 'keys.*', 'nested.token', 'templated', 'users.*.password', 'viaConfig'].sort());
    const redactor = redactorFor(app.graph, {
      direct: 'direct-secret',
      templated: 'templated-secret',
      viaConfig: 'config-secret',
      plain: 'plain-value',
      users: [{ name: 'ann', password: 'ann-secret' }],
      keys: { one: 'key-secret' },
      nested: { token: 'nested-secret', visible: 'visible-value' },
    });
    const text = 'direct-secret templated-secret config-secret plain-value ann ann-secret key-secret nested-secret visible-value';
    assert.equal(redactor.text(text), `${REDACTED} ${REDACTED} ${REDACTED} plain-value ann ${REDACTED} ${REDACTED} ${REDACTED} visible-value`);
    // what the API server quotes: the base64 that a Secret's data holds, and JSON-escaped text
    assert.equal(redactor.text(`data: ${Buffer.from('ann-secret').toString('base64')}`), `data: ${REDACTED}`);
  });

  it('the marker keeps the static type and the description, and is not written into the RGD', () => {
    const spec = type({ token: sensitive(type('string').describe('an API token')) });
    const value: { token: string } = spec.assert({ token: 'x' });
    assert.equal(value.token, 'x');
    assert.deepEqual(vault.graph.spec.kind === 'struct' && vault.graph.spec.fields['apiToken']?.markers, { sensitive: true });
    assert.ok(!vault.toYaml().includes('sensitive'));
    assert.throws(() => sensitive('string' as never), /sensitive\(\) takes an arktype type/);
  });
});

describe('secrets are never printed', () => {
  it('spec validation errors do not show a secret value (was "[redacted]"), in both modes, API and CLI', async () => {
    const bad = { password: `${password}!`, apiToken };
    const messages: string[] = [];
    for (const attempt of [() => vault.toYaml(bad), () => vault.factory('kro').toYaml(bad), () => vault.factory('direct').toYaml(bad)]) {
      try {
        await attempt();
        assert.fail('accepted an invalid password');
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    assert.equal(new Set(messages).size, 1, messages.join('\n'));
    assert.match(messages[0]!, /spec\.password must match the pattern \^\[A-Za-z0-9-\]\+\$ \(was "\[redacted\]"\)/);
    const cli = await typekro(['render', fixture, '--manifests', '--set', `password=${password}!`, '--set', `apiToken=${apiToken}`]);
    assert.equal(cli.code, 2, transcript(cli));
    assert.ok(cli.stderr.includes(messages[0]!), transcript(cli));
    assert.ok(!cli.stderr.includes(password), transcript(cli));
  });

  it('the deploy output is the status, without the spec, and the status does not show a secret', () => {
    const document = instanceDocument(vault as unknown as AnyComposition, { metadata: { name: 'vault', namespace: 'dev' }, spec: { password, apiToken, tier: 'web' }, status: { ready: true, endpoint: `https://app:${password}@db.web` } });
    assert.deepEqual(document, { apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'VaultApp', metadata: { name: 'vault', namespace: 'dev' }, status: { ready: true, endpoint: REDACTED } });
  });

  it('status fields computed from a secret (a secret spec field, a Secret\'s data) are redacted without knowing the values; others are kept', () => {
    const app = kubernetesComposition(
      { name: 'derived', kind: 'Derived', spec: type({ password: 'string', host: 'string', token: sensitive(type('string')) }), status: type({ url: 'string', host: 'string', stored: 'string', named: 'string', hasToken: 'boolean' }) },
      (spec) => {
        const creds = Secret({ name: 'creds', stringData: { password: spec.password } });
        return { url: `db://u:${spec.password}@${spec.host}`, host: spec.host, stored: creds.data.password!, named: creds.metadata.name, hasToken: spec.token !== '' };
      },
    );
    const status = { url: 'db://u:pw@h', host: 'h', stored: 'pw', named: 'creds', hasToken: true };
    assert.deepEqual(redactStatus(app.graph, status), { url: REDACTED, host: 'h', stored: REDACTED, named: 'creds', hasToken: true });
    assert.deepEqual(redactStatus(app.graph, { host: 'h' }), { host: 'h' });
  });

  it('a status field that only tests whether an object holding a secret is there is kept; one that reads the secret is redacted (trial 8 T13)', () => {
    const app = kubernetesComposition(
      {
        name: 'presence',
        kind: 'Presence',
        spec: type({ name: 'string', 'db?': type({ host: 'string', password: 'string' }) }),
        status: type({ dbHost: 'string', host: 'string', secret: 'string', dsn: 'string', chosen: 'string', tested: 'string', hasPassword: 'string' }),
      },
      (spec) => {
        Secret({ name: `${spec.name}-db`, stringData: { password: spec.db?.password ?? '' } });
        return {
          dbHost: spec.db ? `${spec.name}-db` : 'none',
          host: spec.db?.host ?? 'none',
          secret: spec.db?.password ?? '',
          dsn: spec.db ? `db://u:${spec.db.password}@${spec.db.host}` : 'none',
          chosen: spec.db ? spec.db.password : 'none',
          tested: spec.db?.password === 'x' ? 'weak' : 'ok',
          hasPassword: spec.db?.password ? 'set' : 'unset',
        };
      },
    );
    const status = { dbHost: 'a-db', host: 'h', secret: 'pw', dsn: 'db://u:pw@h', chosen: 'pw', tested: 'ok', hasPassword: 'set' };
    assert.deepEqual(redactStatus(app.graph, status), { dbHost: 'a-db', host: 'h', secret: REDACTED, dsn: REDACTED, chosen: REDACTED, tested: REDACTED, hasPassword: REDACTED });
  });

  it('a spec field that also names an object is not secret for being in a Secret; what only a Secret holds, and a marked field, are (trial r16)', () => {
    const app = kubernetesComposition(
      {
        name: 'named',
        kind: 'Named',
        spec: type({ name: 'string', password: 'string', users: type({ name: 'string' }).array(), tenant: sensitive(type('string')) }),
        status: type({ endpoint: 'string', dsn: 'string', stored: 'string', tenantUrl: 'string', users: 'string' }),
      },
      (spec) => {
        const creds = Secret({ name: `${spec.name}-creds`, stringData: { username: spec.name, dsn: `db://${spec.name}:${spec.password}@db`, tenant: spec.tenant } });
        spec.users.forEach((user) => Secret({ name: `user-${user.name}`, stringData: { user: user.name } }));
        ConfigMap({ name: spec.tenant, labels: { user: spec.password }, data: { x: 'y' } });
        return { endpoint: `https://${spec.name}.example.com`, dsn: `db://${spec.password}`, stored: creds.data.username!, tenantUrl: `https://${spec.tenant}`, users: spec.users.map((u) => u.name).join(',') };
      },
    );
    assert.deepEqual(sensitivePaths(app.graph).map((path) => path.join('.')).sort(), ['password', 'tenant']);
    const status = { endpoint: 'https://shop.example.com', dsn: 'db://pw', stored: 'shop', tenantUrl: 'https://acme', users: 'ann' };
    assert.deepEqual(redactStatus(app.graph, status), { endpoint: 'https://shop.example.com', dsn: REDACTED, stored: REDACTED, tenantUrl: REDACTED, users: 'ann' });
    assert.equal(redactorFor(app.graph, { name: 'shop', password: 'pw-secret', users: [], tenant: 'acme' }).text('shop pw-secret acme'), `shop ${REDACTED} ${REDACTED}`);
  });

  it('--set errors name the path, never the value', async () => {
    const result = await typekro(['render', fixture, '--set', `password.inner=${password}`, '--set', 'password=x']);
    assert.equal(result.code, 2, transcript(result));
    assert.ok(!result.stderr.includes(password), transcript(result));
  });
});

describe('Redactor', () => {
  it('cuts long values (a secret in one is redacted in what is shown), and every line of a message', () => {
    const redactor = new Redactor();
    const long = `${'a'.repeat(10)}${password}${'b'.repeat(5000)}`;
    redactor.addValue(long);
    redactor.addSecret(password);
    const text = redactor.text(`refused "${long}" and ${password}`);
    assert.ok(text.length < 200, text);
    assert.ok(!text.includes(password) && text.includes('…(5028 characters)'), text);
    assert.equal(redactor.text(`${'c'.repeat(3000)}\nok`).split('\n')[0], `${'c'.repeat(1000)}…(2000 more characters)`);
    const error = redactor.error(new Error('outer', { cause: new Error(`inner ${password}`) }));
    assert.equal((error.cause as Error).message, `inner ${REDACTED}`);
  });
});
