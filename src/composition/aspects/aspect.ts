/**
 * Aspects: cross-cutting changes to every resource of a composition (the original TypeKro's `typekro/aspects`),
 * given to a factory (`factory('kro' | 'direct', { aspects })`) or to `toYaml({ aspects })`. Each is data: what
 * to set, and the values, which may be expressions (`Cel.expr`, `Cel.template`) or references. `apply.ts` turns
 * them into a new graph, so both modes and the YAML see the same resources.
 */
import { isExprValue } from '../../ir/value.js';
import { formatLocation, userFrames } from '../../model/call-site.js';
import { hasMarkers, refOf } from '../../model/refs.js';
import { TypeKroError } from '../../util/errors.js';
import { reservedLabelProblem } from '../../util/label-syntax.js';

const ASPECT: unique symbol = Symbol.for('typekro.aspect');

/**
 * What an aspect changes: labels or annotations of every resource, or the environment of every container of a workload.
 *
 * @example
 * import { withEnvVars, type AspectChange } from 'typekro/aspects';
 * const change: AspectChange = withEnvVars({ LOG_LEVEL: 'debug' }).change;
 * change; // => 'env'
 */
export type AspectChange = 'labels' | 'annotations' | 'env';

/**
 * One cross-cutting change, made by {@link withLabels}, {@link withAnnotations} or {@link withEnvVars}: pass it
 * in a factory's `aspects` or to `toYaml({ aspects })`.
 *
 * @example
 * import { withLabels, type Aspect } from 'typekro/aspects';
 * const aspects: Aspect[] = [withLabels({ team: 'platform' })];
 * aspects[0]!.change; // => 'labels'
 */
export interface Aspect {
  readonly [ASPECT]: true;
  readonly change: AspectChange;
  /** The keys and their values (literal text, an expression value or a reference), in the order given. */
  readonly entries: readonly (readonly [string, unknown])[];
}

/**
 * Labels, annotations or environment variables an aspect sets: text, or an expression or reference typed as text
 * (`Cel.expr<string>('schema.spec.team')`).
 *
 * @example
 * import type { AspectValues } from 'typekro/aspects';
 * const labels: AspectValues = { team: 'platform', tier: 'web' };
 * Object.keys(labels).length; // => 2
 */
export type AspectValues = Readonly<Record<string, string>>;

/**
 * The `aspects` option of both factories: applied to the graph when the factory is made, so the RGD, the
 * instance YAML and what direct mode applies all carry them.
 *
 * @example
 * import { withEnvVars, type AspectOptions } from 'typekro/aspects';
 * const options: AspectOptions = { aspects: [withEnvVars({ LOG_LEVEL: 'debug' })] };
 * options.aspects?.length; // => 1
 */
export interface AspectOptions {
  /** Cross-cutting changes to every resource ({@link withLabels}, {@link withAnnotations}, {@link withEnvVars}). */
  readonly aspects?: readonly Aspect[];
}

/** True for an aspect made by this module. */
export function isAspect(value: unknown): value is Aspect {
  return typeof value === 'object' && value !== null && (value as Partial<Aspect>)[ASPECT] === true;
}

/**
 * Adds labels to `metadata.labels` of every resource (external references excepted); a label the resource sets
 * already is overwritten, as the original's `merge` does. Pod templates are not changed (a new pod label would
 * restart the pods).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { withLabels } from 'typekro/aspects';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
 * );
 * app.toYaml({ aspects: [withLabels({ team: 'platform' })] }).includes('team: platform'); // => true
 * ```
 */
export function withLabels(labels: AspectValues): Aspect {
  return aspectOf('labels', 'withLabels', labels, checkLabel, labelValueProblem);
}

/**
 * Adds annotations to `metadata.annotations` of every resource (external references excepted).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { withAnnotations } from 'typekro/aspects';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
 * );
 * app.toYaml({ aspects: [withAnnotations({ 'example.com/owner': 'platform' })] }).includes('example.com/owner: platform'); // => true
 * ```
 */
export function withAnnotations(annotations: AspectValues): Aspect {
  return aspectOf('annotations', 'withAnnotations', annotations, checkAnnotation);
}

/**
 * Sets environment variables on every container of every workload (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob, Pod); a variable a container sets already is replaced, others are kept.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { withEnvVars } from 'typekro/aspects';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: Deployment({ name: spec.name, image: 'nginx' }).metadata.name }),
 * );
 * app.toYaml({ aspects: [withEnvVars({ LOG_LEVEL: 'debug' })] }).includes('name: LOG_LEVEL'); // => true
 * ```
 */
export function withEnvVars(vars: AspectValues): Aspect {
  return aspectOf('env', 'withEnvVars', vars, checkEnvName);
}

function aspectOf(
  change: AspectChange,
  helper: string,
  values: unknown,
  checkKey: (key: string) => string | undefined,
  checkText: (text: string) => string | undefined = () => undefined,
): Aspect {
  if (typeof values !== 'object' || values === null || Array.isArray(values) || refOf(values) || isExprValue(values)) {
    throw new TypeKroError('DEFINITION_INVALID', `${callSite()}${helper}(...) takes an object of names and values, e.g. ${helper}({ team: 'platform' })`);
  }
  const entries = Object.entries(values).map(([key, value]) => {
    const problem = checkKey(key) ?? valueProblem(value) ?? (typeof value === 'string' ? checkText(value) : undefined);
    if (problem) throw new TypeKroError('DEFINITION_INVALID', `${callSite()}${helper}(...): "${key}" ${problem}`);
    return Object.freeze([key, value as unknown] as const);
  });
  return Object.freeze({ [ASPECT]: true as const, change, entries: Object.freeze(entries) });
}

/** `file:line:col: ` of the user's call of the aspect maker (the first frame outside TypeKro), read only to report a refusal. */
function callSite(): string {
  const location = userFrames()[0];
  return location ? `${formatLocation(location)}: ` : '';
}

/** A value is text, an expression or a reference; a template literal over references has no meaning outside a composition. */
function valueProblem(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return hasMarkers(value) ? 'is a template literal over references, which only a composition function can compile; write it with Cel.template(...)' : undefined;
  }
  if (isExprValue(value) || refOf(value)) return undefined;
  return `must be text, a Cel expression or a reference, got ${value === null ? 'null' : typeof value}`;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes' qualified names: `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 characters. */
function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) return 'has a prefix that is not a DNS subdomain (e.g. example.com/team)';
  if (name.length > 63 || !NAME.test(name)) return 'is not a valid key: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  return undefined;
}

/**
 * A label key Kubernetes refuses, or one TypeKro and KRO set on every object themselves (the value written would
 * be replaced): refused here, at the `withLabels(...)` call, rather than on the first resource it reaches.
 */
function checkLabel(key: string): string | undefined {
  const reserved = reservedLabelProblem(key);
  if (reserved) return `${reserved}; leave it out, or use a label of your own (e.g. "example.com/${key.slice(key.indexOf('/') + 1)}")`;
  return qualifiedNameProblem(key);
}

function checkAnnotation(key: string): string | undefined {
  return qualifiedNameProblem(key);
}

function checkEnvName(key: string): string | undefined {
  return key === '' || key.includes('=') ? 'is not an environment variable name (non-empty, without "=")' : undefined;
}

/** Kubernetes label values: at most 63 characters of letters, digits, `-`, `_`, `.`, starting and ending alphanumeric. */
function labelValueProblem(value: string): string | undefined {
  return value === '' || (value.length <= 63 && NAME.test(value)) ? undefined : 'is not a valid label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}
