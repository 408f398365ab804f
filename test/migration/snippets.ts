/**
 * Compatibility snippets: compositions written the way the original TypeKro's docs write them (README,
 * docs/api/cel.md, docs/api/factories, docs/examples; written for this suite, not copied), one per shape
 * issue 15 names. `snippets.test.ts` renders each offline; `snippets.cluster.test.ts` has the real KRO accept
 * every RGD. They are type-checked with the project (`npm run typecheck`).
 */
import { type } from 'arktype';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  Cel, cel, createResource, externalRef, helmRelease, helmRepository, kubernetesComposition, simple, toResourceGraph, yamlFile,
  type Composition, type Enhanced,
} from '../../src/index.js';
import { ConfigMap, Deployment, HelmChart, Ingress, Service, YamlFile } from '../../src/simple.js';
import { withAnnotations, withEnvVars, withLabels, type Aspect } from '../../src/api/aspects.js';

const group = 'migration.typekro.dev';
const WebAppSpec = type({ name: 'string', image: 'string', replicas: 'number.integer', environment: "'dev' | 'prod'" });
const WebAppStatus = type({ ready: 'boolean', url: 'string' });

/** README quick start: Deployment + Service, natural JavaScript status. */
const quickStart = kubernetesComposition(
  { name: 'snippet-quick-start', apiVersion: `${group}/v1alpha1`, kind: 'QuickStart', spec: WebAppSpec, status: WebAppStatus },
  (spec) => {
    const deployment = Deployment({ name: spec.name, image: spec.image, replicas: spec.replicas });
    const service = Service({ name: `${spec.name}-service`, selector: { app: spec.name }, ports: [{ port: 80, targetPort: 80 }] });
    return { ready: deployment.status.readyReplicas > 0, url: `http://${service.metadata.name}` };
  },
);

const celExpr = kubernetesComposition(
  { name: 'snippet-cel-expr', apiVersion: `${group}/v1alpha1`, kind: 'CelExprSnippet', spec: WebAppSpec, status: type({ isReady: 'boolean' }) },
  (spec) => {
    const deploy = Deployment({ name: spec.name, image: spec.image, replicas: spec.replicas });
    return { isReady: Cel.expr<boolean>(deploy.status.readyReplicas, ' >= ', deploy.spec.replicas) };
  },
);

const celTemplate = kubernetesComposition(
  { name: 'snippet-cel-template', apiVersion: `${group}/v1alpha1`, kind: 'CelTemplateSnippet', spec: WebAppSpec, status: type({ endpoint: 'string' }) },
  (spec) => {
    const service = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 8080 }] });
    return { endpoint: Cel.template('https://%s:%s/api', service.spec.clusterIP, 8080) };
  },
);

const celConditional = kubernetesComposition(
  { name: 'snippet-cel-conditional', apiVersion: `${group}/v1alpha1`, kind: 'CelConditionalSnippet', spec: WebAppSpec, status: type({ phase: 'string', logLevel: 'string' }) },
  (spec) => {
    const deploy = Deployment({ name: spec.name, image: spec.image });
    return {
      phase: Cel.conditional(deploy.status.readyReplicas > 0, 'running', 'pending'),
      logLevel: Cel.conditional(spec.environment === 'prod', 'warn', 'debug'),
    };
  },
);

const celConcat = kubernetesComposition(
  { name: 'snippet-cel-concat', apiVersion: `${group}/v1alpha1`, kind: 'CelConcatSnippet', spec: WebAppSpec, status: type({ fullName: 'string', url: 'string' }) },
  (spec) => {
    const deploy = Deployment({ name: spec.name, image: spec.image });
    const service = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 8080 }] });
    return { fullName: Cel.concat(deploy.metadata.name, '-service'), url: Cel.concat('http://', service.spec.clusterIP, ':8080') };
  },
);

