/**
 * Simple workload factories: the common case in a few fields. Each sets the label `app: <name>` on the
 * object, its selector and pod template, and runs one container named after the resource.
 */
import type {
  V1Container, V1ContainerPort, V1CronJob, V1DaemonSet, V1Deployment, V1EnvFromSource, V1Job,
  V1PersistentVolumeClaim, V1ResourceRequirements, V1StatefulSet, V1Volume, V1VolumeMount,
} from '@kubernetes/client-node';
import { defineFactory, type FactoryOptions } from '../factory.js';
import { E } from '../../ir/expr.js';
import { describeValue, isRef } from '../refs.js';
import type { Input } from '../types.js';
import { isComputed, reshapeBranches, resourceNamed } from './computed.js';
import { formatLocation, userFrames } from '../call-site.js';
import { copyOfLabels, labelsOf, metadataOf, selectorApp, type Labels } from './metadata.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * What `Container` takes.
 *
 * @example
 * import type { ContainerConfig } from 'typekro/simple';
 * const config: ContainerConfig = { name: 'web', image: 'nginx', env: { MODE: 'prod' } };
 * config.image; // => 'nginx'
 */
export interface ContainerConfig extends FactoryOptions {
  readonly name: string;
  readonly image: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: Record<string, string>;
  readonly envFrom?: Input<V1EnvFromSource>[];
  readonly ports?: Input<V1ContainerPort>[];
  readonly resources?: Input<V1ResourceRequirements>;
  readonly volumeMounts?: Input<V1VolumeMount>[];
  readonly volumes?: Input<V1Volume>[];
}

/** The env map as the `{ name, value }` list a container takes, in the order written. */
function envOf(config: ContainerConfig, factory: string): unknown {
  if (isRef(config.env)) {
    // The list's order would be the map's, which KRO does not keep (Go map order): no CEL gives JavaScript's.
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${formatLocation(userFrames()[0])}: ${resourceNamed(factory, config.name)}: env is the whole map ${describeValue(config.env)}, which the factory turns into a list of { name, value } in JavaScript, in the map's order; KRO does not keep the order of a map, so no CEL gives the same list. ` +
        `Name each variable (env: { LOG_LEVEL: spec.logLevel }), or write the container's env list yourself with the low-level factory ${factory.charAt(0).toLowerCase()}${factory.slice(1)}(...)`,
    );
  }
  if (isComputed(config.env)) {
    return reshapeBranches(
      config.env,
      (entries) => E.list(entries.map((entry) => E.map([{ key: E.str('name'), value: entry.key }, { key: E.str('value'), value: entry.value }]))),
      { factory, name: config.name, field: 'env', what: 'turns the map into a list of { name, value }', fix: "choose each variable's value instead: env: { A: spec.debug ? 'x' : 'y' }" },
    );
  }
  return Object.entries(config.env ?? {}).map(([name, value]) => ({ name, value }));
}

function container(config: ContainerConfig, factory: string): Input<V1Container> {
  return {
    name: config.name,
    image: config.image,
    ...(config.command ? { command: config.command } : {}),
    ...(config.args ? { args: config.args } : {}),
    ...(config.env ? { env: envOf(config, factory) as Input<V1Container>['env'] } : {}),
    ...(config.envFrom ? { envFrom: config.envFrom } : {}),
    ...(config.ports ? { ports: config.ports } : {}),
    ...(config.resources ? { resources: config.resources } : {}),
    ...(config.volumeMounts ? { volumeMounts: config.volumeMounts } : {}),
  };
}

/** A workload's pod template; `labels` are the workload's own ({@link labelsOf}), computed once for both. */
function podTemplate(config: ContainerConfig, factory: string, labels: Labels, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { labels: copyOfLabels(labels) },
    spec: { containers: [container(config, factory)], ...(config.volumes ? { volumes: config.volumes } : {}), ...extra },
  };
}

/**
 * What `Deployment` takes.
 *
 * @example
 * import type { DeploymentConfig } from 'typekro/simple';
 * const config: DeploymentConfig = { name: 'web', image: 'nginx', replicas: 3 };
 * config.replicas; // => 3
 */
export interface DeploymentConfig extends ContainerConfig {
  /**
   * Left out of the manifest when not given, so the API server's default (1) applies and no field manager
   * owns it: an autoscaler (`Hpa`) or `kubectl scale` can change it without TypeKro or KRO setting it back.
   * `0` stays 0.
   */
  readonly replicas?: number;
}

/**
 * A Deployment running one container.
 *
 * The selector is `matchLabels: { app: <the app label> }`, nothing else: the pods carry the workload's labels
 * (`labels` merged over `app: <name>`), and the selector picks them by `app` alone. So `labels: { tier: 'web' }`
 * adds a label to the object and its pods but leaves the selector as it was; `labels: { app: 'shop' }` changes
 * the `app` label and the selector with it. Kubernetes never lets a selector change once the object exists:
 * changing the `app` label of a deployed workload is refused by the API server (`spec.selector` is immutable;
 * delete the workload first, or give it a new `name`). Two workloads with the same `app` in a namespace
 * select each other's pods: give each its own name or `app`.
 * The simple factory takes no selector of its own; for one (`matchExpressions`, several labels), use the
 * low-level factory from `typekro`, which writes the manifest as given:
 * `deployment({ metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web', tier: 'front' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } }, ... } } })`.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Deployment = defineFactory<DeploymentConfig, V1Deployment>(
  'Deployment',
  { apiVersion: 'apps/v1', kind: 'Deployment', modelName: 'V1Deployment' },
  (config) => {
    const labels = labelsOf(config, 'Deployment');
    return {
      metadata: metadataOf(config, 'Deployment', labels),
      spec: { ...replicasOf(config), selector: { matchLabels: { app: selectorApp(labels) } }, template: podTemplate(config, 'Deployment', labels) },
    };
  },
);

/**
 * What `StatefulSet` takes.
 *
 * @example
 * import type { StatefulSetConfig } from 'typekro/simple';
 * const config: StatefulSetConfig = { name: 'db', image: 'postgres', serviceName: 'db' };
 * config.serviceName; // => 'db'
 */
