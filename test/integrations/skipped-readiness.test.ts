/**
 * An operator's readiness rule (withReadiness: ACK's `ACK.ResourceSynced`, APISIX's `Accepted`) stays on a
 * resource whose factory call sits in a branch JavaScript skipped when the composition was defined (the call is
 * made from source, composition/skipped-calls.ts): its readyWhen in the RGD is the same as in a taken branch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { apisixRoute } from 'typekro/apisix';
import { s3Bucket } from 'typekro/aws';

const spec = type({ flag: 'boolean = false', name: 'string' });
const status = type({ ok: 'boolean' });

/** Each resource's readyWhen, by id. */
function readyWhen(app: { graph: { resources: readonly { id: string; readyWhen: readonly unknown[] }[] } }, toYaml: () => string): Record<string, string> {
  const yaml = toYaml();
  return Object.fromEntries(app.graph.resources.map((r) => [r.id, (yaml.split(`- id: ${r.id}\n`)[1] ?? '').split('\n    - id: ')[0]!.match(/readyWhen:\n((?:\s+- .*\n?)+)/)?.[1]?.trim() ?? '']));
}

describe('withReadiness in a skipped branch', () => {
  it("keeps ACK's ResourceSynced on an s3Bucket made from source", () => {
    const app = kubernetesComposition({ name: 'buckets', kind: 'Buckets', spec, status }, (input) => {
      if (input.flag) {
        const taken = s3Bucket({ name: `${input.name}-a`, spec: { name: `${input.name}-a` } });
      }
      if (!input.flag) {
        const skipped = s3Bucket({ name: `${input.name}-b`, spec: { name: `${input.name}-b` } });
      }
      return { ok: true };
    });
    const rules = readyWhen(app, () => app.toYaml());
    assert.match(rules['taken']!, /ACK\.ResourceSynced/);
    assert.equal(rules['skipped'], rules['taken']!.replaceAll('taken', 'skipped'));
  });

  it("keeps APISIX's Accepted (for the current generation) on an apisixRoute made from source", () => {
    const app = kubernetesComposition({ name: 'routes', kind: 'Routes', spec, status }, (input) => {
      if (input.flag) {
        const taken = apisixRoute({ name: `${input.name}-a`, spec: {} });
      } else {
        const skipped = apisixRoute({ name: `${input.name}-b`, spec: {} });
      }
      return { ok: true };
    });
    const rules = readyWhen(app, () => app.toYaml());
    assert.match(rules['taken']!, /"Accepted"/);
    assert.equal(rules['skipped'], rules['taken']!.replaceAll('taken', 'skipped'));
  });
});