const celSize = kubernetesComposition(
  { name: 'snippet-cel-size', apiVersion: `${group}/v1alpha1`, kind: 'CelSizeSnippet', spec: type({ name: 'string', hosts: 'string[]' }), status: type({ containerCount: 'number', hostCount: 'number' }) },
  (spec) => {
    const deploy = Deployment({ name: spec.name, image: 'nginx' });
    return { containerCount: Cel.size(deploy.spec.template.spec.containers), hostCount: Cel.size(spec.hosts) };
  },
);

const celMinMax = kubernetesComposition(
  { name: 'snippet-cel-min-max', apiVersion: `${group}/v1alpha1`, kind: 'CelMinMaxSnippet', spec: WebAppSpec, status: type({ minReplicas: 'number', maxReplicas: 'number' }) },
  (spec) => {
    const deploy = Deployment({ name: spec.name, image: spec.image, replicas: Cel.max(spec.replicas, 1) });
    return { minReplicas: Cel.min(deploy.spec.replicas, 10), maxReplicas: Cel.max(deploy.status.readyReplicas ?? 0, 1) };
  },
);

const celConversions = kubernetesComposition(
  { name: 'snippet-cel-conversions', apiVersion: `${group}/v1alpha1`, kind: 'CelConversionsSnippet', spec: type({ name: 'string', ratio: 'number', port: 'string' }), status: type({ ratioText: 'string', whole: 'number', port: 'number', share: 'number' }) },
  (spec) => ({ ratioText: Cel.string(Cel.int(spec.ratio)), whole: Cel.int(spec.ratio), port: Cel.int(spec.port), share: Cel.double(Cel.int(spec.ratio)) }),
);

const celDefault = kubernetesComposition(
  { name: 'snippet-cel-default', apiVersion: `${group}/v1alpha1`, kind: 'CelDefaultSnippet', spec: type({ name: 'string', 'tier?': 'string', 'region?': 'string' }), status: type({ tier: 'string', region: 'string', untiered: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { tier: Cel.default(spec.tier, 'standard') } });
    return { tier: Cel.default(spec.tier, 'standard'), region: Cel.coalesce(spec.region, spec.tier, 'us-east-1'), untiered: Cel.not(spec.tier) };
  },
);

const celTag = kubernetesComposition(
  { name: 'snippet-cel-tag', apiVersion: `${group}/v1alpha1`, kind: 'CelTagSnippet', spec: WebAppSpec, status: type({ url: 'string' }) },
  (spec) => {
    const service = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { url: cel`http://${service.metadata.name}.${service.metadata.namespace}.svc:${spec.replicas}` };
  },
);

const helmUrl = kubernetesComposition(
  { name: 'snippet-helm-url', apiVersion: `${group}/v1alpha1`, kind: 'HelmUrlSnippet', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const redis = helmRelease({
      name: spec.name,
      chart: { repository: 'https://charts.bitnami.com/bitnami', name: 'redis', version: '19.x' },
      values: { replica: { replicaCount: spec.replicas } },
    });
    return { ready: redis.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') };
  },
);

const helmOci = kubernetesComposition(
  { name: 'snippet-helm-oci', apiVersion: `${group}/v1alpha1`, kind: 'HelmOciSnippet', spec: type({ version: 'string' }), status: type({ revision: 'string' }) },
  (spec) => {
    const kroRelease = helmRelease({ name: 'kro', namespace: 'kro-system', chart: { repository: 'oci://registry.k8s.io/kro/charts', name: 'kro', version: spec.version } });
    return { revision: kroRelease.status.lastAttemptedRevision ?? '' };
  },
);

const helmHandle = kubernetesComposition(
  { name: 'snippet-helm-handle', apiVersion: `${group}/v1alpha1`, kind: 'HelmHandleSnippet', spec: type({ name: 'string' }), status: type({ url: 'string' }) },
  (spec) => {
    const repo = helmRepository({ name: 'podinfo', url: 'https://stefanprodan.github.io/podinfo' });
    helmRelease({ name: spec.name, chart: { repository: repo, name: 'podinfo' }, values: { ui: { message: spec.name } } });
    return { url: repo.spec.url };
  },
);

const externalPositional = kubernetesComposition(
  { name: 'snippet-external-positional', apiVersion: `${group}/v1alpha1`, kind: 'ExternalPositionalSnippet', spec: type({ name: 'string' }), status: type({ level: 'string' }) },
  (spec) => {
    const shared = externalRef<Record<string, never>, Record<string, never>>('v1', 'ConfigMap', 'platform-settings', 'default');
    const settings = shared as unknown as Enhanced<V1ConfigMap>;
    Deployment({ name: spec.name, image: 'nginx', env: { LEVEL: settings.data.level ?? 'info' } });
    return { level: settings.data.level ?? 'info' };
  },
);

const externalObject = kubernetesComposition(
  { name: 'snippet-external-object', apiVersion: `${group}/v1alpha1`, kind: 'ExternalObjectSnippet', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const credentials = externalRef<V1Secret>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials' } });
    const app = Deployment({ name: spec.name, image: 'nginx', env: { DB_USER: Cel.template('%s', credentials.data.user) } });
    return { ready: app.status.readyReplicas > 0 };
  },
);

const createResourceSnippet = kubernetesComposition(
  { name: 'snippet-create-resource', apiVersion: `${group}/v1alpha1`, kind: 'CreateResourceSnippet', spec: type({ name: 'string', level: 'string' }), status: type({ name: 'string' }) },
  (spec) => {
    const config = createResource<Record<string, never>, Record<string, never>>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: spec.name }, data: { level: spec.level } });
    return { name: config.metadata.name };
  },
);

