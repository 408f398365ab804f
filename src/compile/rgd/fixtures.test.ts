// Shared fixtures (named *.test.ts so builds exclude them); holds no tests itself.
/** Hand-built graphs shared by the compiler tests (golden files and validation tables). */
import { type } from 'arktype';
import { E, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprValue, type ExprValue } from '../../ir/value.js';
import { arktypeToSchema } from '../../model/schema/arktype.js';

export const ref = (root: string, ...fields: string[]): ExprValue => exprValue(E.path(root, ...fields));
export const spec = (...fields: string[]): Expr => E.path('schema', 'spec', ...fields);

/** A resource with every list empty; override what the test needs. */
export function resource(id: string, overrides: Partial<ResourceNode> = {}): ResourceNode {
  return {
    id,
    apiVersion: 'v1',
    kind: 'ConfigMap',
    template: { metadata: { name: `${id.toLowerCase()}-cm` } },
    readyWhen: [],
    includeWhen: [],
    forEach: [],
    dependsOn: [],
    ...overrides,
  };
}

export function graph(overrides: Partial<CompositionGraph> = {}): CompositionGraph {
  return {
    name: 'test-app',
    version: 'v1alpha1',
    group: 'kro.run',
    kind: 'TestApp',
    scope: 'Namespaced',
    spec: arktypeToSchema(type({ name: 'string' }), { name: 'spec' }),
    status: {},
    resources: [],
    ...overrides,
  };
}

const appName = exprValue(spec('name'));
const labels = { app: appName };

/** Deployment + Service, nested spec struct, arrays of structs, status with expression and literal leaves. */
export function webApp(): CompositionGraph {
  const deployment = resource('deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    readyWhen: [E.binary('==', E.call('orValue', [E.int(0)], E.select(E.path('deployment', 'status'), 'readyReplicas', true)), E.path('deployment', 'spec', 'replicas'))],
    template: {
      metadata: { name: appName, labels },
      spec: {
        replicas: exprValue(spec('replicas')),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image: exprValue(E.template([spec('image'), ':', spec('tag')])),
                env: [{ name: 'GREETING', value: 'echo ${HOME} is home' }],
                args: ['--config', 'line one\nline two\n'],
              },
            ],
          },
        },
      },
    },
  });
  const service = resource('service', {
    kind: 'Service',
    template: {
      metadata: { name: exprValue(E.template([spec('name'), '-svc'])) },
      spec: { selector: ref('deployment', 'spec', 'selector', 'matchLabels'), ports: [{ port: 80, targetPort: 8080 }] },
    },
  });
  return graph({
    name: 'web-app',
    kind: 'WebApp',
    group: 'example.com',
    shortNames: ['wa', 'webapp'],
    categories: ['example-apps'],
    annotations: { 'kro.run/allow-breaking-changes': 'true' },
    spec: arktypeToSchema(
      type({
        name: type('string').describe('Application name'),
        image: 'string',
        tag: 'string = "latest"',
        replicas: '1 <= number.integer <= 10',
        'mode?': "'debug'|'info'",
        database: { host: 'string', port: 'number.integer = 5432' },
        'ports?': type({ name: 'string', port: 'number.integer' }).array(),
        'labels?': 'Record<string, string>',
      }),
      { name: 'spec' },
    ),
    status: {
      ready: exprValue(E.binary('>', E.call('orValue', [E.int(0)], E.select(E.path('deployment', 'status'), 'readyReplicas', true)), E.int(0))),
      url: exprValue(E.template(['http://', E.path('service', 'metadata', 'name'), ':80'])),
      apiVersion: 'v1',
      nested: { port: 80, ratio: 0.5, enabled: true, empty: {}, missing: null },
      endpoints: [exprValue(E.path('service', 'spec', 'clusterIP')), 'fallback'],
    },
    resources: [deployment, service],
  });
}

/** includeWhen on the spec and on another resource. */
export function conditional(): CompositionGraph {
  return graph({
    spec: arktypeToSchema(type({ name: 'string', ingress: { enabled: 'boolean = false', 'host?': 'string' } }), { name: 'spec' }),
    resources: [
      resource('config'),
      resource('ingress', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        includeWhen: [spec('ingress', 'enabled'), E.binary('!=', E.path('config', 'metadata', 'name'), E.str(''))],
        template: { metadata: { name: appName }, spec: { rules: [{ host: exprValue(E.call('orValue', [E.str('example.com')], E.select(spec('ingress'), 'host', true))) }] } },
      }),
    ],
    status: { ingressEnabled: exprValue(spec('ingress', 'enabled')) },
  });
}

/** A forEach collection with an `each` readiness condition, ordered before a consumer. */
export function collection(): CompositionGraph {
  const worker = resource('workers', {
    forEach: [{ name: 'worker', source: spec('workers') }],
    readyWhen: [E.call('has', [E.path('each', 'data')])],
    template: { metadata: { name: exprValue(E.template([spec('name'), '-', E.ident('worker')])) }, data: { worker: exprValue(E.ident('worker')) } },
  });
  const summary = resource('summary', {
    template: { metadata: { name: 'summary' }, data: { count: exprValue(E.call('string', [E.call('size', [E.ident('workers')])])) } },
  });
  return graph({
    spec: arktypeToSchema(type({ name: 'string', workers: type('string[]').atLeastLength(1) }), { name: 'spec' }),
    resources: [summary, worker],
  });
}

/** An external reference read by a template, plus an explicit dependsOn, on a cluster-scoped kind. */
export function external(): CompositionGraph {
  return graph({
    scope: 'Cluster',
    spec: arktypeToSchema(type({ name: 'string', configName: 'string', 'namespace?': 'string' }), { name: 'spec' }),
    resources: [
      resource('settings', { externalRef: { apiVersion: 'v1', kind: 'ConfigMap', name: exprValue(spec('configName')), namespace: 'platform' }, template: undefined }),
      resource('copy', {
        template: { metadata: { name: appName, namespace: 'default' }, data: ref('settings', 'data') },
        dependsOn: ['audit'],
      }),
      // names its namespace: the instance of a cluster-scoped kind has none to give it (KRO requires it)
      resource('audit', { template: { metadata: { name: 'audit-cm', namespace: 'default' } } }),
    ],
    status: { source: exprValue(E.path('settings', 'metadata', 'uid')) },
  });
}
