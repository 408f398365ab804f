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

/** A spec map read with a key from the spec that names an inherited member (trial 4, F01). */
const inheritedKey = kubernetesComposition(
  { name: 'gen-known-inherited-key', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'GenKnownInheritedKey', spec: type({ key: 'string', m: 'Record<string, string>' }), status: type({ set: 'boolean' }) },
  (spec) => ({ set: spec.m[spec.key] !== undefined }),
);

export const KNOWN_GENERATED_DIVERGENCES: readonly KnownGeneratedDivergence[] = [
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