/** A helper typed with the original's Enhanced<Spec, Status>. */
function replicasOf(resource: Enhanced<{ replicas: number }, { readyReplicas: number }>): number {
  return resource.status.readyReplicas;
}
const enhancedHelper = kubernetesComposition(
  { name: 'snippet-enhanced', apiVersion: `${group}/v1alpha1`, kind: 'EnhancedSnippet', spec: WebAppSpec, status: type({ ready: 'number' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: spec.image });
    return { ready: replicasOf(web as unknown as Enhanced<{ replicas: number }, { readyReplicas: number }>) };
  },
);

const yamlPositional = kubernetesComposition(
  { name: 'snippet-yaml-positional', apiVersion: `${group}/v1alpha1`, kind: 'YamlPositionalSnippet', spec: type({ name: 'string' }), status: type({ level: 'string' }) },
  () => {
    const base = YamlFile('../fixtures/manifests/app/base.yaml');
    return { level: base.resource<V1ConfigMap>('ConfigMap', 'app-settings').data.level ?? 'info' };
  },
);

const yamlNamed = kubernetesComposition(
  { name: 'snippet-yaml-named', apiVersion: `${group}/v1alpha1`, kind: 'YamlNamedSnippet', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const manifests = yamlFile({ name: 'appManifests', path: '../fixtures/manifests/app/base.yaml' });
    const web = Deployment({ name: spec.name, image: 'nginx' }).dependsOn(manifests);
    return { ready: web.status.readyReplicas > 0 };
  },
);

const toStringSnippet = kubernetesComposition(
  { name: 'snippet-to-string', apiVersion: `${group}/v1alpha1`, kind: 'ToStringSnippet', spec: type({ name: 'string', port: 'number.integer', debug: 'boolean' }), status: type({ port: 'string' }) },
  (spec) => {
    Deployment({ name: spec.name, image: 'nginx', env: { PORT: spec.port.toString(), DEBUG: spec.debug.toString() } });
    return { port: spec.port.toString() };
  },
);

const conditionalIngress = kubernetesComposition(
  { name: 'snippet-conditional', apiVersion: `${group}/v1alpha1`, kind: 'ConditionalSnippet', spec: type({ name: 'string', ingress: { enabled: 'boolean', host: 'string' } }), status: type({ url: 'string' }) },
  (spec) => {
    Deployment({ name: spec.name, image: 'nginx' });
    if (spec.ingress.enabled) {
      Ingress({ name: spec.name, rules: [{ host: spec.ingress.host }] });
    }
    return { url: spec.ingress.enabled ? `https://${spec.ingress.host}` : 'none' };
  },
);

