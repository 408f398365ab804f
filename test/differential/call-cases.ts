/**
 * Calls trial reports found refused although JavaScript's meaning has an exact CEL form (trial 9 T12, trial 8
 * T17): unary `+` of a number, `Math.sign`, and list callbacks passed by name (a declaration, a const arrow,
 * an imported arrow, `Boolean`, `String`). Their refusals are in test/composition/named-callbacks.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import type { CaseInput } from './harness.js';
import { isLongName } from './fixtures/idioms/settings.js';

function startsWithEu(zone: string): boolean {
  return zone.startsWith('eu');
}
const quoted = (zone: string): string => `'${zone}'`;

const calls = kubernetesComposition(
  {
    name: 'call-forms',
    apiVersion: 'calls.typekro.dev/v1alpha1',
    kind: 'CallForms',
    spec: type({ zones: 'string[]', ports: 'number.integer[]', n: 'number.integer', r: 'number' }),
    status: type({ plus: 'number', plusR: 'number', sign: 'number', signR: 'number', allEu: 'boolean', anyLong: 'boolean', long: 'string', kept: 'string', ports: 'string', quoted: 'string' }),
  },
  (spec) => ({
    plus: +spec.n + 1,
    plusR: +spec.r,
    sign: Math.sign(spec.n),
    signR: Math.sign(spec.r),
    allEu: spec.zones.every(startsWithEu),
    anyLong: spec.zones.some(isLongName),
    long: spec.zones.filter(isLongName).join(','),
    kept: spec.zones.filter(Boolean).join(','),
    ports: spec.ports.map(String).join('-'),
    quoted: spec.zones.map(quoted).join(' '),
  }),
);

export const callCases: Readonly<Record<string, CaseInput>> = {
  'call-forms': { composition: calls as never, spec: { zones: ['eu-west', 'us', ''], ports: [80, -1, 0], n: -4, r: -2.5 } },
  'call-forms-positive': { composition: calls as never, spec: { zones: ['eu-central'], ports: [], n: 7, r: 0.5 } },
  'call-forms-zero': { composition: calls as never, spec: { zones: [], ports: [443], n: 0, r: 0 } },
};
