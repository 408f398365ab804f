/**
 * What the parameters of a composition function mean to the compiler: the spec (`schema.spec`, or the
 * whole instance for `toResourceGraph`) and, for `kubernetesComposition`, the instance (`schema.metadata`).
 */
import type { Node } from '@babel/types';
import { syntaxError } from '../analysis/errors.js';
import type { Binding, Scope } from '../analysis/scope.js';
import { bindPattern } from '../analysis/pattern-bindings.js';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { modelType } from '../model/kube-types.js';

/** `schema` as KRO exposes it: the spec and the instance's metadata. */
export function schemaType(specType: CelType): CelType {
  return T.object({ spec: { type: specType, optional: false }, metadata: { type: metadataType(), optional: false } }, true);
}

/**
 * The instance's metadata. Its `name`, `namespace`, `uid` and label values are ASCII: the API server admits a
 * custom resource's name only as a DNS subdomain, a namespace only as a DNS label (lower-case letters, digits,
 * `-`, `.`), a label value only of letters, digits, `-`, `_` and `.`, and makes the uid a UUID, so case mapping
 * and positions of them compile exactly (analysis/text-alphabet.ts). Annotations may hold any text.
 */
function metadataType(): CelType {
  const meta = modelType('V1ObjectMeta');
  if (meta?.kind !== 'object') return T.dyn;
  const ascii = { kind: 'string', highestChar: 0x7a } as const;
  const labels = meta.fields['labels']!;
  const fields = {
    ...meta.fields,
    name: { ...meta.fields['name']!, type: ascii },
    namespace: { ...meta.fields['namespace']!, type: ascii },
    uid: { ...meta.fields['uid']!, type: ascii },
    labels: labels.type.kind === 'map' ? { ...labels, type: { ...labels.type, value: ascii } } : labels,
  };
  return { ...meta, fields };
}

/**
 * Bindings of the function's parameters; `parameter` says what the first one is. A destructured spec
 * (`({ prod, replicas = 3 }) =>`) means what `const { prod, replicas = 3 } = spec` means in the body; its
 * defaults are compiled in `definitionScope` (the module and enclosing functions).
 */
export function parameterBindings(params: readonly Node[], specType: CelType, parameter: 'spec' | 'schema', definitionScope: Scope): Record<string, Binding> {
  const [first, second] = params;
  if (!first) return {};
  if (parameter === 'schema') {
    return first.type === 'Identifier' ? { [first.name]: { kind: 'value', expr: E.ident('schema'), type: schemaType(specType) } } : {};
  }
  return { ...specBindings(first, specType, definitionScope), ...instanceBindings(second) };
}

function specBindings(param: Node, specType: CelType, definitionScope: Scope): Record<string, Binding> {
  const spec: Binding = { kind: 'value', expr: E.path('schema', 'spec'), type: specType };
  if (param.type === 'Identifier') return { [param.name]: spec };
  if (param.type !== 'ObjectPattern') return {};
  return bindPattern(param, spec, definitionScope, 'read the fields you use by name (`({ prod, name, image }) =>`), or take `(spec) =>` and pass `spec.field`s on');
}

/** `kubernetesComposition`'s second parameter: `instance` or `{ metadata }`, both over `schema.metadata`. */
function instanceBindings(param: Node | undefined): Record<string, Binding> {
  if (param?.type === 'Identifier') {
    return { [param.name]: { kind: 'value', expr: E.ident('schema'), type: T.object({ metadata: { type: metadataType(), optional: false } }) } };
  }
  if (param?.type !== 'ObjectPattern') return {};
  const bindings: Record<string, Binding> = {};
  for (const property of param.properties) {
    if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier' || property.key.name !== 'metadata' || property.value.type !== 'Identifier') {
      throw syntaxError(property, 'the instance parameter only has `metadata`', 'write (spec, { metadata }) => ... or (spec, instance) => ... and read instance.metadata.name');
    }
    bindings[property.value.name] = { kind: 'value', expr: E.path('schema', 'metadata'), type: metadataType() };
  }
  return bindings;
}
