/**
 * typekro/external-dns, typekro/aws, typekro/cilium and typekro/cnpg offline: each one's example composition renders with typed status
 * references, its bootstraps install the pinned charts through Flux, and bad inputs fail at compile time
 * (checked by `npm run typecheck`) and when the composition is defined.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { crdManifests, kubernetesComposition } from 'typekro';
import { allKinds as awsKinds, iamControllerBootstrap, iamRole, s3Bucket, s3ControllerBootstrap, s3Kinds, type S3BucketSpec } from 'typekro/aws';
import { allKinds as dnsKinds, dnsEndpoint, EXTERNAL_DNS_HOSTNAME, externalDnsBootstrap, type DNSEndpointSpec } from 'typekro/external-dns';
import { allKinds as ciliumKinds, ciliumBootstrap, ciliumNetworkPolicy, type CiliumNetworkPolicySpec } from 'typekro/cilium';
import { allKinds as cnpgKinds, cluster, cnpgBootstrap, type ClusterSpec } from 'typekro/cnpg';
import { announcedSite, appWithDatabase, bucketWithRole, isolation } from './examples/more.js';
import { definingWith } from '../support/bad-input.js';

describe('typekro/external-dns', () => {
  it('renders the example: a Service annotated for its hostname and a DNSEndpoint', () => {
    const rgd = announcedSite.toYaml();
    assert.match(rgd, new RegExp(`annotations:\\n\\s+${EXTERNAL_DNS_HOSTNAME.replace(/\./g, '\\.')}: \\$\\{schema\\.spec\\.host\\}`));
    assert.match(rgd, /kind: DNSEndpoint[\s\S]*dnsName: \${schema\.spec\.host}\n\s+recordType: A/);
    assert.match(rgd, /endpoints: \${size\(records\.spec\.endpoints\)}/);
  });

  it('bootstraps external-dns with its chart, the crd source on', () => {
    const rgd = externalDnsBootstrap.toYaml();
    assert.match(rgd, /chart: external-dns\n\s+version: \${schema\.spec\.version}/);
    assert.match(rgd, /version: string \| default="1\.22\.0"/);
    assert.match(rgd, /values: object \| default=\{"sources":\["service","ingress","crd"\]\}/);
  });

  it('carries the upstream kinds', () => {
    assert.deepEqual(dnsKinds.map((k) => k.definition.kind), ['DNSEndpoint', 'DNSRecord']);
    assert.equal(crdManifests(dnsKinds)[0]?.metadata.name, 'dnsendpoints.externaldns.k8s.io');
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => dnsEndpoint({ name: 'bad', spec: { endpoints: [{ dnsName: 'x', recordTTL: 'soon' }] } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/more\.test\.ts:\d+:\d+: DNSEndpoint "bad": spec\.endpoints\[0\]\.recordTTL must be an integer \(was "soon"\)$/ });
  });
});

describe('typekro/aws', () => {
  it('renders the example: a bucket and a role reading its ARN from the status', () => {
    const rgd = bucketWithRole.toYaml();
    assert.match(rgd, /apiVersion: s3\.services\.k8s\.aws\/v1alpha1\n\s+kind: Bucket/);
    assert.match(rgd, /apiVersion: iam\.services\.k8s\.aws\/v1alpha1\n\s+kind: Role/);
    assert.match(rgd, /arn: \${bucket\.status\.ackResourceMetadata\.arn}/);
  });

  it('bootstraps the controllers from their OCI charts', () => {
    assert.match(s3ControllerBootstrap.toYaml(), /type: oci[\s\S]*chart: s3-chart/);
    assert.match(iamControllerBootstrap.toYaml(), /version: string \| default="1\.9\.1"/);
  });

  it('prefixes the service and carries every kind', () => {
    assert.equal(s3Bucket.definition.kind, 'Bucket');
    assert.equal(iamRole.definition.group, 'iam.services.k8s.aws');
    assert.deepEqual(s3Kinds.map((k) => k.definition.factoryName), ['s3Bucket']);
    assert.equal(awsKinds.length, 20);
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(
      () =>
        kubernetesComposition({ name: 'bad-bucket', kind: 'BadBucket', spec: type({ n: 'string' }), status: type({ url: 'string' }) }, (spec) => {
          const bucket = s3Bucket({ name: spec.n, spec: { name: spec.n } });
          return { url: (bucket.status as unknown as { url: string }).url.trim() };
        }),
      /unknown field `url`[\s\S]*known fields: ackResourceMetadata, conditions/,
    );
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => s3Bucket({ name: 'no-name', spec: {} as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/more\.test\.ts:\d+:\d+: Bucket "no-name": spec\.name is required$/ });
  });
});

describe('typekro/cilium', () => {
  it('renders the example: a CiliumNetworkPolicy from the spec', () => {
    const rgd = isolation.toYaml();
    assert.match(rgd, /apiVersion: cilium\.io\/v2\n\s+kind: CiliumNetworkPolicy/);
    assert.match(rgd, /endpointSelector:\n\s+matchLabels:\n\s+app: \${schema\.spec\.app}/);
    assert.match(rgd, /policy: \${policy\.metadata\.name}/);
  });

  it('bootstraps Cilium and carries the v2 kinds (v2alpha1 too where still served)', () => {
    assert.match(ciliumBootstrap.toYaml(), /chart: cilium\n\s+version: \${schema\.spec\.version}/);
    assert.equal(ciliumNetworkPolicy.definition.version, 'v2');
    assert.ok(ciliumKinds.some((k) => k.definition.kind === 'CiliumClusterwideNetworkPolicy' && k.definition.scope === 'Cluster'));
    assert.ok(ciliumKinds.some((k) => k.definition.version === 'v2alpha1'));
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => ciliumNetworkPolicy({ name: 'bad', spec: { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCPX' }] }] }] } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/more\.test\.ts:\d+:\d+: CiliumNetworkPolicy "bad": spec\.ingress\[0\]\.toPorts\[0\]\.ports\[0\]\.protocol must be one of TCP, UDP, SCTP, VRRP, IGMP, GRE, IPIP, IPV6, ESP, AH, ANY \(was "TCPX"\)$/ });
  });
});

describe('typekro/cnpg', () => {
  it('renders the example: a Cluster and a Deployment reading its connection Secret', () => {
    const rgd = appWithDatabase.toYaml();
    assert.match(rgd, /apiVersion: postgresql\.cnpg\.io\/v1\n\s+kind: Cluster/);
    assert.match(rgd, /secretKeyRef:\n\s+name: \${db\.metadata\.name}-app\n\s+key: uri/);
    assert.match(rgd, /readyInstances: \${db\.status\.readyInstances}/);
  });

  it('bootstraps the operator and carries the v1.30.0 kinds, named as the original TypeKro names them', () => {
    assert.match(cnpgBootstrap.toYaml(), /version: string \| default="0\.29\.0"[\s\S]*chart: cloudnative-pg/);
    assert.deepEqual(cnpgKinds.map((k) => k.definition.factoryName).filter((n) => ['cluster', 'backup', 'scheduledBackup', 'pooler'].includes(n)), ['backup', 'cluster', 'pooler', 'scheduledBackup']);
    assert.equal(cluster.definition.group, 'postgresql.cnpg.io');
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => cluster({ name: 'bad', spec: { instances: 'three' } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/more\.test\.ts:\d+:\d+: Cluster "bad": spec\.instances must be an integer \(was "three"\)$/ });
  });
});

// Compile-time checks: `npm run typecheck` fails if one of these stops being an error.
export function typeErrors(): void {
  // @ts-expect-error the bucket's name is required
  const noName: S3BucketSpec = { tagging: { tagSet: [] } };
  // @ts-expect-error recordTTL is a number
  const wrongType: DNSEndpointSpec = { endpoints: [{ dnsName: 'a', recordTTL: '60' }] };
  // @ts-expect-error 'TCPX' is not a protocol
  const wrongProtocol: CiliumNetworkPolicySpec = { ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCPX' }] }] }] };
  // @ts-expect-error instances is a number
  const wrongInstances: ClusterSpec = { instances: 'three' };
  void [noName, wrongType, wrongProtocol, wrongInstances];
}
