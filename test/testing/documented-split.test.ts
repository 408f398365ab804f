/**
 * Trial 12 S1: `split('')`, `split('').map(...)` and `replaceAll('', x)` of text with a character outside
 * the BMP. JavaScript cuts by UTF-16 code unit (an emoji becomes two lone surrogates, which no manifest can
 * hold), CEL by code point. Like `.length` of such text, a documented difference: `simulate` lists it with the
 * compiled (cluster) value instead of calling it a TypeKro bug, and only for such text; `replace('', x)`
 * (one replacement) agrees and is not excused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { E } from '../../src/ir/expr.js';
import { simulate } from '../../src/testing/index.js';
import { documentedOperation } from '../../src/testing/offline/documented.js';

const SPLIT = `README.md, "Where the CEL differs": split('') and replaceAll('', x) cut text into code points in CEL and into UTF-16 code units in JavaScript (a character outside the BMP becomes two lone surrogates, which no manifest can hold)`;

const app = kubernetesComposition(
  { name: 'split-astral', kind: 'SplitAstral', spec: type({ s: 'string' }), status: type({ joined: 'string', mapped: 'string', all: 'string', once: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'split', data: { v: spec.s.split('').join('|') } });
    return {
      joined: spec.s.split('').join('|'),
      mapped: spec.s.split('').map((c) => c + '.').join(''),
      all: spec.s.replaceAll('', '-'),
      once: spec.s.replace('', '-'),
    };
  },
);

describe("split('') and replaceAll('', x) over a character outside the BMP (trial 12 S1)", () => {
  it('are documented differences, with the compiled values, named with the operation and the text', () => {
    const result = simulate(app, { s: 'a😀b' });
    assert.deepEqual(result.status, { joined: 'a|😀|b', mapped: 'a.😀.b.', all: '-a-😀-b-', once: '-a😀b' });
    assert.deepEqual(
      result.documentedDifferences.map((d) => [d.aspect, d.documented]),
      [
        ['resource cm: manifest', `${SPLIT} (here split('') of "a😀b")`],
        ['status.all', `${SPLIT} (here replaceAll('', …) of "a😀b")`],
        ['status.joined', `${SPLIT} (here split('') of "a😀b")`],
        ['status.mapped', `${SPLIT} (here split('') of "a😀b")`],
      ],
    );
  });

  it('the README section names it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const note = readme.split('**Where the CEL differs.**')[1]!.split('<!-- #endregion cel-table -->')[0]!;
    assert.match(note, /`split\(''\)` \(then `\.map`, `\.join`, \.\.\.\) and `replaceAll\('', x\)` cut text into UTF-16 code units in JavaScript and\s+into code points in CEL/);
  });

  it('text within the BMP agrees and is not excused; a separator or a count explains nothing', () => {
    assert.deepEqual(simulate(app, { s: 'aéb' }).documentedDifferences, []);
    const s = E.path('schema', 'spec', 's');
    const valueOf = (part: unknown) => (expr: unknown) => (expr === s ? part : (expr as { literal?: { value?: unknown } }).literal?.value);
    assert.equal(documentedOperation(E.call('split', [E.str('')], s), valueOf('a😀b')), `${SPLIT} (here split('') of "a😀b")`);
    assert.equal(documentedOperation(E.call('split', [E.str(',')], s), valueOf('a😀b')), undefined);
    assert.equal(documentedOperation(E.call('replace', [E.str(''), E.str('-'), E.int(1n)], s), valueOf('a😀b')), undefined);
    assert.equal(documentedOperation(E.call('split', [E.str('')], s), valueOf('aéb')), undefined);
  });
});