export interface StatefulSetConfig extends DeploymentConfig {
  readonly serviceName: string;
  readonly volumeClaimTemplates?: Input<V1PersistentVolumeClaim>[];
}

/**
 * A StatefulSet running one container.
 *
 * The selector is `matchLabels: { app: <the app label> }`, nothing else: the pods carry the workload's labels
 * (`labels` merged over `app: <name>`), and the selector picks them by `app` alone. So `labels: { tier: 'web' }`
 * adds a label to the object and its pods but leaves the selector as it was; `labels: { app: 'shop' }` changes
 * the `app` label and the selector with it. Kubernetes never lets a selector change once the object exists:
 * changing the `app` label of a deployed workload is refused by the API server (`spec.selector` is immutable;
 * delete the workload first, or give it a new `name`). Two workloads with the same `app` in a namespace
 * select each other's pods: give each its own name or `app`.
 * The simple factory takes no selector of its own; for one (`matchExpressions`, several labels), use the
 * low-level factory from `typekro`, which writes the manifest as given:
 * `statefulSet({ metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web', tier: 'front' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } }, ... } } })`.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { StatefulSet } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = StatefulSet({ name: 'db', image: 'postgres', serviceName: 'db' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const StatefulSet = defineFactory<StatefulSetConfig, V1StatefulSet>(
  'StatefulSet',
  { apiVersion: 'apps/v1', kind: 'StatefulSet', modelName: 'V1StatefulSet' },
  (config) => {
    const labels = labelsOf(config, 'StatefulSet');
    return {
      metadata: metadataOf(config, 'StatefulSet', labels),
      spec: {
        ...replicasOf(config),
        serviceName: config.serviceName,
        selector: { matchLabels: { app: selectorApp(labels) } },
        template: podTemplate(config, 'StatefulSet', labels),
        ...(config.volumeClaimTemplates ? { volumeClaimTemplates: config.volumeClaimTemplates } : {}),
      },
    };
  },
);

/**
 * A DaemonSet running one container on every node.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { DaemonSet } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = DaemonSet({ name: 'agent', image: 'busybox' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const DaemonSet = defineFactory<ContainerConfig, V1DaemonSet>(
  'DaemonSet',
  { apiVersion: 'apps/v1', kind: 'DaemonSet', modelName: 'V1DaemonSet' },
  (config) => {
    const labels = labelsOf(config, 'DaemonSet');
    return { metadata: metadataOf(config, 'DaemonSet', labels), spec: { selector: { matchLabels: { app: selectorApp(labels) } }, template: podTemplate(config, 'DaemonSet', labels) } };
  },
);

/**
 * What `Job` takes.
 *
 * @example
 * import type { JobConfig } from 'typekro/simple';
 * const config: JobConfig = { name: 'migrate', image: 'migrate:1' };
 * config.name; // => 'migrate'
 */
export interface JobConfig extends ContainerConfig {
  readonly completions?: number;
  readonly backoffLimit?: number;
  readonly restartPolicy?: 'OnFailure' | 'Never';
}

function jobSpec(config: JobConfig, factory: string, labels: Labels): Record<string, unknown> {
  return {
    ...(config.completions !== undefined ? { completions: config.completions } : {}),
    ...(config.backoffLimit !== undefined ? { backoffLimit: config.backoffLimit } : {}),
    template: podTemplate(config, factory, labels, { restartPolicy: config.restartPolicy ?? 'OnFailure' }),
  };
}

/**
 * A Job running one container to completion.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Job } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = Job({ name: 'migrate', image: 'app', command: ['migrate'] });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const Job = defineFactory<JobConfig, V1Job>(
  'Job',
  { apiVersion: 'batch/v1', kind: 'Job', modelName: 'V1Job' },
  (config) => {
    const labels = labelsOf(config, 'Job');
    return { metadata: metadataOf(config, 'Job', labels), spec: jobSpec(config, 'Job', labels) };
  },
);

/**
 * What `CronJob` takes.
 *
 * @example
 * import type { CronJobConfig } from 'typekro/simple';
 * const config: CronJobConfig = { name: 'backup', image: 'backup:1', schedule: '0 3 * * *' };
 * config.schedule; // => '0 3 * * *'
 */
export interface CronJobConfig extends JobConfig {
  readonly schedule: string;
}

/**
 * A CronJob.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { CronJob } from 'typekro/simple';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = CronJob({ name: 'backup', image: 'backup', schedule: '0 3 * * *' });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const CronJob = defineFactory<CronJobConfig, V1CronJob>(
  'CronJob',
  { apiVersion: 'batch/v1', kind: 'CronJob', modelName: 'V1CronJob' },
  (config) => {
    const labels = labelsOf(config, 'CronJob');
    return { metadata: metadataOf(config, 'CronJob', labels), spec: { schedule: config.schedule, jobTemplate: { spec: jobSpec(config, 'CronJob', labels) } } };
  },
);

/** `replicas` only when given: a value we send is a value we own, and KRO would reset an autoscaler's count to it. */
function replicasOf(config: DeploymentConfig): { replicas?: number } {
  return config.replicas === undefined ? {} : { replicas: config.replicas };
}
