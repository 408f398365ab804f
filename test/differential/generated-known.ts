/**
 * Construct combinations the generator leaves out because they diverge today, each with the smallest
 * program showing it and the divergence it must still produce (generated-known.test.ts fails once it no
 * longer does, so the exclusion in generated-expressions.ts is lifted when the cause is fixed).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import type { CaseInput } from './harness.js';

export interface KnownGeneratedDivergence {
  readonly input: CaseInput;
  /** The finding that must still appear: state and aspect, and a fragment of the detail. */
  readonly state: string;
  readonly aspect: string;
  readonly detail: string;
  readonly reason: string;
  /** What the README's "Where the CEL differs" note says of it (readme-table.test.ts checks it is there). */
  readonly readme: string;
}

/** String methods on non-ASCII spec values (the generator's spec strings are ASCII). */
const nonAscii = kubernetesComposition(
  { name: 'gen-known-non-ascii', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'GenKnownNonAscii', spec: type({ name: 'string' }), status: type({ lower: 'string', length: 'number' }) },
  (spec) => ({ lower: spec.name.toLowerCase(), length: spec.name.length }),
);
const nonAsciiSpec = { name: 'Äb😀c' };

/** `trim()` of the two spaces only one side strips (cel-go's strings.TrimSpace keeps U+FEFF, strips U+0085). */
const trim = kubernetesComposition(
  { name: 'gen-known-trim', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'GenKnownTrim', spec: type({ s: 'string' }), status: type({ trimmed: 'string' }) },
  (spec) => ({ trimmed: spec.s.trim() }),
);

/** `<` on strings: JavaScript compares UTF-16 code units, CEL code points (trial 2, A6). */
const stringOrder = kubernetesComposition(
  { name: 'gen-known-string-order', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'GenKnownStringOrder', spec: type({ a: 'string', b: 'string' }), status: type({ lt: 'boolean' }) },
  (spec) => ({ lt: spec.a < spec.b }),
);

/** A spec map read with a key from the spec that names an inherited member (trial 4, F01). */
const inheritedKey = kubernetesComposition(
  { name: 'gen-known-inherited-key', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'GenKnownInheritedKey', spec: type({ key: 'string', m: 'Record<string, string>' }), status: type({ set: 'boolean' }) },
  (spec) => ({ set: spec.m[spec.key] !== undefined }),
);

export const KNOWN_GENERATED_DIVERGENCES: readonly KnownGeneratedDivergence[] = [
  {
    input: { composition: nonAscii as never, spec: nonAsciiSpec, specs: [nonAsciiSpec] },
    state: 'ready',
    aspect: 'status.lower',
    detail: 'compiled "Äb😀c", JavaScript "äb😀c"',
    reason: 'toLowerCase/toUpperCase compile to lowerAscii/upperAscii (KRO has no Unicode case mapping), so non-ASCII letters keep their case',
    readme: '`toLowerCase()` / `toUpperCase()` are `lowerAscii()` / `upperAscii()`',
  },
  {
    input: { composition: trim as never, spec: { s: '\ufeffx' }, specs: [{ s: '\ufeffx' }] },
    state: 'ready',
    aspect: 'status.trimmed',
    detail: 'compiled "\ufeffx", JavaScript "x"',
    reason: 'trim() is CEL\'s (Go strings.TrimSpace): it keeps U+FEFF, which JavaScript strips (the cel-go oracle answers the same)',
    readme: 'it keeps a byte order mark (U+FEFF), which JavaScript',
  },
  {
    input: { composition: trim as never, spec: { s: '\u0085x' }, specs: [{ s: '\u0085x' }] },
    state: 'ready',
    aspect: 'status.trimmed',
    detail: 'compiled "x", JavaScript "\u0085x"',
    reason: 'trim() is CEL\'s (Go strings.TrimSpace): it strips U+0085, which JavaScript keeps (the cel-go oracle answers the same)',
    readme: 'strips U+0085 (next line), which JavaScript keeps',
  },
  {
    input: { composition: stringOrder as never, spec: { a: '\uff61', b: '\u{1f600}' }, specs: [{ a: '\uff61', b: '\u{1f600}' }] },
    state: 'ready',
    aspect: 'status.lt',
    detail: 'compiled true, JavaScript false',
    reason: '`<` on strings compares UTF-16 code units in JavaScript and code points in CEL: U+FF61 is below U+1F600, but its code unit is above the surrogate 0xD83D',
    readme: 'compare UTF-16 code units in JavaScript and code points in CEL',
  },
  {
    input: { composition: inheritedKey as never, spec: { key: 'constructor', m: {} }, specs: [{ key: 'constructor', m: {} }] },
    state: 'ready',
    aspect: 'status.set',
    detail: 'compiled false, JavaScript true',
    reason: 'a map key from the spec naming an inherited member: JavaScript reads Object.prototype.constructor, CEL only the map\'s own keys',
    readme: 'names a member every JavaScript',
  },
];

/** A definition that throws something other than the documented CompositionSyntaxError/CompositionError. */
export interface KnownDefinitionError {
  readonly define: () => unknown;
  /** The error's class name and a fragment of its message, as thrown today. */
  readonly errorClass: string;
  readonly message: string;
  readonly reason: string;
}

export const KNOWN_DEFINITION_ERRORS: readonly KnownDefinitionError[] = [];
