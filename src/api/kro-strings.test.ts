import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, SpecValidationError } from '../index.js';
import { ConfigMap } from '../simple.js';

const note = kubernetesComposition(
  { name: 'note', apiVersion: 'example.com/v1', kind: 'Note', spec: type({ text: 'string', 'tags?': 'string[]' }), status: type({ ok: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: 'note', data: { text: spec.text } });
    return { ok: true };
  },
);

describe('kro mode refuses spec strings KRO would change or refuse', () => {
  it('names each field, the character and the way out; the characters KRO carries pass', () => {
    const error = (() => {
      try {
        note.factory('kro').instanceYaml({ text: 'a\u0085b', tags: ['ok', '\u007f', 'x\uffff'] });
      } catch (failure) {
        return failure;
      }
      return undefined;
    })();
    assert.ok(error instanceof SpecValidationError);
    assert.deepEqual(error.problems, [
      'spec.text holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; deploy in direct mode, or leave the character out',
      'spec.tags[1] holds U+007F at index 0: KRO applies resources as YAML 1.1, which refuses it as a control character; deploy in direct mode, or leave the character out',
      'spec.tags[2] holds U+FFFF at index 1: KRO applies resources as YAML 1.1, which refuses it as a control character; deploy in direct mode, or leave the character out',
    ]);
    // U+2028, U+FEFF and CR reach the resource unchanged through KRO (test/input/wire.cluster.test.ts).
    assert.match(note.factory('kro').instanceYaml({ text: 'a\u2028b\ufeff\r' }), /text: "a\\Lb\\ufeff\\r"/);
  });
});
