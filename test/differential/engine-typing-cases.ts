/**
 * Fourth new-user trial, F02/F03/F04/F12: compiled CEL that direct mode's engine typed or refused unlike
 * cel-go, and templates over int-or-string values. Each composition is run against JavaScript for every spec
 * variant and observed state (the CEL itself against cel-go: test/cel/vectors/kro-negation.json).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

/** Unary minus of `number` fields (doubles) inside arithmetic, Math.trunc, comparisons and a list. */
const negation = kubernetesComposition(
  {
    name: 'engine-negation',
    apiVersion: 'engine.typekro.dev/v1alpha1',
    kind: 'EngineNegation',
    spec: type({ d: 'number', e: 'number', dl: 'number[]', n: 'number.integer' }),
    status: type({ plus: 'number', times: 'number', abs: 'number', cmp: 'boolean', trunc: 'number', truncs: 'number[]', below: 'boolean', eq: 'boolean', int: 'number', pick: 'number' }),
  },
  (spec) => {
    ConfigMap({ name: 'trunc', data: { t: String(Math.trunc(-spec.d)), u: `offset-${Math.trunc(-spec.d)}`, n: `${-spec.n}` } });
    Deployment({ name: 'web', image: 'nginx', replicas: Math.trunc(spec.e * -spec.d) + 10 });
    if (-spec.d + spec.e < 0) ConfigMap({ id: 'negative', name: 'negative', data: { a: 'b' } });
    return {
      plus: -spec.d + spec.e,
      times: spec.e * -spec.d,
      abs: spec.e + Math.abs(-spec.d),
      cmp: spec.e - -spec.d > 3,
      trunc: Math.trunc(-spec.d),
      truncs: spec.dl.map((x) => Math.trunc(-x)),
      below: spec.dl.map((x) => -x).some((y) => y < -1),
      eq: -spec.d === -2.5,
      int: -spec.n + 1,
      pick: spec.e > 1 ? -spec.d : 0.5,
    };
  },
);

/** `'key' in (optionalMap ?? {})`: a has() over a call, which cel-go accepts and the direct engine did not. */
const inDefault = kubernetesComposition(
  {
    name: 'engine-in-default',
    apiVersion: 'engine.typekro.dev/v1alpha1',
    kind: 'EngineInDefault',
    spec: type({ 'om?': 'Record<string, string>' }),
    status: type({ v: 'boolean', w: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: 'c', data: { has: 'zeta' in (spec.om ?? {}) ? 'yes' : 'no' } });
    return { v: 'zeta' in (spec.om ?? {}), w: !('alpha' in (spec.om ?? {})) };
  },
);

/** Templates and String() over an int-or-string field with a text default: always text, as in JavaScript. */
const intOrStringText = kubernetesComposition(
  {
    name: 'engine-int-or-string-text',
    apiVersion: 'engine.typekro.dev/v1alpha1',
    kind: 'EngineIntOrStringText',
    spec: type({ target: 'number.integer' }),
    status: type({ port: 'string', label: 'string', text: 'string', either: 'string' }),
  },
  (spec) => {
    const svc = Service({ name: 'svc', selector: { app: 'd' }, ports: [{ port: 80, targetPort: spec.target }] });
    ConfigMap({ name: 'ports', data: { target: `${svc.spec.ports?.[0]?.targetPort ?? 'none'}`, t2: `${svc.spec.ports[0]!.targetPort}`, s: String(svc.spec.ports?.[0]?.targetPort ?? 'none') } });
    return {
      port: `${svc.spec.ports?.[0]?.targetPort ?? 'none'}`,
      label: `port-${svc.spec.ports?.[0]?.targetPort ?? 'none'}`,
      text: String(svc.spec.ports?.[0]?.targetPort ?? 'none'),
      either: `${svc.spec.ports?.[0]?.targetPort || 'none'}`,
    };
  },
);

export const engineTypingCases: Readonly<Record<string, CaseInput>> = {
  'engine-negation': { composition: negation as never, spec: { d: 2.5, e: 1.5, dl: [1.5, 2.5], n: 3 } },
  'engine-in-default': { composition: inDefault as never, spec: { om: { zeta: '1' } } },
  'engine-int-or-string-text': { composition: intOrStringText as never, spec: { target: 8080 } },
};
