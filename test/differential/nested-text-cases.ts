/**
 * A parent passes text as bounded as a nested composition's patterned field says (trial 20 F1): the child's
 * `toUpperCase()`, `length` and `trim()` compiled for ASCII agree with JavaScript on what the parent can pass
 * (its own field of the same pattern, a template of such fields, an admitted literal, list items). Wider text
 * is refused where the child is called (test/composition/nested-text-bounds.test.ts).
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'nesttext.typekro.dev/v1alpha1';

const child = kubernetesComposition(
  { name: 'nt-child', apiVersion, kind: 'NtChild', spec: type({ id: /^[a-z]+$/, v: /^[ -~]*$/ }), status: type({ up: 'string', len: 'number.integer', trimmed: 'string' }) },
  (spec) => {
    ConfigMap({ name: spec.id, data: { up: spec.v.toUpperCase(), low: spec.v.toLowerCase() } });
    return { up: spec.v.toUpperCase(), len: spec.v.length, trimmed: spec.v.trim() };
  },
);

const teams = kubernetesComposition(
  { name: 'nt-teams', apiVersion, kind: 'NtTeams', spec: type({ teams: type({ name: /^[a-z]+$/ }).array() }), status: type({ names: 'string' }) },
  (spec) => ({ names: spec.teams.map((t) => t.name.toUpperCase()).join(',') }),
);

const parent = kubernetesComposition(
  {
    name: 'nt-parent',
    apiVersion,
    kind: 'NtParent',
    spec: type({ t: /^[ -~]*$/, s: /^[a-z]+$/, teams: type({ name: /^[a-z]+$/ }).array() }),
    status: type({ a: 'string', b: 'number.integer', c: 'string', d: 'string', names: 'string' }),
  },
  (spec) => {
    const x = child({ id: 'x', v: ` ${spec.s}-${spec.t} ` });
    const y = child({ id: 'y', v: 'Mixed Case ' });
    const t = teams({ teams: spec.teams });
    return { a: x.status.up, b: x.status.len, c: x.status.trimmed, d: y.status.trimmed + y.status.up, names: t.status.names };
  },
);

export const nestedTextCases: Record<string, CaseInput> = {
  'nested-text-bounded': {
    composition: parent as never,
    spec: { t: 'a b', s: 'xy', teams: [] },
    specs: [
      { t: 'a b', s: 'xy', teams: [] },
      { t: '  Tab~{}  ', s: 'q', teams: [{ name: 'dev' }, { name: 'ops' }] },
      { t: '', s: 'z', teams: [{ name: 'a' }] },
    ],
  },
};
