/**
 * TypeKro's definition-time verdict on a custom resource's values is the API server's: the kind of
 * fixtures/crd-rules.ts (a group of its own, cluster-scoped) is installed, and every value of its table, plus
 * values fast-check generates for each checked rule, is created with a server-side dry run. A value TypeKro
 * rejects must be rejected by the API server (422), and a value it accepts must be accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import fc from 'fast-check';
import { crdManifests } from 'typekro';
import { crdValueProblems } from '../../src/model/crd-values.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { installCrds, testKubeConfig } from '../support/cluster.js';
import { ruleCase, rulesKind, rulesSchema, ruleTable } from './fixtures/crd-rules.js';

const kc = testKubeConfig();
const objects = kc.makeApiClient(CustomObjectsApi);
const [crd] = crdManifests([ruleCase]);
let serial = 0;

/** True when the API server accepts a RuleCase with this one spec field (a dry run: nothing is stored). */
async function serverAccepts(field: string, value: unknown): Promise<boolean> {
  const body = { apiVersion: `${rulesKind.group}/${rulesKind.version}`, kind: rulesKind.kind, metadata: { name: `case-${serial++}` }, spec: { [field]: value } };
  try {
    await objects.createClusterCustomObject({ group: rulesKind.group, version: rulesKind.version, plural: rulesKind.plural, body, dryRun: 'All', fieldValidation: 'Strict' });
    return true;
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code === 422) return false;
    throw error;
  }
}

function typekroAccepts(field: string, value: unknown): boolean {
  return crdValueProblems(rulesSchema, { spec: { [field]: value } }).length === 0;
}

async function sameVerdict(field: string, value: unknown): Promise<void> {
  const server = await serverAccepts(field, value);
  const ours = typekroAccepts(field, value);
  assert.equal(ours, server, `spec.${field} = ${JSON.stringify(value)}: the API server ${server ? 'accepts' : 'rejects'} it, TypeKro ${ours ? 'accepts' : 'rejects'} it (${crdValueProblems(rulesSchema, { spec: { [field]: value } }).join('; ')})`);
}

/** Strings of these pieces, up to `max` of them: values on both sides of a rule come from pieces near its edges. */
const joined = (pieces: readonly string[], max: number, min = 0): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { minLength: min, maxLength: max }).map((list) => list.join(''));
const ipv4 = fc.array(fc.constantFrom('0', '1', '01', '010', '255', '256', ''), { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
const group = fc.constantFrom('0', '1', 'ff', 'ffff', '00001', 'fffff', '');
const ipv6 = fc
  .tuple(fc.array(group, { minLength: 0, maxLength: 4 }), fc.constantFrom('::', ':'), fc.array(group, { minLength: 0, maxLength: 5 }), fc.constantFrom('', ':10.0.0.1', ':010.0.0.1', '::'))
  .map(([head, middle, tail, end]) => `${head.join(':')}${middle}${tail.join(':')}${end}`);
const dateTime = fc
  .tuple(fc.constantFrom('1900', '2000', '2023', '99'), fc.constantFrom('01', '02', '13', '1'), fc.constantFrom('28', '29', '30', '31'), fc.constantFrom('T', 't', ' '), fc.constantFrom('00', '23', '24'), fc.constantFrom('Z', 'z', '+01:00', '', '.5Z', 'Zt!', ',5Z'))
  .map(([y, m, d, t, h, z]) => `${y}-${m}-${d}${t}${h}:00:59${z}`);
const generated: readonly [string, fc.Arbitrary<unknown>][] = [
  ['name', joined(['a', 'z', '0', '-', 'A', '.'], 5)],
  ['spaced', joined([' ', '\t', '\v', '\u00a0', '\r', '\n', '\f', '\u2028'], 2).map((prefix) => `${prefix}x.y`)],
  ['anyChar', joined(['x', '\n', '\r', '\u2028', '\u0085', '😀', 'é'], 2).map((middle) => `a${middle}b`)],
  ['printable', joined(['a', 'é', '\u0007', '\u0378', '\u200b', '\ue000'], 3)],
  ['escaped', fc.tuple(joined(['a', '-', '_', ' ', 'é'], 2), fc.constantFrom(':', '\\:', ''), joined(['1', 'a'], 2)).map((parts) => parts.join(''))],
  ['port', fc.oneof(joined(['a', 'z', 'A', '1'], 3), fc.integer({ min: -2, max: 70_000 }))],
  ['short', joined(['a', 'é', '😀', ' '], 5)],
  ['at', dateTime],
  ['day', dateTime.map((value) => value.slice(0, 10))],
  ['data', joined(['aGVs', 'bG8=', 'YQ==', 'ab', '-_', 'a=b=', 'a'], 3)],
  ['ip', fc.oneof(ipv4, ipv6)],
  ['ip6', fc.oneof(ipv4, ipv6)],
  ['cidr', fc.tuple(fc.oneof(ipv4, ipv6), fc.constantFrom('0', '8', '032', '33', '64', '128', '129', '', 'x')).map(([ip, bits]) => `${ip}/${bits}`)],
  ['label', joined(['a', 'z', '0', '-', 'A', '.'], 5)],
  ['replicas', fc.integer({ min: -1, max: 7 })],
  ['ratio', fc.constantFrom(-0.5, 0, 0.25, 1, 1.5)],
  ['hosts', fc.array(fc.constant('h'), { maxLength: 4 })],
  ['tags', fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 })],
  ['ports', fc.array(fc.record({ port: fc.constantFrom(80, 443), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['port'] }), { maxLength: 3 })],
  ['labels', fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constant('v'))],
  ['source', fc.constantFrom({}, { url: 'u' }, { path: 'p' }, { url: 'u', path: 'p' })],
  ['target', fc.constantFrom({}, { a: 'u' }, { b: 'p' }, { a: 'u', b: 'p' })],
  ['mode', joined(['o', 'f', 'n', 'O', '1'], 3)],
];

describe('CRD value validations: TypeKro and the API server agree', { timeout: 300_000 }, () => {
  const client = new KubeClient(kc);

  before(async () => {
    await installCrds(client, [crd!]);
  });
  after(async () => {
    await kc.makeApiClient(ApiextensionsV1Api).deleteCustomResourceDefinition({ name: crd!.metadata.name });
  });

  it('on every value of the table', async () => {
    for (const [field, value, problem] of ruleTable) {
      assert.equal(typekroAccepts(field, value), problem === undefined, `${field} = ${JSON.stringify(value)}`);
      await sameVerdict(field, value);
    }
  });

  it('on values generated around each rule', async () => {
    for (const [field, values] of generated) {
      const verdicts = new Set<boolean>();
      for (const value of fc.sample(values, { numRuns: 60, seed: 20_261_205 })) {
        await sameVerdict(field, value);
        verdicts.add(typekroAccepts(field, value));
      }
      // The samples must land on both sides of the rule, or they would say nothing about it.
      assert.equal(verdicts.size, 2, `spec.${field}: the generated values are all ${[...verdicts][0] ? 'accepted' : 'rejected'}`);
    }
  });
});
