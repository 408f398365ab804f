import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from '../engine.js';

const cel = createCelEngine();
const value = (source: string): unknown => {
  const result = cel.evaluate(cel.compile(source), {});
  if (result.kind !== 'value') assert.fail(`${source}: ${result.kind} ${'reason' in result ? result.reason : result.message}`);
  return result.value;
};

describe('KRO library functions (true-valued rows, as in the upstream Go tests)', () => {
  const rows = [
    '[1, 2, 3].sum() == 6',
    '[1.5, 2.5].sum() == 4.0',
    '[].sum() == 0',
    '[1, 2, 2].isSorted()',
    '![2, 1].isSorted()',
    '[1, 2, 1].indexOf(1) == 0',
    '[1, 2, 1].lastIndexOf(1) == 2',
    '["b", "a"].sort() == ["a", "b"]',
    '[1, 2, 3, 4].slice(1, 3) == [2, 3]',
    '[[1], [2, [3]]].flatten() == [1, 2, [3]]',
    '[[1], [2, [3]]].flatten(2) == [1, 2, 3]',
    '[1, 2, 1].distinct() == [1, 2]',
    '[1, 2].reverse() == [2, 1]',
    'lists.range(3) == [0, 1, 2]',
    'lists.setAtIndex([1, 2], 0, 9) == [9, 2]',
    'lists.insertAtIndex([1, 2], 2, 3) == [1, 2, 3]',
    'lists.removeAtIndex([1, 2], 0) == [2]',
    '"abc".reverse() == "cba"',
    'base64.encode(b"hello") == "aGVsbG8="',
    'base64.decode("aGVsbG8=") == b"hello"',
    'base64.decode("aGVsbG8") == b"hello"',
    '{"a": 1}.merge({"a": 2, "b": 3}) == {"a": 2, "b": 3}',
    'json.marshal({"b": [1, 2.5], "a": "x&y"}) == "{\\"a\\":\\"x\\\\u0026y\\",\\"b\\":[1,2.5]}"',
    'json.unmarshal("{\\"n\\": 1}").n == 1.0',
    'size(hash.sha256("x")) == 32',
    'size(hash.md5("x")) == 16',
    'base64.encode(hash.fnv64a("")) == "y/Kc5IQiIyU="',
    'base64.encode(hash.fnv64a("a")) == "r2PcTIYB7Iw="',
    'size(random.seededString(12, "seed")) == 12',
    'random.seededString(16, "seed").substring(0, 8) == random.seededString(16, "seed").substring(8, 16)',
    'random.seededInt(5, 6, "seed") == 5',
    'random.seededInt(30000, 32768, "svc") >= 30000 && random.seededInt(30000, 32768, "svc") < 32768',
  ];
  for (const row of rows) it(row, () => assert.equal(value(row), true));
});

describe('KRO library errors are fatal, not pending', () => {
  for (const source of ['random.seededString(0, "s")', 'random.seededInt(5, 5, "s")', '[1].slice(0, 5)', 'json.unmarshal("{")', 'base64.decode("!")']) {
    it(source, () => assert.equal(cel.evaluate(cel.compile(source), {}).kind, 'error'));
  }
});
