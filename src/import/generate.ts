/**
 * CRDs → per kind and served version, the spec/status types (json-schema-to-typescript) and a factory made by
 * `crdFactory` carrying the structural schema as data (which types status references for the CEL compiler).
 * Output is sorted and laid out (layout.ts), so the same CRDs give the same bytes; write.ts lays it out as
 * one module or as a directory of one file per kind.
 */
import { compile } from 'json-schema-to-typescript';
import type { CrdKind, CrdSchema } from '../model/crd.js';
import type { Crd, CrdVersion } from './crds.js';
import { indentDeclarations } from './layout.js';
import { compareText } from './order.js';
import { rootSchema } from './schema-ts.js';

/**
 * What the header of a generated module says.
 *
 * @example
 * import type { ModuleHeader } from 'typekro/import';
 * const header: ModuleHeader = { source: 'github.com/cert-manager/cert-manager@v1.21.2/deploy/crds', version: 'v1.21.2', command: 'typekro import github.com/cert-manager/cert-manager@v1.21.2/deploy/crds' };
 * header.version; // => 'v1.21.2'
 */
export interface ModuleHeader {
  /** The source as given (`github.com/cert-manager/cert-manager@v1.21.2/deploy/crds`, a path, a URL). */
  readonly source: string;
  /** The source's version (a module version, a chart version), or what the CRDs say of theirs. */
  readonly version?: string;
  /** The command that regenerates the module. */
  readonly command: string;
}

/**
 * Options of the generator.
 *
 * @example
 * import type { GenerateOptions } from 'typekro/import';
 * const options: GenerateOptions = { typekroImport: 'typekro', prefix: 'iam' };
 * options.prefix; // => 'iam'
 */
export interface GenerateOptions {
  /** The module specifier the generated code imports TypeKro from; default `typekro`. */
  readonly typekroImport?: string;
  /**
   * A prefix for every factory and type name (`iam` → `iamRole`, `IamRole`): for kinds whose plain names
   * are common words or TypeKro's own factories (`role` is RBAC's Role).
   */
  readonly prefix?: string;
}

/** One factory to write: a kind at one served version. */
export interface PlannedKind {
  readonly crd: Crd;
  readonly version: CrdVersion;
  readonly typeName: string;
  readonly factoryName: string;
}

const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await']);
const pascal = (text: string): string => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());
/**
 * `Certificate` → `certificate`, `DNSEndpoint` → `dnsEndpoint`, `IAMRoleSelector` → `iamRoleSelector`: a leading
 * acronym is lowered whole; a one-letter one with its word (`OAuth2Client` → `oauth2Client`, not `oAuth2Client`).
 */
const lowerFirst = (text: string): string => {
  const acronym = /^[A-Z](?=[A-Z][a-z])[A-Z][a-z]*/.exec(text)?.[0] ?? /^[A-Z]+(?=[A-Z][a-z])/.exec(text)?.[0] ?? /^[A-Z]+(?=[0-9]|$)/.exec(text)?.[0];
  return acronym ? acronym.toLowerCase() + text.slice(acronym.length) : text.charAt(0).toLowerCase() + text.slice(1);
};
/** `WidgetV1alpha1` → `WidgetV1Alpha1`: json-schema-to-typescript capitalises a letter after a digit, so type names follow it. */
const typeNameOf = (version: string): string => pascal(version).replace(/([0-9])([a-z])/g, (_m, digit: string, c: string) => `${digit}${c.toUpperCase()}`);

/** The primary version of a CRD gets the plain names (`Certificate`, `certificate`); the others a version suffix. */
function primaryVersion(crd: Crd): CrdVersion {
  return crd.versions.find((v) => v.storage) ?? crd.versions[crd.versions.length - 1]!;
}

/**
 * The kinds in output order (by group, kind, version) with their names. Two CRDs of the same kind in
 * different groups are told apart by the group's first label (`Cluster` → `PostgresqlCnpgIoCluster` is
 * avoided: `CnpgCluster`).
 */
export function planKinds(crds: readonly Crd[], namePrefix = ''): PlannedKind[] {
  const sorted = [...crds].sort((a, b) => compareText(a.group, b.group) || compareText(a.kind, b.kind));
  const kindCount = new Map<string, number>();
  for (const crd of sorted) kindCount.set(crd.kind, (kindCount.get(crd.kind) ?? 0) + 1);
  const planned: PlannedKind[] = [];
  for (const crd of sorted) {
    const prefix = pascal(namePrefix) + ((kindCount.get(crd.kind) ?? 0) > 1 ? pascal(crd.group.split('.')[0]!) : '');
    const primary = primaryVersion(crd);
    for (const version of [...crd.versions].sort((a, b) => compareText(a.name, b.name))) {
      const typeName = typeNameOf(`${prefix}${pascal(crd.kind)}${version === primary ? '' : pascal(version.name)}`);
      let factoryName = lowerFirst(`${prefix}${pascal(crd.kind)}${version === primary ? '' : pascal(version.name)}`);
      if (RESERVED.has(factoryName)) factoryName = `${factoryName}Resource`;
      planned.push({ crd, version, typeName, factoryName });
    }
  }
  return planned;
}

