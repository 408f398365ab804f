/**
 * A documented difference one operation later (trial 9 T09): `s.length > 2` with `😀a`. simulate finds the
 * documented operation in the compiled expression and evaluates what it is applied to: only an input on which
 * that operation differs (a character outside the BMP) explains the difference, and the report names the
 * operation and the input. Everything else still throws. Case mapping, `trim`, `substring`, `charAt`,
 * `split('')` and string order are no documented difference: they compile only where they are exact
 * (analysis/text-refusals.ts, test/composition/text-alphabet.test.ts), so none of them explains anything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { E } from '../../src/ir/expr.js';
import { simulate } from '../../src/testing/index.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';
import { documentedOperation } from '../../src/testing/offline/documented.js';

const SECTION = 'README.md, "Where the CEL differs"';
const POSITIONS = `${SECTION}: .length and string positions count code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP)`;

const later = kubernetesComposition(
  { name: 'later', kind: 'Later', spec: type({ name: 'string' }), status: type({ long: 'string' }) },
  (spec) => ({ long: spec.name.length > 2 ? 'long' : 'short' }),
);

const reported = (spec: { name: string }) => simulate(later, spec).documentedDifferences.map((d) => [d.aspect, d.detail, d.documented]);

describe('a documented difference inside an expression', () => {
  it('.length compared: the position count, naming the operation and the input', () => {
    assert.deepEqual(reported({ name: '😀a' }), [['status.long', 'compiled "short", JavaScript "long"', `${POSITIONS} (here .length of "😀a")`]]);
    assert.deepEqual(reported({ name: 'Äbc' }), []);
  });

  it('the operation must differ on its input; the operations that compile only where exact explain nothing', () => {
    const name = E.path('schema', 'spec', 'name');
    const valueOf = (value: unknown) => () => value;
    assert.equal(documentedOperation(E.call('size', [name]), valueOf('éab')), undefined);
    assert.equal(documentedOperation(E.call('size', [name]), valueOf(['😀'])), undefined);
    assert.equal(documentedOperation(E.call('size', [name]), valueOf(undefined)), undefined);
    for (const expr of [
      E.call('upperAscii', [], name), E.call('lowerAscii', [], name), E.call('trim', [], name), E.call('substring', [E.int(0n), E.int(3n)], name),
      E.call('charAt', [E.int(1n)], name), E.call('split', [E.str('')], name), E.call('replace', [E.str(''), E.str('-')], name), E.binary('<', name, E.str('\uff61')),
    ]) {
      assert.equal(documentedOperation(expr, valueOf('ß😀\ufeff\u0085')), undefined, expr.kind === 'call' ? expr.fn : expr.kind);
    }
  });

  it('a difference the explainer does not explain is still a TypeKro bug', () => {
    const plan = { order: [], nodes: new Map(), ready: true };
    const graph = { dependencies: () => [], mayWait: () => false, explain: () => undefined };
    const divergences = crossCheck(plan, { status: { isLower: true }, pending: [] }, { resources: [], status: { isLower: false }, pendingStatus: [] }, graph);
    assert.deepEqual(divergences, [{ aspect: 'status.isLower', detail: 'compiled true, JavaScript false' }]);
  });
});
