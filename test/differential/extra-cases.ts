/**
 * Cases the corpus does not cover but the oracle must: readyWhen on collection items (`each`),
 * withIncludeWhen with a JavaScript boolean, a collection read in the status, nested loops, a Secret's `data`
 * (bytes to KRO's CEL, base64 text to JavaScript) read in templates, fields, `??`, `.length` and comparisons,
 * and every form of a Secret's `stringData` moved into `data` by the one rule (composition/secret-wire.ts):
 * a whole map, keys over `data` keys, a YAML file's Secret, and each of them from an optional spec value.
 */
import { type } from 'arktype';
import type { V1Secret } from '@kubernetes/client-node';
import { kubernetesComposition, yamlFile } from '../../src/index.js';
import { ConfigMap, Deployment, Secret } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const fleet = kubernetesComposition(
  {
    name: 'extra-fleet',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'Fleet',
    spec: type({ workers: 'string[]', monitoring: 'boolean', replicas: 'number.integer = 1' }),
    status: type({ count: 'number', first: 'string', monitored: 'boolean' }),
  },
  (spec) => {
    for (const worker of spec.workers) {
      Deployment({ name: `worker-${worker}`, image: 'busybox', replicas: spec.replicas }).withReadyWhen((self) => self.status.readyReplicas >= 1);
    }
    ConfigMap({ name: 'monitoring', data: { enabled: 'yes' } }).withIncludeWhen(spec.monitoring === true);
    return { count: spec.workers.length, first: spec.workers.length > 0 ? spec.workers[0]! : 'none', monitored: spec.monitoring && spec.workers.length > 1 };
  },
);

const grid = kubernetesComposition(
  {
    name: 'extra-grid',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'Grid',
    spec: type({ zones: 'string[]', tiers: 'string[]' }),
    status: type({ cells: 'number' }),
  },
  (spec) => {
    for (const zone of spec.zones) {
      for (const tier of spec.tiers) {
        ConfigMap({ name: `cell-${zone}-${tier}`, data: { zone, tier } });
      }
    }
    return { cells: spec.zones.length * spec.tiers.length };
  },
);

const secretData = kubernetesComposition(
  {
    name: 'extra-secret-data',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'SecretData',
    spec: type({ password: 'string', user: 'string' }),
    status: type({ line: 'string', size: 'number', same: 'boolean', stored: 'string' }),
  },
  (spec) => {
    const creds = Secret({ name: 'creds', stringData: { password: spec.password }, data: { user: 'YWRtaW4=' } });
    ConfigMap({ name: 'uses', data: { line: `pw=${creds.data.password}`, whole: creds.data.user!, fallback: creds.data.password ?? 'none' } });
    return {
      line: `${creds.data.user}:${creds.data.password}`,
      size: creds.data.password?.length ?? 0,
      same: creds.data.user === 'YWRtaW4=',
      stored: creds.data.password ?? 'none',
    };
  },
);

const secretForms = kubernetesComposition(
  {
    name: 'extra-secret-forms',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'SecretForms',
    spec: type({ creds: 'Record<string, string>', user: 'string' }),
    status: type({ whole: 'string', keys: 'string', filed: 'string' }),
  },
  (spec) => {
    const whole = Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
    const keys = Secret({ id: 'keys', name: 'keys', data: { user: 'b2xk', kept: 'a2VwdA==' }, stringData: { user: spec.user, url: `https://${spec.user}@db`, fixed: 'héllo' } });
    const filed = yamlFile('./fixtures/secrets/filed.yaml').resource<V1Secret>('Secret', 'filed');
    return { whole: whole.data!['USER'] ?? 'none', keys: `${keys.data!['user']}/${keys.data!['kept']}`, filed: `${filed.data!['USER']}/${filed.data!['GIVEN']}` };
  },
);

// Optional spec values in a Secret: JavaScript leaves an undefined key (or map) out, and a `data` key of the
// same name stays, as the API server keeps it; the compiled `omit()` must not be encoded (it failed: bytes(kro.omit)).
const secretAbsent = kubernetesComposition(
  {
    name: 'extra-secret-absent',
    apiVersion: 'extra.typekro.dev/v1alpha1',
    kind: 'SecretAbsent',
    spec: type({ 'creds?': 'Record<string, string>', 'pw?': 'string', 'raw?': 'string', on: 'boolean' }),
    status: type({ name: 'string' }),
  },
  (spec) => {
    Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
    Secret({ id: 'wholeOverData', name: 'whole-over-data', stringData: spec.creds, data: {} });
    Secret({ id: 'key', name: 'key', stringData: { pw: spec.pw, fixed: 'x' } });
    Secret({ id: 'keyOverData', name: 'key-over-data', stringData: { pw: spec.pw }, data: { pw: 'b2xk', other: 'eA==' } });
    Secret({ id: 'choice', name: 'choice', stringData: { pw: spec.on ? spec.pw : 'off' } });
    const given = Secret({ id: 'given', name: 'given', data: { raw: spec.raw } });
    return { name: given.metadata.name };
  },
);

export const extraCases: Readonly<Record<string, CaseInput>> = {
  'extra-secret-data': { composition: secretData as never, spec: { password: 's3cret', user: 'admin' } },
  'extra-secret-forms': { composition: secretForms as never, spec: { creds: { USER: 'me', PASSWORD: 'hunter2' }, user: 'you' } },
  'extra-secret-absent': {
    composition: secretAbsent as never,
    spec: { on: true },
    specs: [{ on: true }, { on: false }, { creds: { A: 'a', B: 'héllo' }, pw: 'p', raw: 'cmF3', on: true }, { creds: {}, pw: '', on: false }],
  },
  'extra-fleet': { composition: fleet as never, spec: { workers: ['a', 'b'], monitoring: true } },
  'extra-grid': { composition: grid as never, spec: { zones: ['eu', 'us'], tiers: ['web', 'db'] } },
};
