/**
 * The value validations of a CRD schema beyond types (pattern, format, bounds, lengths, counts, allOf/anyOf/
 * oneOf/not) are checked when a generated factory is called, with the call's file:line; patterns are read as
 * Go reads them (util/re2.ts), or left to the API server. The cluster test (crd-rules.cluster.test.ts) checks the same table
 * against the API server's verdict.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { Cel, kubernetesComposition, TypeKroError } from 'typekro';
import { certificate } from 'typekro/cert-manager';
import { crdValueProblems } from '../../src/model/crd-values.js';
import { ruleCase, ruleTable } from './fixtures/crd-rules.js';

const thisFile = fileURLToPath(import.meta.url);
/** The line of the `ruleCase(...)` call in the first test, found in this file's text. */
const LINE_OF_CALL = readFileSync(thisFile, 'utf8').split('\n').findIndex((line) => line.endsWith('// LINE_OF_CALL names this line')) + 1;

/** The definition error's message, or undefined when the composition is defined. */
function definitionError(define: () => unknown): string | undefined {
  try {
    define();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof TypeKroError, String(error));
    assert.equal(error.code, 'DEFINITION_INVALID');
    return error.message;
  }
}

const spec = type({ flag: 'boolean', n: 'string' });
const status = type({ ok: 'boolean' });

describe('CRD value validations at definition', () => {
  it('reports each rule with the resource, the path, the rule, the value and the call\'s file:line', () => {
    for (const [field, value, problem] of ruleTable) {
      const message = definitionError(() =>
        kubernetesComposition({ name: 'rules', kind: 'Rules', spec, status }, () => {
          ruleCase({ name: 'r', spec: { [field]: value } }); // LINE_OF_CALL names this line
          return { ok: true };
        }),
      );
      assert.equal(message, problem === undefined ? undefined : `${thisFile}:${LINE_OF_CALL}:11: RuleCase "r": ${problem}`, `${field} = ${JSON.stringify(value)}`);
    }
  });

  it('names the line of a call in a skipped branch, made from source (cert-manager\'s Certificate pattern)', () => {
    const message = definitionError(() =>
      kubernetesComposition({ name: 'rules', kind: 'Rules', spec, status }, (input) => {
        if (!input.flag) {
          const cert = certificate({ name: 'c', spec: { secretName: 's', issuerRef: { name: 'i' }, renewal: { windows: [{ cron: '0 0 * * *', windowDuration: '2d' }] } } });
        }
        return { ok: true };
      }),
    );
    const line = readFileSync(thisFile, 'utf8').split('\n').findIndex((text) => text.includes("windowDuration: '2d'")) + 1;
    assert.equal(message, `${thisFile}:${line}:24: Certificate "c": spec.renewal.windows[0].windowDuration must match the pattern ^([0-9]+(\\.[0-9]+)?(s|m|h))+$ (was "2d")`);
  });

  it('leaves what the cluster knows to the cluster, also inside oneOf and not', () => {
    const message = definitionError(() =>
      kubernetesComposition({ name: 'rules', kind: 'Rules', spec, status }, (input) => {
        ruleCase({ name: 'r', spec: { name: input.n, replicas: Cel.expr<number>('9'), source: { url: input.n, path: '/x' }, mode: input.n } });
        return { ok: true };
      }),
    );
    // source: url is a reference, so only the cluster can tell whether both oneOf schemas match.
    assert.equal(message, undefined);
  });

  it('shows a reference in a rejected value as written, not as its placeholder', () => {
    const message = definitionError(() =>
      kubernetesComposition({ name: 'rules', kind: 'Rules', spec, status }, (input) => {
        ruleCase({ name: 'r', spec: { hosts: [input.n, 'a', 'b'] } });
        return { ok: true };
      }),
    );
    assert.match(message ?? '', /: RuleCase "r": spec\.hosts must have at most 2 items \(was \["\$\{spec\.n\}","a","b"\]\)$/);
  });
});

describe('rules on the whole object (a CRD\'s root-level oneOf)', () => {
  const schema = {
    type: 'object',
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object' }, template: { type: 'object' } },
    oneOf: [{ required: ['spec'] }, { required: ['template'] }],
  } as const;

  it('refuses a body that matches none or both branches, counting the fields TypeKro fills in as present', () => {
    assert.deepEqual(crdValueProblems(schema, { spec: {} }), []);
    assert.deepEqual(crdValueProblems(schema, { template: {} }), []);
    assert.deepEqual(crdValueProblems(schema, {}), [
      'object must match exactly one of the oneOf schemas (was {}): it matches none: schema 1: object.spec is required; schema 2: object.template is required',
    ]);
    assert.deepEqual(crdValueProblems(schema, { spec: {}, template: {} }), [
      'object must match exactly one of the oneOf schemas (was {"spec":{},"template":{}}): it matches schemas 1 and 2',
    ]);
    assert.deepEqual(crdValueProblems({ ...schema, oneOf: [{ required: ['metadata', 'spec'] }] }, { spec: {} }), []);
  });
});

describe('patterns read as Go reads them (util/re2.ts)', () => {
  const problems = (pattern: string, value: string): string[] => crdValueProblems({ type: 'object', properties: { spec: { type: 'object', properties: { v: { type: 'string', pattern } } } } }, { spec: { v: value } });

  it('applies a pattern the translation expresses, with RE2\'s meaning: a search, inline flags, Go\'s \\s', () => {
    assert.deepEqual(problems('[0-9]+(ns|us|ms|s|m|h)', 'wait 10s please'), []);
    assert.deepEqual(problems('(?i)^web$', 'WEB'), []);
    assert.deepEqual(problems('^\\s$', '\u00a0'), ['spec.v must match the pattern ^\\s$ (was "\u00a0")']);
  });

  it('leaves a pattern RE2 accepts but the translation cannot express to the API server', () => {
    assert.deepEqual(problems('^[[:^alpha:]]+$', 'abc'), []);
    assert.deepEqual(problems('a(?i)b', 'x'), []);
  });
});
