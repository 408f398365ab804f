/** What users of typekro/external-dns, typekro/aws and typekro/cilium write. */
import { type } from 'arktype';
import { deployment, kubernetesComposition, service } from 'typekro';
import { iamRole, s3Bucket } from 'typekro/aws';
import { ciliumNetworkPolicy } from 'typekro/cilium';
import { cluster } from 'typekro/cnpg';
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

/** A PostgreSQL cluster and an app Deployment reading its connection Secret (`<cluster>-app`, key `uri`). */
export const appWithDatabase = kubernetesComposition(
  { name: 'app-with-database', kind: 'AppWithDatabase', spec: type({ name: 'string', 'instances?': 'number.integer' }), status: type({ readyInstances: 'number', phase: 'string' }) },
  (spec) => {
    const db = cluster({ name: `${spec.name}-db`, spec: { instances: spec.instances ?? 1, storage: { size: '1Gi' }, bootstrap: { initdb: { database: 'app', owner: 'app' } } } });
    deployment({
      metadata: { name: spec.name },
      spec: {
        selector: { matchLabels: { app: spec.name } },
        template: {
          metadata: { labels: { app: spec.name } },
          spec: { containers: [{ name: 'app', image: 'example/app:1', env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${db.metadata.name}-app`, key: 'uri' } } }] }] },
        },
      },
    });
    return { readyInstances: db.status.readyInstances, phase: db.status.phase };
  },
);
