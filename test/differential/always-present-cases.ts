/**
 * The spec shapes of objects whose fields have defaults that TypeKro accepts (src/model/schema/always-present.ts
 * refuses the optional one KRO always creates). Each composition observes presence every way JavaScript can
 * (`?.`, `??`, `=== undefined`, truthiness, a ternary, `if`), so the differential run holds the compiled graph to
 * the JavaScript for every spec; always-present.test.ts also holds the spec the function sees to arktype's own
 * output, the value the TypeScript type describes.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'alwayspresent.typekro.dev/v1alpha1';
const status = type({ size: 'number.integer', tier: 'string', present: 'boolean', label: 'string' });

/** An explicit default: always there, typed so (`spec.cache.size`, no `?.`). */
export const explicitDefault = kubernetesComposition(
  { name: 'ap-explicit', apiVersion, kind: 'ApExplicit', spec: type({ name: 'string', cache: [{ size: 'number.integer = 1', 'tier?': 'string' }, '=', () => ({})] }), status },
  (spec) => {
    ConfigMap({ name: spec.name, data: { size: `${spec.cache.size}`, tier: spec.cache.tier ?? 'none' } });
    if (spec.cache.size > 1) ConfigMap({ name: `${spec.name}-big`, data: { tier: spec.cache.tier ?? 'none' } });
    return { size: spec.cache.size, tier: spec.cache.tier ?? 'none', present: spec.cache !== undefined, label: spec.cache.size > 2 ? 'large' : 'small' };
  },
);

/** A required object whose fields all have defaults: KRO and direct mode fill it in when it is left out. */
export const requiredDefaulted = kubernetesComposition(
  { name: 'ap-required', apiVersion, kind: 'ApRequired', spec: type({ name: 'string', cache: { size: 'number.integer = 1', tier: "string = 'std'" } }), status },
  (spec) => {
    ConfigMap({ name: spec.name, data: { size: `${spec.cache.size}`, tier: spec.cache.tier } });
    return { size: spec.cache.size, tier: spec.cache.tier, present: spec.cache !== undefined, label: `${spec.cache.tier}-${spec.cache.size}` };
  },
);

/** An optional object with a required field: absent unless given; its defaulted field filled in when it is given. */
export const optionalWithRequired = kubernetesComposition(
  { name: 'ap-optional', apiVersion, kind: 'ApOptional', spec: type({ name: 'string', 'cache?': { tier: 'string', size: 'number.integer = 1' } }), status },
  (spec) => {
    if (spec.cache) ConfigMap({ name: `${spec.name}-cache`, data: { size: `${spec.cache.size}`, tier: spec.cache.tier } });
    return {
      size: spec.cache?.size ?? 5,
      tier: spec.cache ? spec.cache.tier : 'none',
      present: spec.cache === undefined ? false : true,
      label: spec.cache !== undefined && spec.cache.size > 2 ? 'large' : 'small',
    };
  },
);

/** An explicit default that names the object's required field, itself an object KRO always creates. */
export const nestedExplicit = kubernetesComposition(
  { name: 'ap-nested', apiVersion, kind: 'ApNested', spec: type({ name: 'string', cache: [{ inner: { size: 'number.integer = 1' }, 'tier?': 'string' }, '=', () => ({ inner: {} })] }), status },
  (spec) => {
    ConfigMap({ name: spec.name, data: { size: `${spec.cache.inner.size}` } });
    return { size: spec.cache.inner.size, tier: spec.cache.tier ?? 'none', present: spec.cache.inner !== undefined, label: spec.cache.tier ? spec.cache.tier : 'unset' };
  },
);

export const alwaysPresentCases: Record<string, CaseInput> = {
  'always-present-explicit': {
    composition: explicitDefault as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', cache: {} }, { name: 'c', cache: { size: 3 } }, { name: 'd', cache: { size: 2, tier: 'gold' } }, { name: 'e', cache: { tier: '' } }],
  },
  'always-present-required': {
    composition: requiredDefaulted as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', cache: {} }, { name: 'c', cache: { size: 3 } }, { name: 'd', cache: { tier: 'gold' } }],
  },
  'always-present-optional': {
    composition: optionalWithRequired as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', cache: { tier: 'gold' } }, { name: 'c', cache: { tier: '', size: 3 } }, { name: 'd', cache: { tier: 'x', size: 0 } }],
  },
  'always-present-nested': {
    composition: nestedExplicit as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', cache: { inner: {} } }, { name: 'c', cache: { inner: { size: 4 }, tier: 'gold' } }, { name: 'd', cache: { inner: {}, tier: '' } }],
  },
};
