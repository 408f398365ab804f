import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { KubeApiError } from './errors.js';
import { wireJson } from './wire.js';

const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'dev' };
/** What go-yaml (the API server's reader of apply bodies) takes for a line break, refuses, or may drop. */
// eslint-disable-next-line no-control-regex
const HAZARD = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

describe('wireJson: the apply body', () => {
  it('is JSON of exactly the object, with no raw character YAML 1.1 reads differently (seeded)', () => {
    // Astral characters and every character of the BMP but lone surrogates (those are refused, below).
    const unit = fc.oneof(fc.constantFrom('\u0085', '\u2028', '\u2029', '\u007f', '\u0086', '\u009f', '\ufeff', '\ufffe', '\uffff', ' ', '\r', '\t', '\u0000', '😀'), fc.string({ unit: 'grapheme', maxLength: 1 }));
    const text = fc.string({ unit, maxLength: 6 });
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { noNullPrototype: true }), (data) => {
        const object = { apiVersion: 'v1', kind: 'ConfigMap', data };
        const body = wireJson(object, ref, 'apply');
        assert.doesNotMatch(body, HAZARD);
        assert.deepEqual(JSON.parse(body), object);
      }),
      { seed: 7, numRuns: 500 },
    );
    assert.equal(wireJson({ v: 'a\u0085b\u2028c\ufeff' }, ref, 'apply'), '{"v":"a\\u0085b\\u2028c\\ufeff"}');
  });

  it('refuses a lone surrogate, naming the field and the way out', () => {
    const refused = (object: unknown): KubeApiError => {
      try {
        wireJson(object, ref, 'apply');
      } catch (error) {
        assert.ok(error instanceof KubeApiError);
        return error;
      }
      return assert.fail('a lone surrogate was sent');
    };
    const error = refused({ data: { ok: '😀', bad: ['x', '😀'.slice(0, 1)] } });
    assert.equal(error.code, 'REJECTED');
    assert.equal(
      error.message,
      'apply ConfigMap dev/c: data.bad[1] holds a lone UTF-16 surrogate (\\ud83d at index 0), which has no UTF-8 form: the API server would refuse it or store U+FFFD instead. ' +
        "Build the string from whole characters (Array.from(s), codePointAt, a regex with the u flag), not from UTF-16 units (slice, charAt, split(''))",
    );
    assert.match(refused({ metadata: { annotations: { ['k\udc00']: 'v' } } }).message, /metadata\.annotations\.k\udc00 \(the key\) holds a lone UTF-16 surrogate \(\\udc00 at index 1\)/);
  });

  it('sends text that only spells a surrogate escape as it is (review: JSON with \\ud83d escapes in a ConfigMap was refused)', () => {
    const json = '{"emoji":"\\ud83d\\ude00","half":"\\ud83d"}';
    assert.equal(wireJson({ data: { json } }, ref, 'apply'), JSON.stringify({ data: { json } }));
    assert.deepEqual(JSON.parse(wireJson({ data: { json } }, ref, 'create')), { data: { json } });
  });
});