/** The schema without descriptions: the data a factory carries (descriptions live in the TSDoc of the types). */
export function stripDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripDescriptions);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema).sort()) {
    if (key === 'description') continue;
    const value = (schema as Record<string, unknown>)[key];
    // Under `properties` every key is a field name, never the `description` keyword.
    out[key] = key === 'properties' && typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => compareText(a, b)).map(([name, field]) => [name, stripDescriptions(field)]))
      : stripDescriptions(value);
  }
  return out;
}

/** A top-level type declaration json-schema-to-typescript wrote (its TSDoc included), and the name it declares. */
export interface Declaration {
  readonly name: string;
  readonly text: string;
}

/** What the generator makes of one kind at one version; the writers (write.ts) lay these out as files. */
export interface GeneratedKind {
  readonly kind: PlannedKind;
  /** The root type first, then every named nested object type in json-schema-to-typescript's order. */
  readonly declarations: readonly Declaration[];
  /** The structural schema without descriptions, escaped for a template literal: `JSON.parse(\`...\`)`. */
  readonly schemaData: string;
  /** The name of the schema constant the factory reads (`certificateSchema`). */
  readonly schemaConst: string;
  /** The factory declaration, with its TSDoc. */
  readonly factory: string;
}

function factoryDoc(kind: PlannedKind): string {
  const { crd, version } = kind;
  const apiVersion = `${crd.group}/${version.name}`;
  const lines = [
    `\`${apiVersion}\` ${crd.kind} (${crd.scope === 'Namespaced' ? 'namespaced' : 'cluster-scoped'}${version.deprecated ? ', deprecated' : ''}), from CRD ${crd.name}.`,
    'Ready: condition `Ready`=True for the current generation (the custom-kind rule); `.withReadyWhen(...)` overrides it.',
    `Call it in a composition: \`${kind.factoryName}({ name: '...', ${crd.scope === 'Namespaced' ? "namespace: '...', " : ''}spec: { ... } })\`.`,
  ];
  return `/**\n${lines.map((line) => (line ? ` * ${line}` : ' *')).join('\n')}\n */`;
}

function factoryCode(kind: PlannedKind, schemaConst: string): string {
  const definition: Omit<CrdKind, 'schema'> = {
    group: kind.crd.group,
    version: kind.version.name,
    kind: kind.crd.kind,
    plural: kind.crd.plural,
    scope: kind.crd.scope,
    factoryName: kind.factoryName,
    storage: kind.version.storage,
    ...(kind.version.subresources ? { subresources: kind.version.subresources } : {}),
    ...(kind.crd.apiApproved ? { apiApproved: kind.crd.apiApproved } : {}),
  };
  const fields = Object.entries(definition).map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`);
  return [`${factoryDoc(kind)}`, `export const ${kind.factoryName}: CrdFactory<${kind.typeName}> = crdFactory<${kind.typeName}>({`, ...fields, `  schema: ${schemaConst},`, '});'].join('\n');
}

/**
 * Cuts laid-out declarations at each top-level `export` (a TSDoc block just before it goes with it); the
 * input is indentDeclarations' output, where only a declaration's first line and its TSDoc start at column 0.
 */
export function splitDeclarations(text: string): Declaration[] {
  const blocks: string[][] = [];
  let pendingDoc: string[] = [];
  let inDoc = false;
  for (const line of text.split('\n')) {
    if (inDoc || line.startsWith('/**')) {
      if (!inDoc) pendingDoc = [];
      pendingDoc.push(line);
      inDoc = !line.trimEnd().endsWith('*/');
    } else if (line.startsWith('export ')) {
      blocks.push([...pendingDoc, line]);
      pendingDoc = [];
    } else if (blocks.length > 0 && pendingDoc.length === 0) blocks[blocks.length - 1]!.push(line);
    else pendingDoc.push(line);
  }
  return blocks.map((lines) => ({ name: /^export (?:interface|type) ([A-Za-z0-9_$]+)/m.exec(lines.join('\n'))?.[1] ?? '', text: lines.join('\n') }));
}

/**
 * Every kind's types, schema data and factory: deterministic for the same CRDs and options.
 *
 * @example
 * const kinds = await generateKinds(crds, { prefix: 'iam' });
 */
export async function generateKinds(crds: readonly Crd[], options: GenerateOptions = {}): Promise<GeneratedKind[]> {
  const generated: GeneratedKind[] = [];
  for (const kind of planKinds(crds, options.prefix)) {
    const types = await compile(rootSchema(kind.version.schema as CrdSchema, kind.typeName), kind.typeName, {
      bannerComment: '',
      additionalProperties: false,
      unknownAny: true,
      format: false,
      declareExternallyReferenced: true,
      strictIndexSignatures: false,
    });
    const schemaConst = `${kind.factoryName}Schema`;
    const schemaData = JSON.stringify(stripDescriptions(kind.version.schema)).replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    generated.push({ kind, declarations: splitDeclarations(indentDeclarations(types)), schemaData, schemaConst, factory: factoryCode(kind, schemaConst) });
  }
  return generated;
}
