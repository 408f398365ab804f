import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from '../engine.js';

const BIG = 4503599627370497n; // 2^52 + 1
const evaluate = (integers: 'javascript' | 'int64', source: string) => {
  const cel = createCelEngine({ integers });
  return cel.evaluate(cel.compile(source, { variables: ['s'] }), { s: { big: BIG, huge: 2n ** 60n, small: 7n } });
};
const same = "JavaScript gets the same here, but its float64 arithmetic rounds beyond ±9007199254740991 where 64-bit integers do not, so TypeKro refuses it rather than risk a value JavaScript would not compute";
const refused = (text: string, tail: string) => ({ kind: 'error', message: `integer beyond JavaScript's safe range: \`${text}\` ${tail}` });

describe("TypeKro's int rule: an int operation beyond JavaScript's safe range is an error (trial 17)", () => {
  it('refuses +, -, *, unary -, / and sum() whose exact result leaves ±(2^53 - 1), naming the operation and what JavaScript computes', () => {
    assert.deepEqual(evaluate('javascript', 's.big * 2 + 1'), refused('4503599627370497 * 2', `is 9007199254740994 in 64-bit integers; ${same}`));
    assert.deepEqual(evaluate('javascript', 's.big * 3'), refused('4503599627370497 * 3', 'is 13510798882111491 in 64-bit integers; JavaScript computes in float64 and gets 13510798882111492, so TypeKro refuses it rather than write a value JavaScript would not compute'));
    assert.deepEqual(evaluate('javascript', '9007199254740991 + 1'), refused('9007199254740991 + 1', `is 9007199254740992 in 64-bit integers; ${same}`));
    assert.deepEqual(evaluate('javascript', '-9007199254740991 - 2'), refused('-9007199254740991 - 2', 'is -9007199254740993 in 64-bit integers; JavaScript computes in float64 and gets -9007199254740992, so TypeKro refuses it rather than write a value JavaScript would not compute'));
    assert.deepEqual(evaluate('javascript', '-s.huge'), refused('-1152921504606846976', `is -1152921504606846976 in 64-bit integers; ${same}`));
    assert.deepEqual(evaluate('javascript', '[s.big, s.big, 1].sum()'), refused('4503599627370497 + 4503599627370497', `is 9007199254740994 in 64-bit integers; ${same}`));
    assert.deepEqual(
      evaluate('javascript', 's.huge / 3'),
      refused('1152921504606846976 / 3', "divides 1152921504606846976, beyond ±9007199254740991, where JavaScript rounds the quotient in float64 before truncating it; TypeKro refuses rather than compute a value JavaScript might not"),
    );
  });

  it('leaves every safe result, and non-int arithmetic, as it is', () => {
    for (const [source, value] of [['s.big - 3 + s.big', 9007199254740991n], ['9007199254740990 + 1', 9007199254740991n], ['-9007199254740991', -9007199254740991n], ['s.big / 3', BIG / 3n], ['s.huge % 7', 2n ** 60n % 7n], ['[s.big, s.small].sum()', BIG + 7n], ['"a" + "b"', 'ab'], ['1e300 * 10.0', 1e301]] as const) {
      assert.deepEqual(evaluate('javascript', source), { kind: 'value', value }, source);
    }
  });

  it("computes exactly, as cel-go and KRO do, with integers: 'int64'", () => {
    assert.deepEqual(evaluate('int64', 's.big * 2 + 1'), { kind: 'value', value: 9007199254740995n });
    assert.deepEqual(evaluate('int64', 's.big * 4 - s.big * 3'), { kind: 'value', value: BIG });
    assert.deepEqual(evaluate('int64', 's.huge / 3'), { kind: 'value', value: 384307168202282325n });
    assert.deepEqual(evaluate('int64', '9223372036854775807 + 1'), { kind: 'error', message: 'integer overflow: 9223372036854775808' });
  });
});
