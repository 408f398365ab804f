/**
 * A web application with its database: credentials in a Secret, settings in a ConfigMap, Postgres in a
 * StatefulSet behind a Service, the web Deployment reading both, and an Ingress only when a host is given.
 * Plain JavaScript (`if`, ternaries, template literals, `??`) becomes KRO's includeWhen and CEL.
 *
 *   typekro check  examples/webapp-stack.ts -f examples/webapp-stack.spec.yaml
 *   typekro deploy examples/webapp-stack.ts -f examples/webapp-stack.spec.yaml --set environment=prod
 */
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { ConfigMap, Deployment, Ingress, Secret, Service, StatefulSet } from 'typekro/simple';

export const webappStack = kubernetesComposition(
  {
    name: 'webapp-stack',
    apiVersion: 'examples.typekro.dev/v1alpha1',
    kind: 'WebAppStack',
    spec: type({
      name: 'string',
      image: "string = 'nginx:1.27'",
      environment: "'dev' | 'staging' | 'prod' = 'dev'",
      // An empty host means no Ingress.
      host: "string = ''",
      database: { password: 'string', version: "string = '16'" },
    }),
    status: type({ url: 'string', ready: 'boolean', databaseReady: 'boolean', replicas: 'number', logLevel: 'string' }),
  },
  (spec) => {
    const credentials = Secret({ name: `${spec.name}-db`, stringData: { POSTGRES_PASSWORD: spec.database.password } });
    const databaseService = Service({ name: `${spec.name}-db`, selector: { app: `${spec.name}-db` }, ports: [{ port: 5432 }] });
    const database = StatefulSet({
      name: `${spec.name}-db`,
      image: `postgres:${spec.database.version}`,
      serviceName: databaseService.metadata.name,
      env: { POSTGRES_DB: spec.name },
      envFrom: [{ secretRef: { name: credentials.metadata.name } }],
      ports: [{ containerPort: 5432 }],
    });
    const settings = ConfigMap({
      name: `${spec.name}-settings`,
      data: {
        DATABASE_URL: `postgres://${databaseService.metadata.name}:5432/${spec.name}`,
        LOG_LEVEL: spec.environment === 'prod' ? 'warn' : 'debug',
      },
    });
    const web = Deployment({
      name: spec.name,
      image: spec.image,
      replicas: spec.environment === 'prod' ? 3 : 1,
      ports: [{ containerPort: 80 }],
      envFrom: [{ configMapRef: { name: settings.metadata.name } }, { secretRef: { name: credentials.metadata.name } }],
    });
    const webService = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    if (spec.host) {
      const ingress = Ingress({
        name: spec.name,
        rules: [{ host: spec.host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: webService.metadata.name, port: { number: 80 } } } }] } }],
      });
    }
    return {
      url: spec.host ? `https://${spec.host}` : `http://${webService.metadata.name}`,
      ready: web.status.readyReplicas === web.spec.replicas && database.status.readyReplicas === 1,
      databaseReady: database.status.readyReplicas === 1,
      replicas: web.status.readyReplicas ?? 0,
      logLevel: settings.data.LOG_LEVEL!,
    };
  },
);

export default webappStack;
