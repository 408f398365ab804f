/** What users of typekro/ory, typekro/apisix, typekro/temporal and typekro/aws's RDS kinds write. */
import { type } from 'arktype';
import { deployment, kubernetesComposition, service } from 'typekro';
import { rdsDBInstance, rdsDBSubnetGroup } from 'typekro/aws';
import { apisixRoute } from 'typekro/apisix';
import { oauth2Client } from 'typekro/ory';
import { temporalCluster, temporalNamespace } from 'typekro/temporal';

/** An app registered as an OAuth2 client of Hydra; its Deployment reads the credentials hydra-maester writes. */
export const oauthApp = kubernetesComposition(
  { name: 'oauth-app', kind: 'OauthApp', spec: type({ name: 'string', redirect: 'string' }), status: type({ secret: 'string', ready: 'boolean' }) },
  (spec) => {
    const client = oauth2Client({
      name: spec.name,
      spec: { grantTypes: ['authorization_code', 'refresh_token'], responseTypes: ['code'], scope: 'openid offline', redirectUris: [spec.redirect], secretName: `${spec.name}-oauth`, tokenEndpointAuthMethod: 'client_secret_basic' },
    });
    const credential = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: client.spec.secretName, key } } });
    deployment({
      metadata: { name: spec.name },
      spec: {
        selector: { matchLabels: { app: spec.name } },
        template: { metadata: { labels: { app: spec.name } }, spec: { containers: [{ name: 'app', image: 'example/app:1', env: [credential('CLIENT_ID'), credential('CLIENT_SECRET')] }] } },
      },
    });
    return { secret: client.spec.secretName, ready: client.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') };
  },
);

/** A Service published through APISIX under `host`. */
export const gatewayRoute = kubernetesComposition(
  { name: 'gateway-route', kind: 'GatewayRoute', spec: type({ app: 'string', host: 'string' }), status: type({ route: 'string' }) },
  (spec) => {
    const web = service({ metadata: { name: spec.app }, spec: { selector: { app: spec.app }, ports: [{ port: 80 }] } });
    const route = apisixRoute({
      name: spec.app,
      spec: { ingressClassName: 'apisix', http: [{ name: 'root', match: { hosts: [spec.host], paths: ['/*'] }, backends: [{ serviceName: web.metadata.name, servicePort: 80 }] }] },
    });
    return { route: route.metadata.name };
  },
);

/** A Temporal cluster on an existing PostgreSQL server and one namespace on it. */
export const temporalTeam = kubernetesComposition(
  { name: 'temporal-team', kind: 'TemporalTeam', spec: type({ team: 'string', postgres: 'string' }), status: type({ version: 'string' }) },
  (spec) => {
    const store = (databaseName: string) => ({
      name: 'postgres',
      passwordSecretRef: { name: `${spec.team}-postgres`, key: 'password' },
      sql: { pluginName: 'postgres12' as const, connectAddr: `${spec.postgres}:5432`, connectProtocol: 'tcp', databaseName, user: 'temporal' },
    });
    const cluster = temporalCluster({ name: spec.team, spec: { version: '1.24.2', numHistoryShards: 1, persistence: { defaultStore: store('temporal'), visibilityStore: store('temporal_visibility') } } });
    temporalNamespace({ name: `${spec.team}-default`, spec: { clusterRef: { name: cluster.metadata.name }, retentionPeriod: '72h' } });
    return { version: cluster.status.version };
  },
);

/** A PostgreSQL instance on RDS in a subnet group; the endpoint in the status once ACK has synced it. */
export const rdsDatabase = kubernetesComposition(
  { name: 'rds-database', kind: 'RdsDatabase', spec: type({ name: 'string', subnets: 'string[]' }), status: type({ address: 'string' }) },
  (spec) => {
    const subnets = rdsDBSubnetGroup({ name: `${spec.name}-subnets`, spec: { name: `${spec.name}-subnets`, description: 'typekro example', subnetIDs: spec.subnets } });
    const db = rdsDBInstance({
      name: spec.name,
      spec: {
        dbInstanceIdentifier: spec.name,
        dbInstanceClass: 'db.t4g.micro',
        engine: 'postgres',
        allocatedStorage: 20,
        masterUsername: 'app',
        masterUserPassword: { name: `${spec.name}-master`, key: 'password' },
        dbSubnetGroupName: subnets.spec.name,
      },
    });
    return { address: db.status.endpoint.address };
  },
);
