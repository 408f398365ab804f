import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCelSyntax } from './syntax-check.js';

test('checkCelSyntax accepts CEL and rejects broken text', () => {
  for (const ok of ['a.?b.orValue(0) > 0 && has(c.d)', '"x" + string(1) + "\\""', 'l[?0].?f', '[1, 2].max()', '{"a": 1}', 'a ? b : c ? d : e', '!(a in [false, 0, 0.0, "", null])', '-(-1)', '1e+21']) {
    assert.doesNotThrow(() => checkCelSyntax(ok), ok);
  }
  for (const bad of ['a &&', '(a', "'single'", 'a.in', 'a ? b', '"unterminated', 'a b', '"bad \\q escape"']) {
    assert.throws(() => checkCelSyntax(bad), /CEL syntax/, bad);
  }
});