const workersLoop = kubernetesComposition(
  { name: 'snippet-workers', apiVersion: `${group}/v1alpha1`, kind: 'WorkersSnippet', spec: type({ workers: type({ name: 'string', image: 'string' }).array() }), status: type({ count: 'number' }) },
  (spec) => {
    for (const w of spec.workers) {
      Deployment({ name: `worker-${w.name}`, image: w.image });
    }
    return { count: spec.workers.length };
  },
);

const database = kubernetesComposition(
  { name: 'snippet-database', apiVersion: `${group}/v1alpha1`, kind: 'DatabaseSnippet', spec: type({ name: 'string' }), status: type({ ready: 'boolean', host: 'string' }) },
  (spec) => {
    const db = Deployment({ name: `${spec.name}-db`, image: 'postgres:16' });
    const svc = Service({ name: `${spec.name}-db`, selector: { app: `${spec.name}-db` }, ports: [{ port: 5432 }] });
    return { ready: db.status.readyReplicas > 0, host: svc.metadata.name };
  },
);
const nestedApp = kubernetesComposition(
  { name: 'snippet-nested', apiVersion: `${group}/v1alpha1`, kind: 'NestedSnippet', spec: type({ name: 'string' }), status: type({ ready: 'boolean', databaseHost: 'string' }) },
  (spec) => {
    const data = database({ name: spec.name });
    const app = Deployment({ name: spec.name, image: 'nginx', env: { DB_HOST: data.status.host } });
    return { ready: data.status.ready && app.status.readyReplicas > 0, databaseHost: data.status.host };
  },
);

const envTernary = kubernetesComposition(
  { name: 'snippet-env-ternary', apiVersion: `${group}/v1alpha1`, kind: 'EnvTernarySnippet', spec: WebAppSpec, status: WebAppStatus },
  (spec) => {
    const web = simple.Deployment({ name: spec.name, image: spec.environment === 'prod' ? `${spec.image}:stable` : `${spec.image}:latest`, replicas: spec.environment === 'prod' ? 3 : 1 });
    const svc = simple.Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { ready: web.status.readyReplicas === web.spec.replicas, url: `http://${svc.metadata.name}` };
  },
);

const twoFunctions = toResourceGraph(
  { name: 'snippet-to-resource-graph', apiVersion: `${group}/v1alpha1`, kind: 'ToResourceGraphSnippet', spec: WebAppSpec, status: WebAppStatus },
  (schema) => ({
    deployment: Deployment({ name: schema.spec.name, image: schema.spec.image, replicas: schema.spec.replicas }),
    service: Service({ name: schema.spec.name, selector: { app: schema.spec.name }, ports: [{ port: 80 }] }),
  }),
  (_schema, resources) => ({ ready: resources.deployment.status.readyReplicas > 0, url: `http://${resources.service.metadata.name}` }),
);

/** docs/api/aspects.md: labels on every resource, variables in every container, given at render/factory time. */
const withAspects = kubernetesComposition(
  { name: 'snippet-aspects', apiVersion: `${group}/v1alpha1`, kind: 'AspectsSnippet', spec: WebAppSpec, status: WebAppStatus },
  (spec) => {
    const web = Deployment({ name: spec.name, image: spec.image, replicas: spec.replicas });
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { ready: web.status.readyReplicas > 0, url: `http://${svc.metadata.name}` };
  },
);
const platformAspects: readonly Aspect[] = [withLabels({ team: 'platform' }), withEnvVars({ NODE_ENV: 'production', LOG_LEVEL: 'info' })];

/** Aspect values from the instance: an expression, compiled like any template value. */
const expressionAspects: readonly Aspect[] = [
  withLabels({ 'app.kubernetes.io/instance': Cel.expr<string>('schema.metadata.name') }),
  withAnnotations({ 'example.com/environment': Cel.expr<string>('schema.spec.environment') }),
];

