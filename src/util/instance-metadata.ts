/**
 * The instance's labels and annotations, the same in both modes. The user gives them at deploy time
 * (`deploy(spec, { labels, annotations })`); kro mode puts them on the instance object, direct mode binds
 * them as `schema.metadata.labels` / `annotations` (and keeps them in the instance record). KRO v0.9.4 adds
 * its own to the instance (read live, and in kubernetes-sigs/kro `pkg/metadata/labels.go`,
 * `pkg/controller/instance/applyset`): the labels `kro.run/owned`, `kro.run/kro-version`,
 * `kro.run/resource-graph-definition-id`, `kro.run/resource-graph-definition-name` and
 * `applyset.kubernetes.io/id`; the annotations `applyset.kubernetes.io/tooling`, `…/contains-group-kinds`,
 * `…/additional-namespaces` and `internal.kro.run/applyset-inventory-hash`. Direct mode has none of these
 * (some are the RGD's uid or KRO's inventory hash), and KRO adds the annotations only once it applies, so
 * keys of those domains are refused, in reads (composition/instance-metadata-reads.ts) and as input.
 */
import { TypeKroError } from './errors.js';
import { labelValueProblem, qualifiedNameProblem } from './label-syntax.js';

/** Key prefixes (the part before `/`) whose labels and annotations on the instance are KRO's. */
export const KRO_INSTANCE_DOMAINS: readonly string[] = ['kro.run', 'applyset.kubernetes.io'];

/**
 * True when `key` is in a domain KRO writes on the instance: `kro.run/…`, `*.kro.run/…` (as
 * `internal.kro.run/…`) or `applyset.kubernetes.io/…`.
 *
 * @example
 * ```ts
 * isKroInstanceKey('kro.run/owned'); // => true
 * isKroInstanceKey('internal.kro.run/applyset-inventory-hash'); // => true
 * isKroInstanceKey('team'); // => false
 * ```
 */
export function isKroInstanceKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  return KRO_INSTANCE_DOMAINS.some((domain) => prefix === domain || prefix.endsWith(`.${domain}`));
}

/**
 * The annotation kro mode's deploy writes on the instance: the ResourceGraphDefinition generation KRO last
 * reconciled the instance with, as TypeKro saw it Ready (runtime/kro/relabel.ts). Direct mode has no such
 * annotation, so it is refused as input and in reads, as KRO's own keys are.
 */
export const GRAPH_REVISION_ANNOTATION = 'typekro.dev/graph-revision';

/** Why a read or a deploy may not use the annotation `key` of the instance: kro mode's deploy writes it. */
export function deployOwnedAnnotation(key: string): string | undefined {
  return key === GRAPH_REVISION_ANNOTATION
    ? `kro mode's deploy writes it on the instance (the ResourceGraphDefinition generation KRO last reconciled the instance with) and direct mode does not have it`
    : undefined;
}

/** What a deploy may give the instance: its labels and annotations. */
export interface InstanceMetadataInput {
  /** Labels of the instance (Kubernetes label syntax); read as `instance.metadata.labels.<key>` in both modes. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the instance (keys in label-key syntax, any text as value); `instance.metadata.annotations.<key>`. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The labels and annotations of `input`, checked, as plain objects with sorted keys. */
export interface InstanceMetadataValues {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Checks a deploy's `labels` and `annotations` (the same in both modes) and returns them as plain objects:
 * label keys and annotation keys are qualified names, label values label values, annotation values text,
 * and no key is in a domain KRO writes on the instance. Throws a USAGE TypeKroError naming the key.
 *
 * @example
 * ```ts
 * checkedInstanceMetadata({ labels: { team: 'platform' } }); // => { labels: { team: 'platform' }, annotations: {} }
 * checkedInstanceMetadata({ labels: { team: 'a b' } }); // throws: label "team": the value "a b" is not a label value: ...
 * ```
 */
export function checkedInstanceMetadata(input: InstanceMetadataInput): InstanceMetadataValues {
  return { labels: checkedMap('label', input.labels), annotations: checkedMap('annotation', input.annotations) };
}

function checkedMap(what: 'label' | 'annotation', map: unknown): Record<string, string> {
  if (map === undefined) return {};
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new TypeKroError('USAGE', `${what}s must be an object of ${what} keys to text values, e.g. { team: 'platform' }`);
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) {
    const value = (map as Record<string, unknown>)[key];
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) throw new TypeKroError('USAGE', `${what} key ${JSON.stringify(key)} is not a Kubernetes ${what} key: it ${keyProblem}`);
    if (isKroInstanceKey(key)) {
      throw new TypeKroError('USAGE', `${what} ${JSON.stringify(key)}: keys under ${KRO_INSTANCE_DOMAINS.map((d) => `${d}/`).join(' and ')} (and their subdomains) are KRO's own on the instance; use a key of your own domain`);
    }
    const owned = what === 'annotation' ? deployOwnedAnnotation(key) : undefined;
    if (owned) throw new TypeKroError('USAGE', `annotation ${JSON.stringify(key)}: ${owned}; use a key of your own domain`);
    if (typeof value !== 'string') throw new TypeKroError('USAGE', `${what} ${JSON.stringify(key)}: the value must be text, not ${value === null ? 'null' : typeof value}`);
    const valueProblem = what === 'label' ? labelValueProblem(value) : undefined;
    if (valueProblem) throw new TypeKroError('USAGE', `label ${JSON.stringify(key)}: the value ${JSON.stringify(value)} is not a label value: it ${valueProblem}`);
    out[key] = value;
  }
  return out;
}
