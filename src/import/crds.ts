/**
 * CustomResourceDefinitions out of YAML documents: every document is parsed, CRDs are kept, and anything
 * that claims to be a CRD but is not usable is an error naming its file and document.
 */
import { parseAllDocuments } from 'yaml';
import type { CrdSchema } from '../model/crd.js';
import { ImportError } from './errors.js';

/**
 * A YAML text and where it came from (a path, a URL, `module@version/path`), for messages.
 *
 * @example
 * import type { SourceDocument } from 'typekro/import';
 * const doc: SourceDocument = { origin: 'crds/cache.yaml', text: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n' };
 * doc.origin; // => 'crds/cache.yaml'
 */
export interface SourceDocument {
  readonly origin: string;
  readonly text: string;
  /** Objects read already (from a cluster), instead of `text`. */
  readonly objects?: readonly unknown[];
}

/**
 * One served version of a CRD.
 *
 * @example
 * import type { CrdVersion, ImportResult } from 'typekro/import';
 * const served = (result: ImportResult): CrdVersion[] => result.crds.flatMap((crd) => crd.versions.filter((v) => !v.deprecated));
 * typeof served; // => 'function'
 */
export interface CrdVersion {
  readonly name: string;
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly schema: CrdSchema;
  readonly subresources?: Readonly<Record<string, unknown>>;
}

/**
 * What the generator needs of a CRD.
 *
 * @example
 * import type { Crd } from 'typekro/import';
 * const describe = (crd: Crd): string => `${crd.kind}.${crd.group} (${crd.scope}, ${crd.versions.length} versions)`;
 * typeof describe; // => 'function'
 */
export interface Crd {
  readonly origin: string;
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: readonly CrdVersion[];
  /** `app.kubernetes.io/version` or a similar label, when the CRD carries one. */
  readonly version?: string;
  /** The `api-approved.kubernetes.io` annotation (required for `*.k8s.io` groups), when present. */
  readonly apiApproved?: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The CRDs of the documents; other kinds are skipped. Throws when a CRD is malformed or a file does not parse. */
export function crdsOf(documents: readonly SourceDocument[]): Crd[] {
  const crds: Crd[] = [];
  for (const document of documents) {
    if (document.objects) {
      document.objects.forEach((object, index) => {
        if (isObject(object) && object.kind === 'CustomResourceDefinition') crds.push(readCrd(object, `${document.origin} (item ${index + 1})`));
      });
      continue;
    }
    const parsed = parseAllDocuments(document.text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        throw new ImportError(`${document.origin}: document ${index + 1} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
      }
      const value: unknown = doc.toJS();
      for (const item of expandList(value)) {
        if (isObject(item) && item.kind === 'CustomResourceDefinition') crds.push(readCrd(item, `${document.origin} (document ${index + 1})`));
      }
    });
  }
  return crds;
}

function expandList(value: unknown): unknown[] {
  if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) return value.items;
  return [value];
}

function readCrd(object: Json, where: string): Crd {
  if (object.apiVersion !== 'apiextensions.k8s.io/v1') {
    throw new ImportError(`${where}: CustomResourceDefinition has apiVersion "${String(object.apiVersion)}"; only apiextensions.k8s.io/v1 is supported (convert it with kubectl convert, or take the CRD from a newer release)`);
  }
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const spec = isObject(object.spec) ? object.spec : undefined;
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  const at = `${where}: CustomResourceDefinition ${name}`;
  if (!spec) throw new ImportError(`${at} has no spec`);
  const names = isObject(spec.names) ? spec.names : {};
  const group = text(spec.group, `${at}: spec.group`);
  const kind = text(names.kind, `${at}: spec.names.kind`);
  const plural = text(names.plural, `${at}: spec.names.plural`);
  const scope = spec.scope === 'Cluster' ? 'Cluster' : spec.scope === 'Namespaced' ? 'Namespaced' : undefined;
  if (!scope) throw new ImportError(`${at}: spec.scope must be Namespaced or Cluster, was ${JSON.stringify(spec.scope)}`);
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) throw new ImportError(`${at}: spec.versions is empty`);
  const versions = spec.versions.filter((v): v is Json => isObject(v) && v.served !== false).map((v, i) => readVersion(v, `${at}: spec.versions[${i}]`));
  if (versions.length === 0) throw new ImportError(`${at}: no version is served`);
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  const version = [labels['app.kubernetes.io/version'], labels['helm.sh/chart']].find((v): v is string => typeof v === 'string');
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const approved = annotations['api-approved.kubernetes.io'];
  return { origin: where, name, group, kind, plural, scope, versions, ...(version ? { version } : {}), ...(typeof approved === 'string' ? { apiApproved: approved } : {}) };
}

function readVersion(version: Json, at: string): CrdVersion {
  const name = text(version.name, `${at}.name`);
  const validation = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
  if (!isObject(validation)) throw new ImportError(`${at} (${name}): schema.openAPIV3Schema is missing; TypeKro needs the structural schema to type the kind`);
  return {
    name,
    storage: version.storage === true,
    deprecated: version.deprecated === true,
    schema: validation as CrdSchema,
    ...(isObject(version.subresources) ? { subresources: version.subresources } : {}),
  };
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new ImportError(`${what} must be a non-empty string, was ${JSON.stringify(value)}`);
  return value;
}