/** simple.HelmChart(name, repository, chart, values) (docs/api/factories, "Helm"). */
const helmChartPositional = kubernetesComposition(
  { name: 'snippet-helm-chart', apiVersion: `${group}/v1alpha1`, kind: 'HelmChartSnippet', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const redis = HelmChart('redis', 'https://charts.bitnami.com/bitnami', 'redis', { architecture: 'replication', replica: { replicaCount: spec.replicas } });
    return { ready: redis.status.observedGeneration > 0 };
  },
);

const helmChartHandle = kubernetesComposition(
  { name: 'snippet-helm-chart-handle', apiVersion: `${group}/v1alpha1`, kind: 'HelmChartHandleSnippet', spec: type({ name: 'string' }), status: type({ revision: 'string' }) },
  (spec) => {
    const podinfoRepo = helmRepository({ name: 'podinfo', url: 'https://stefanprodan.github.io/podinfo' });
    const podinfo = simple.HelmChart(spec.name, podinfoRepo, 'podinfo', { ui: { message: `hello ${spec.name}` } });
    return { revision: podinfo.status.lastAttemptedRevision };
  },
);

/** The original README's `svc.status.clusterIP`, where Kubernetes has it. */
const clusterIp = kubernetesComposition(
  { name: 'snippet-cluster-ip', apiVersion: `${group}/v1alpha1`, kind: 'ClusterIpSnippet', spec: WebAppSpec, status: type({ ready: 'boolean', endpoint: 'string' }) },
  (spec) => {
    const deploy = Deployment({ id: 'app', name: spec.name, image: spec.image, replicas: spec.replicas });
    const svc = Service({ id: 'svc', name: `${spec.name}-svc`, selector: { app: spec.name }, ports: [{ port: 80 }] });
    return { ready: deploy.status.readyReplicas > 0, endpoint: `http://${svc.spec.clusterIP}` };
  },
);

/** Every snippet, by the name of the shape it shows; `aspects` are applied when it is rendered. */
export const snippets: Readonly<Record<string, { composition: Composition<never, unknown>; aspects?: readonly Aspect[] }>> = {
  'quick start (README)': { composition: quickStart as never},
  'Cel.expr': { composition: celExpr as never},
  'Cel.template': { composition: celTemplate as never},
  'Cel.conditional': { composition: celConditional as never},
  'Cel.concat': { composition: celConcat as never},
  'Cel.size': { composition: celSize as never},
  'Cel.min / Cel.max': { composition: celMinMax as never},
  'Cel.string / int / double': { composition: celConversions as never},
  'Cel.default / coalesce / not': { composition: celDefault as never},
  'cel tag': { composition: celTag as never},
  'helmRelease with a repository URL': { composition: helmUrl as never},
  'helmRelease with an OCI URL': { composition: helmOci as never},
  'helmRepository handle': { composition: helmHandle as never},
  'externalRef positional': { composition: externalPositional as never},
  'externalRef object': { composition: externalObject as never},
  createResource: { composition: createResourceSnippet as never},
  'Enhanced<Spec, Status>': { composition: enhancedHelper as never},
  'YamlFile (simple)': { composition: yamlPositional as never},
  'yamlFile({ name, path })': { composition: yamlNamed as never},
  'x.toString()': { composition: toStringSnippet as never},
  'if around a factory': { composition: conditionalIngress as never},
  'for...of over a spec list': { composition: workersLoop as never},
  'nested composition status': { composition: nestedApp as never},
  'ternaries in factory arguments': { composition: envTernary as never},
  'toResourceGraph two-function form': { composition: twoFunctions as never},
  'withLabels / withEnvVars': { composition: withAspects as never, aspects: platformAspects },
  'aspect values from expressions': { composition: withAspects as never, aspects: expressionAspects },
  'HelmChart positional': { composition: helmChartPositional as never },
  'simple.HelmChart with a repository handle': { composition: helmChartHandle as never },
  'service.spec.clusterIP': { composition: clusterIp as never },
};
