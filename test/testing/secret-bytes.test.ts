/**
 * A Secret's `data` entries offline (trial 4/5 F11). On a cluster, KRO and direct mode type them as bytes
 * (OpenAPI `format: byte`); JavaScript reads the API's JSON, base64 text. So `${sec.data.pw}`, a comparison
 * and a field set to it mean the base64 text, and `Cel.template('%s', sec.data.pw)` the decoded text
 * (docs/guide/real-cluster.md). `simulate` (the compiled CEL, with and without the cross-check) and
 * `evaluateConcrete` (the JavaScript) must both say so for observed objects given as the API server returns them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { modelSchema } from '../../src/model/observed-schema.js';
import { ConfigMap, Secret } from '../../src/simple.js';
import { created, simulate } from '../../src/testing/index.js';
import { secretTransformation } from '../support/secret-transformation.js';

const file = fileURLToPath(import.meta.url);

/** The 1-based line and column of `needle` in this file (it must occur once). */
function positionOf(needle: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  return `${file}:${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
}

// The reproduction of F11, as trial 4 wrote it.
const f11 = kubernetesComposition(
  { name: 'f11', kind: 'F11', spec: type({ s: 'string' }), status: type({ raw: 'string', decoded: 'string', isDefault: 'boolean' }) },
  () => {
    const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
    return { raw: `${sec.data.pw}`, decoded: Cel.template('%s', sec.data.pw), isDefault: sec.data.pw === 'c2VjcmV0' };
  },
);

const served = { sec: { data: { pw: 'c2VjcmV0' } } };
const onCluster = { raw: 'c2VjcmV0', decoded: 'secret', isDefault: true };

describe('an observed Secret\'s data offline is what a cluster gives (trial 4/5 F11)', () => {
  it('simulate with the cross-check: base64 text in JavaScript uses, decoded text from Cel.template', () => {
    assert.deepEqual(simulate(f11, { s: 'x' }, { observed: served }).status, onCluster);
  });

  it('simulate without the cross-check (the compiled CEL alone) gives the same', () => {
    const result = simulate(f11, { s: 'x' }, { observed: served, crossCheck: false });
    assert.deepEqual(result.status, onCluster);
    assert.deepEqual(result.pending, []);
  });

  it('evaluateConcrete (the JavaScript) gives the same', () => {
    assert.deepEqual(evaluateConcrete(f11, { s: 'x' }, { observed: served }).status, onCluster);
  });

  it("the Secret's stringData is its data once created, base64 text of the UTF-8, as the API server stores it", () => {
    const fromSpec = kubernetesComposition(
      { name: 'f11-spec', kind: 'F11Spec', spec: type({ s: 'string' }), status: type({ raw: 'string', decoded: 'string' }) },
      (spec) => {
        const sec = Secret({ name: 'sec', stringData: { pw: spec.s } });
        return { raw: sec.data.pw ?? 'none', decoded: Cel.template('<%s>', sec.data.pw) };
      },
    );
    assert.deepEqual(simulate(fromSpec, { s: 'secret' }, { observed: { sec: created() } }).status, { raw: 'c2VjcmV0', decoded: '<secret>' });
    assert.deepEqual(simulate(fromSpec, { s: 'sécret' }, { observed: { sec: {} }, crossCheck: false }).status, { raw: 'c8OpY3JldA==', decoded: '<sécret>' });
    // Data the cluster reports wins over what was applied.
    assert.deepEqual(simulate(fromSpec, { s: 'secret' }, { observed: { sec: { data: { pw: 'b3RoZXI=' } } } }).status, { raw: 'b3RoZXI=', decoded: '<other>' });
  });

  it('a read written through parentheses, `as`, `!`, a bracket, a local or a destructured local used only in Cel.template is decoded; `??` is JavaScript text', () => {
    const forms = kubernetesComposition(
      {
        name: 'f11-forms', kind: 'F11Forms', spec: type({ s: 'string' }),
        status: type({ local: 'string', destructured: 'string', cast: 'string', bang: 'string', bracket: 'string', two: 'string', defaulted: 'string' }),
      },
      (spec) => {
        const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
        const pw = sec.data.pw;
        const { pw: again } = sec.data;
        ConfigMap({ name: 'uses', data: { decoded: Cel.template('%s', (sec.data.pw)), text: `${sec.data.pw}` } });
        return {
          local: Cel.template('%s', pw),
          destructured: Cel.template('%s', again),
          cast: Cel.template('%s', sec.data.pw as string),
          bang: Cel.template('%s', sec.data.pw!),
          bracket: Cel.template('%s', sec.data['pw']),
          two: Cel.template('%s-%s', sec.data.pw, spec.s),
          defaulted: Cel.template('%s', sec.data.pw ?? 'none'),
        };
      },
    );
    const expected = { local: 'secret', destructured: 'secret', cast: 'secret', bang: 'secret', bracket: 'secret', two: 'secret-x', defaulted: 'c2VjcmV0' };
    const result = simulate(forms, { s: 'x' }, { observed: served });
    assert.deepEqual(result.status, expected);
    assert.deepEqual(result.manifests.find((m) => m.kind === 'ConfigMap')?.data, { decoded: 'secret', text: 'c2VjcmV0' });
    assert.deepEqual(simulate(forms, { s: 'x' }, { observed: served, crossCheck: false }).status, expected);
    assert.deepEqual(evaluateConcrete(forms, { s: 'x' }, { observed: served }).status, expected);
  });

  it('through a local function the read means what the function does with it; text built from it is base64 text, in Cel.template too', () => {
    function labelled(label: string, value: string | undefined): string {
      return Cel.template('%s=%s', label, value);
    }
    const helpers = kubernetesComposition(
      {
        name: 'f11-helpers', kind: 'F11Helpers', spec: type({ s: 'string' }),
        status: type({ arrow: 'string', declared: 'string', text: 'string', built: 'string', joined: 'string', concat: 'string', optional: 'string' }),
      },
      () => {
        const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
        const decode = (value: string | undefined) => Cel.template('%s', value);
        const quoted = (value: string | undefined) => `'${value}'`;
        return {
          arrow: decode(sec.data.pw),
          declared: labelled('pw', sec.data.pw),
          text: quoted(sec.data.pw),
          built: Cel.template('%s', `${sec.data.pw}`),
          joined: Cel.template('<%s>', `pw=${sec.data.pw}`),
          concat: Cel.concat('pw=', sec.data.pw),
          optional: Cel.template('<%s>', sec.data?.pw),
        };
      },
    );
    const yaml = helpers.toYaml();
    assert.match(yaml, /built: \$\{string\(base64\.encode\(sec\.data\.pw\)\)\}/);
    assert.match(yaml, /joined: <\$\{string\("pw=" \+ base64\.encode\(sec\.data\.pw\)\)\}>/);
    const expected = { arrow: 'secret', declared: 'pw=secret', text: "'c2VjcmV0'", built: 'c2VjcmV0', joined: '<pw=c2VjcmV0>', concat: 'pw=c2VjcmV0', optional: '<secret>' };
    assert.deepEqual(simulate(helpers, { s: 'x' }, { observed: served }).status, expected);
    assert.deepEqual(simulate(helpers, { s: 'x' }, { observed: served, crossCheck: false }).status, expected);
    assert.deepEqual(evaluateConcrete(helpers, { s: 'x' }, { observed: served }).status, expected);
  });

  it("KRO's secret-transformation example gives offline what both modes give on a cluster (test/cluster/modes-agree.cluster.test.ts)", () => {
    const observed = { test: { data: { uri: 'YXBpLnRlc3QuY29t' } } };
    for (const crossCheck of [true, false]) {
      const result = simulate(secretTransformation, { name: 'direct' }, { observed, crossCheck });
      assert.deepEqual(result.status, { uri: 'api.test.com', encoded: 'YXBpLnRlc3QuY29t' });
      // Deployed as data (src/composition/secret-wire.ts): the base64 of the text stringData would have set.
      assert.deepEqual(result.manifests.find((m) => m.kind === 'Secret')?.data, { token: Buffer.from('api.test.com/oauth/token').toString('base64') });
    }
  });

  it('a local or parameter holding the read, used both as text and in Cel.template, is refused at definition with the way out (kro and direct alike)', () => {
    const why = (name: string) =>
      `\`${name}\` is a Secret's data entry (bytes to CEL) held in a local that is used both as JavaScript text (its base64 text) and as a Cel.template argument (its decoded text); one JavaScript value cannot be both`;
    const hint = (name: string) => `  hint: pass the read itself to Cel.template (\`Cel.template('%s', secret.data.${name})\`) and use the local for the base64 text`;
    const refused = (message: string) => (error: Error & { code?: string }): boolean => error.code === 'DEFINITION_INVALID' && error.message === message;
    const statusOf = type({ raw: 'string', decoded: 'string' });
    // Both status fields are values JavaScript built exactly from references: the definition checks the source, not only what it compiles.
    assert.throws(
      () =>
        kubernetesComposition({ name: 'f11-both', kind: 'F11Both', spec: type({ s: 'string' }), status: statusOf }, () => {
          const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
          const pw = sec.data.pw; // read held for both uses
          return { raw: `${pw}`, decoded: Cel.template('%s', pw) };
        }),
      refused(`${positionOf('sec.data.pw; // read held for both uses')}: ${why('pw')}\n    sec.data.pw\n${hint('pw')}`),
    );
    assert.throws(
      () =>
        kubernetesComposition({ name: 'f11-destructured', kind: 'F11Destructured', spec: type({ s: 'string' }), status: statusOf }, () => {
          const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
          const { pw: held } = sec.data; // destructured for both uses
          return { raw: `${held}`, decoded: Cel.template('%s', held) };
        }),
      refused(`${positionOf('held } = sec.data; // destructured for both uses')}: ${why('pw')}\n    held\n${hint('pw')}`),
    );
    assert.throws(
      () =>
        kubernetesComposition({ name: 'f11-parameter', kind: 'F11Parameter', spec: type({ s: 'string' }) }, () => {
          const sec = Secret({ name: 'sec', stringData: { pw: 'secret' } });
          const both = (value: string | undefined) => `${value}:${Cel.template('%s', value)}`;
          ConfigMap({ name: 'uses', data: { both: both(sec.data.token) } }); // parameter used both ways
        }),
      refused(`${positionOf('sec.data.token) } }); // parameter used both ways')}: ${why('token')}\n    sec.data.token\n${hint('token')}`),
    );
  });

  it('bytes that are not UTF-8 fail Cel.template as CEL string() fails in the cluster', () => {
    const notText = { sec: { data: { pw: '/w==' } } };
    const message = "Cel.template over `pw`: its bytes are not UTF-8 text, so CEL's string() fails on them and the expression fails in the cluster";
    assert.throws(() => evaluateConcrete(f11, { s: 'x' }, { observed: notText }), (error: Error & { code?: string }) => error.code === 'DEPLOY_FAILED' && error.message === message);
    // The compiled CEL fails the field: it is not in the status.
    assert.deepEqual(simulate(f11, { s: 'x' }, { observed: notText, crossCheck: false }).status, { raw: '/w==', isDefault: false });
  });
});

describe('the schema offline observed objects are typed by', () => {
  it("is the model's: a Secret's data entries are bytes, timestamps date-time, integers integer", () => {
    const memo = new Map();
    const secret = modelSchema('V1Secret', memo);
    assert.deepEqual(secret?.properties?.data, { type: 'object', additionalProperties: { type: 'string', format: 'byte' } });
    const metadata = secret?.properties?.metadata;
    assert.deepEqual(metadata?.properties?.creationTimestamp, { type: 'string', format: 'date-time' });
    assert.deepEqual(metadata?.properties?.generation, { type: 'integer' });
    assert.equal(modelSchema('V1Deployment', memo)?.properties?.metadata, metadata, 'shared parts are one schema');
    assert.equal(modelSchema('NoSuchModel', memo), undefined);
  });

  it('ends a recursive model at itself', () => {
    const props = modelSchema('V1JSONSchemaProps', new Map());
    assert.equal(props?.properties?.not, props);
  });
});
