/**
 * K3, live, property-style: for many quantity strings, the text a real kube-apiserver stores against
 * `canonicalQuantity`. Each batch is one PodTemplate sent with server-side dry-run: every string as an
 * `emptyDir.sizeLimit` (a lone Quantity) and as a container's `requests.cpu` (a ResourceList entry, also
 * rounded up to a thousandth). The strings are the curated forms below plus seeded random ones over every
 * suffix, exponents, fractions, leading zeros and a `+` sign (negative values are refused by validation of
 * these fields, so they are not sent).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { canonicalQuantity } from '../../src/testing/index.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';

const CURATED = ['0.5', '1000m', '1024Mi', '1.5Gi', '1500', '1000', '1e3', '1.5e3', '1e4', '1E6', '1e-10', '100n', '1.0001', '1000E', '1024Ei', '+1', '007', '1.200', '0', '0.0', '0Mi', '0.5Ki', '1Ki', '2048Ki', '1.0000001Ki', '9223372036854775807', '9223372036854775808', '12345678901234567890123', '0.000000001', '0.0000000001', '123.456789012345678901', '1e+3', '5e-1', '1.5Mi', '1023Ki', '1023', '1024', '1025', '10240Mi', '3Ti', '1Pi', '1Ei', '8Ei', '1u', '1.5u', '2.5m', '1.5k', '999999999999999999', '1000000000000000000000', '1.'];

const SUFFIXES = ['', '', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e', 'E'];

/** A small seeded generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const digits = (max: number): string => Array.from({ length: Math.floor(next() * (max + 1)) }, () => String(Math.floor(next() * 10))).join('');
  const out: string[] = [];
  while (out.length < count) {
    const integer = '0'.repeat(next() < 0.15 ? 1 + Math.floor(next() * 2) : 0) + digits(next() < 0.8 ? 4 : 22);
    const fraction = next() < 0.4 ? `.${digits(next() < 0.8 ? 3 : 14)}` : '';
    let suffix = pick(SUFFIXES);
    if (suffix === 'e' || (suffix === 'E' && next() < 0.5)) suffix += `${next() < 0.3 ? '-' : next() < 0.2 ? '+' : ''}${Math.floor(next() * 25)}`;
    const sign = next() < 0.05 ? '+' : '';
    if (!/[0-9]/.test(integer + fraction)) continue;
    out.push(`${sign}${integer}${fraction}${suffix}`);
  }
  return out;
}

const BATCH = 80;

describe('canonicalQuantity against a live API server', () => {
  const client = new KubeClient(testKubeConfig());
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => void (ns = await testNamespace(testKubeConfig(), 'quantities')));
  after(async () => ns?.remove());

  const all = [...new Set([...CURATED, ...generated(640, 20261206)])];
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH);
    it(`quantities ${start + 1}-${start + batch.length} of ${all.length}`, async () => {
      const template = {
        apiVersion: 'v1',
        kind: 'PodTemplate',
        metadata: { name: `q-${start}`, namespace: ns.name },
        template: {
          spec: {
            volumes: batch.map((q, i) => ({ name: `v${i}`, emptyDir: { sizeLimit: q } })),
            containers: batch.map((q, i) => ({ name: `c${i}`, image: 'busybox', resources: { requests: { cpu: q } } })),
          },
        },
      };
      const stored = (await client.apply(template as never, { dryRun: true, force: true })) as unknown as { template: { spec: { volumes: { emptyDir: { sizeLimit?: string } }[]; containers: { resources: { requests?: { cpu?: string } } }[] } } };
      const spec = stored.template.spec;
      const wrong: string[] = [];
      batch.forEach((q, i) => {
        const quantity = spec.volumes[i]!.emptyDir.sizeLimit;
        const listed = spec.containers[i]!.resources.requests?.cpu;
        if (canonicalQuantity(q) !== quantity) wrong.push(`${JSON.stringify(q)} as a Quantity: API server ${JSON.stringify(quantity)}, kit ${JSON.stringify(canonicalQuantity(q))}`);
        if (canonicalQuantity(q, 'resource-list') !== listed) wrong.push(`${JSON.stringify(q)} in a ResourceList: API server ${JSON.stringify(listed)}, kit ${JSON.stringify(canonicalQuantity(q, 'resource-list'))}`);
      });
      assert.deepEqual(wrong, []);
    });
  }
});
