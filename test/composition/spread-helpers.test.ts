/**
 * A spread into a helper that creates resources, of a list TypeKro cannot itemise (issue 10): which item each
 * parameter gets depends on the list, so a parameter at or after the spread is refused where a compiled value
 * needs it, with the way out (the values one by one, or an array literal written in place), whether JavaScript
 * ran the helper or skipped it. A constant list leaves the parameters JavaScript's values. What compiles is
 * compared with JavaScript in test/differential/spread-helper-cases.ts. Exact messages, locations computed from
 * this file's text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
/** `file:line:column` of `fragment` on the first line holding `marker` (test/support/refusals.ts). */
const at = (marker: string, fragment: string): string => where(locate(marker, fragment));

const definition = { apiVersion: 'spreads.typekro.dev/v1alpha1', kind: 'Spreads', spec: type({ names: 'string[]', n: 'number.integer', flag: 'boolean' }), status: type({ v: 'string' }) };

function mk(name: string, n: number) {
  return ConfigMap({ name: `${name}-cm`, data: { n: `${n}` } }); // m:mk
}

const hint = 'pass the values one by one (`mk(a, b)`), or spread an array literal written in place (`mk(...[a, b])`)';

describe('a spread into a helper that creates resources', () => {
  it('of a list from the spec is refused at the parameter it decides, with the way out', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'listed' }, (spec) => { mk(...(spec.names as unknown as [string, number])); return { v: 'x' }; }),
      { message: `${at('m:mk', 'name}')}: \`name\` is bound to an item of \`...(spec.names as unknown as [string, number])\` (which one depends on the list; TypeKro reads a spread in a call only of an array literal written in place), and its value depends on a reference\n    name\n  hint: ${hint}` },
    );
  });

  it('after an argument written out, only the parameters it reaches are refused', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'after' }, (spec) => { mk('fixed', ...(spec.names as unknown as [number])); return { v: 'x' }; }),
      { message: `${at('m:mk', 'n}')}: \`n\` is bound to an item of \`...(spec.names as unknown as [number])\` (which one depends on the list; TypeKro reads a spread in a call only of an array literal written in place), and its value depends on a reference\n    n\n  hint: ${hint}` },
    );
  });

  it('in a branch JavaScript skipped is refused the same way', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'skipped' }, (spec) => { if (!spec.flag) mk(...(spec.names as unknown as [string, number])); return { v: 'x' }; }),
      { message: `${at('m:mk', 'name}')}: \`name\` is bound to an item of \`...(spec.names as unknown as [string, number])\` (which one depends on the list; TypeKro reads a spread in a call only of an array literal written in place), and its value depends on a reference\n    name\n  hint: ${hint}` },
    );
  });

  it('of a constant list keeps the values JavaScript passed', () => {
    const items = ['constant', 7] as const;
    const app = kubernetesComposition({ ...definition, name: 'constant' }, () => { mk(...items); return { v: 'x' }; });
    const rgd = parse(app.toYaml()) as { spec: { resources: { template: { metadata: { name: string }; data: Record<string, string> } }[] } };
    assert.deepEqual(rgd.spec.resources.map((r) => [r.template.metadata.name, r.template.data]), [['constant-cm', { n: '7' }]]);
  });
});
