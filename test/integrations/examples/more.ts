/** What users of typekro/external-dns, typekro/aws and typekro/cilium write. */
import { type } from 'arktype';
import { kubernetesComposition, service } from 'typekro';
import { iamRole, s3Bucket } from 'typekro/aws';
import { ciliumNetworkPolicy } from 'typekro/cilium';
import { dnsEndpoint } from 'typekro/external-dns';

/** A Service external-dns publishes under `host`, and an explicit A record for it. */
export const announcedSite = kubernetesComposition(
  { name: 'announced-site', kind: 'AnnouncedSite', spec: type({ host: 'string', ip: 'string' }), status: type({ endpoints: 'number' }) },
  (spec) => {
    service({ metadata: { name: 'web', annotations: { 'external-dns.alpha.kubernetes.io/hostname': spec.host } }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const records = dnsEndpoint({ name: 'web-a', spec: { endpoints: [{ dnsName: spec.host, recordType: 'A', targets: [spec.ip], recordTTL: 60 }] } });
    return { endpoints: records.spec.endpoints.length };
  },
);

/** An S3 bucket and an IAM role allowed to read it; the bucket's ARN in the status. */
export const bucketWithRole = kubernetesComposition(
  { name: 'bucket-with-role', kind: 'BucketWithRole', spec: type({ bucket: 'string' }), status: type({ arn: 'string' }) },
  (spec) => {
    const bucket = s3Bucket({ name: spec.bucket, spec: { name: spec.bucket, tagging: { tagSet: [{ key: 'owner', value: 'typekro' }] } } });
    iamRole({
      name: `${spec.bucket}-reader`,
      spec: {
        name: `${spec.bucket}-reader`,
        assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
      },
    });
    return { arn: bucket.status.ackResourceMetadata.arn };
  },
);

/** Ingress to `app` only from `from`, on port 80. */
export const isolation = kubernetesComposition(
  { name: 'isolation', kind: 'Isolation', spec: type({ app: 'string', from: 'string' }), status: type({ policy: 'string' }) },
  (spec) => {
    const policy = ciliumNetworkPolicy({
      name: `${spec.app}-ingress`,
      spec: {
        endpointSelector: { matchLabels: { app: spec.app } },
        ingress: [{ fromEndpoints: [{ matchLabels: { app: spec.from } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
      },
    });
    return { policy: policy.metadata.name };
  },
);
