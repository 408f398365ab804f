/**
 * `Object.keys(m).sort()` of a map the instance holds is refused with the sort's own reason and way out, not
 * the run's "cannot be spread or enumerated" without one (trial 17); `Object.keys(m).join()` keeps its own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', settings: 'Record<string, string>' }),
  status: type({ v: 'string' }),
});
const TEXT_ORDER = "JavaScript's `sort()` without a comparator compares the items as text by UTF-16 code units (`[10, 9].sort()` is [10, 9]); KRO's `sort()` compares numbers by value and text by code points (they differ between a character outside the Basic Multilingual Plane, an emoji, and one from U+E000 to U+FFFF)";

test("sorting a map's keys gives the sort's reason and way out", () => {
  const message = refusal(() => kubernetesComposition(def('keys-sort'), (spec) => {
    ConfigMap({ name: spec.name, data: { k: Object.keys(spec.settings).sort().join(',') } });
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'keys-sort'", 'Object.keys')}: ${TEXT_ORDER}
    Object.keys(spec.settings).sort()
  hint: for integers pass the numeric comparator, \`.sort((a, b) => a - b)\` (KRO's \`sort()\`); for text write the CEL with Cel.expr(list, '.sort()') if code-point order is what you mean`);
});
