/**
 * Kro mode refuses the texts KRO would change or refuse on their way into a resource (compile/rgd/kro-carried.ts):
 * the constants of the resources, when the RGD is compiled, and the instance's annotations, before anything is
 * applied. (Spec strings: src/api/kro-strings.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition, SpecValidationError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const note = kubernetesComposition(
  { name: 'note', apiVersion: 'example.com/v1', kind: 'Note', spec: type({ text: 'string' }), status: type({ ok: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: 'note', data: { text: spec.text, note: 'fixed' } });
    return { ok: true };
  },
);

const { definitionError, at } = refusalsIn(import.meta.filename);
const definition = { apiVersion: 'example.com/v1', kind: 'Note', spec: type({ text: 'string' }), status: type({ ok: 'boolean' }) };
const WAY_OUT = 'deploy in direct mode, or leave the character out';

describe('kro mode refuses the texts of the resources KRO would change or refuse, when the RGD is compiled', () => {
  it('a constant: refused by toYaml, the factory and deploy, naming the resource, where it is declared, and the field', async () => {
    const constant = kubernetesComposition({ ...definition, name: 'kro-const' }, () => {
      ConfigMap({ name: 'const', data: { text: 'a\u0085b' } });
      return { ok: true };
    });
    const expected = `resource "configMapConst" (${at("'kro-const'", 'ConfigMap(')}): template.data.text holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; ${WAY_OUT}`;
    assert.equal(definitionError(() => constant.toYaml()), expected);
    assert.equal(definitionError(() => constant.factory('kro').rgdYaml()), expected);
    await assert.rejects(constant.factory('kro').deploy({ text: 'x' }), (error: Error) => error.message.split(import.meta.filename).join('<this file>') === expected);
  });

  it('a key and the literal part of a template string, U+007F-U+009F and U+FFFE/U+FFFF refused as controls', () => {
    const key = kubernetesComposition({ ...definition, name: 'kro-key' }, () => {
      ConfigMap({ name: 'key', data: { ['k\u009f']: 'v' } });
      return { ok: true };
    });
    assert.equal(definitionError(() => key.toYaml()), `resource "configMapKey" (${at("'kro-key'", 'ConfigMap(')}): template.data["k\u009f"] (the key) holds U+009F at index 1: KRO applies resources as YAML 1.1, which refuses it as a control character; ${WAY_OUT}`);
    const mixed = kubernetesComposition({ ...definition, name: 'kro-mixed' }, (spec) => {
      ConfigMap({ name: 'mixed', data: { text: `${spec.text}-\uffff` } });
      return { ok: true };
    });
    assert.equal(
      definitionError(() => mixed.toYaml()),
      `resource "configMapMixed" (${at("'kro-mixed'", 'ConfigMap(')}): template.data.text (a literal part of its template string) holds U+FFFF at index 1: KRO applies resources as YAML 1.1, which refuses it as a control character; ${WAY_OUT}`,
    );
  });

  it('a text anywhere in an expression: a conditional arm, a default, a join separator; and a status constant (review 36, trial 16 F2)', () => {
    const flags = { apiVersion: 'example.com/v1', kind: 'Flag', spec: type({ on: 'boolean', 'text?': 'string', parts: 'string[]' }), status: type({ ok: 'string' }) };
    const arm = kubernetesComposition({ ...flags, name: 'kro-arm' }, (spec) => {
      ConfigMap({ name: 'arm', data: { text: spec.on ? 'a\u0085b' : 'c', other: spec.text ?? '\u0085', joined: spec.parts.join('\u0080') } });
      return { ok: 'fine' };
    });
    const nel = 'holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead';
    assert.equal(definitionError(() => arm.toYaml()), `resource "configMapArm" (${at("'kro-arm'", 'ConfigMap(')}): template.data.text (a text in its expression) ${nel}; ${WAY_OUT}`);
    const fallback = kubernetesComposition({ ...flags, name: 'kro-default' }, (spec) => {
      ConfigMap({ name: 'fallback', data: { other: spec.text ?? 'x\u0085' } });
      return { ok: 'fine' };
    });
    assert.equal(definitionError(() => fallback.toYaml()), `resource "configMapFallback" (${at("'kro-default'", 'ConfigMap(')}): template.data.other (a text in its expression) ${nel}; ${WAY_OUT}`);
    const separator = kubernetesComposition({ ...flags, name: 'kro-join' }, (spec) => {
      ConfigMap({ name: 'joined', data: { joined: spec.parts.join('\u0080') } });
      return { ok: 'fine' };
    });
    assert.equal(
      definitionError(() => separator.toYaml()),
      `resource "configMapJoined" (${at("'kro-join'", 'ConfigMap(')}): template.data.joined (a text in its expression) holds U+0080 at index 0: KRO applies resources as YAML 1.1, which refuses it as a control character; ${WAY_OUT}`,
    );
    const status = kubernetesComposition({ ...flags, name: 'kro-status' }, () => {
      ConfigMap({ name: 'plain', data: { a: 'b' } });
      return { ok: 'x\u0085y' };
    });
    assert.equal(definitionError(() => status.toYaml()), `the returned status: status.ok ${nel}; ${WAY_OUT}`);
  });

  it('a text in a raw Cel.expr: its string literals, escapes decoded, bytes read as UTF-8; one next to a comparison passes', () => {
    const raw = kubernetesComposition({ ...definition, name: 'kro-raw' }, (spec) => {
      ConfigMap({ name: 'raw', data: { text: Cel.expr<string>(spec.text, ' + "a\\u0085b"') } });
      return { ok: true };
    });
    assert.equal(
      definitionError(() => raw.toYaml()),
      `resource "configMapRaw" (${at("'kro-raw'", 'ConfigMap(')}): template.data.text (a text in its Cel.expr at ${at("'kro-raw'", 'expr<string>(spec')}: "a\\u0085b") holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; ${WAY_OUT}`,
    );
    const status = kubernetesComposition({ ...definition, name: 'kro-raw-status', status: type({ ok: 'string' }) }, () => {
      ConfigMap({ name: 'plain', data: { a: 'b' } });
      return { ok: Cel.expr<string>('string(b"\\xc2\\x9f")') };
    });
    assert.equal(
      definitionError(() => status.toYaml()),
      `the returned status: status.ok (a text in its Cel.expr at ${at("'kro-raw-status'", 'expr<string>(')}: b"\\xc2\\x9f") holds U+009F at index 0: KRO applies resources as YAML 1.1, which refuses it as a control character; ${WAY_OUT}`,
    );
    const literal = kubernetesComposition({ ...definition, name: 'kro-raw-char' }, () => {
      ConfigMap({ name: 'char', data: { text: Cel.expr<string>('"\uffff" + "\\177"') } });
      return { ok: true };
    });
    assert.match(definitionError(() => literal.toYaml()), /: "\uffff"\) holds U\+FFFF at index 0: .*refuses it as a control character/);
    const template = kubernetesComposition({ ...definition, name: 'kro-cel-template' }, (spec) => {
      ConfigMap({ name: 'tpl', data: { text: Cel.template('%s-\u0085', spec.text) } });
      return { ok: true };
    });
    assert.equal(
      definitionError(() => template.toYaml()),
      `resource "configMapTpl" (${at("'kro-cel-template'", 'ConfigMap(')}): template.data.text (a literal part of its template string) holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; ${WAY_OUT}`,
    );
    const compared = kubernetesComposition({ ...definition, name: 'kro-raw-compared' }, (spec) => {
      ConfigMap({ name: 'cmp', data: { wide: Cel.expr<string>(spec.text, ' > "\\uffff" ? "wide" : "narrow"'), first: Cel.expr<string>('"\\u0085" == ', spec.text, ' ? "a" : "b"') } });
      return { ok: Cel.expr<boolean>('"\\x85" in ["x"]') };
    });
    assert.match(compared.toYaml(), /wide: '\$\{\(schema\.spec\.text\) > "\\uffff" \? "wide" : "narrow"\}'\n\s+first: '\$\{"\\u0085" == /);
  });

  it('bytes constants that are no whole UTF-8 characters, in a Cel.expr that turns bytes into text: refused, since pieces joined at run time make characters none of them holds (review of issue 10)', () => {
    const split = (name: string, cel: string) =>
      kubernetesComposition({ ...definition, name, status: type({ ok: 'string' }) }, () => {
        ConfigMap({ name: 'plain', data: { a: 'b' } });
        return { ok: Cel.expr<string>(cel) };
      });
    const problem = (literal: string) =>
      `the returned status: status.ok (a text in its Cel.expr at ${at('Cel.expr<string>(cel)', 'expr<string>(')}: ${literal}) is bytes that are no whole UTF-8 characters, in a Cel.expr that turns bytes into text (string(...) or format): joined at run time, such pieces can make a character KRO changes or refuses (U+0085, U+007F-U+009F, U+FFFE, U+FFFF) that TypeKro cannot see in any of them; write whole characters in each bytes constant, or the text as a string literal`;
    // string(b"\xc2" + b"\x85") is U+0085, though each piece alone decodes to U+FFFD.
    const hex = split('kro-split-hex', 'string(b"\\xc2" + b"\\x85")');
    assert.equal(definitionError(() => hex.toYaml()), problem('b"\\xc2"'));
    const octal = split('kro-split-octal', '"%s".format([b"\\302" + b"\\205"])');
    assert.equal(definitionError(() => octal.toYaml()), problem('b"\\302"'));
    // base64.decode of a literal is bytes as surely: "wg==" is 0xC2, "hQ==" 0x85.
    const base64 = split('kro-split-base64', 'string(base64.decode("wg==") + base64.decode("hQ=="))');
    assert.equal(definitionError(() => base64.toYaml()), problem('"wg=="'));
    const joined = split('kro-joined-base64', 'string(base64.decode("woU="))');
    assert.match(definitionError(() => joined.toYaml()), /: "woU="\) holds U\+0085 at index 0: KRO applies resources as YAML 1\.1, which reads it as a line break/);
    // Whole characters joined are the same characters; bytes that never become text are written as base64.
    const whole = split('kro-whole-bytes', 'string(b"\\xc3\\xa9" + b"x" + base64.decode("w6k="))');
    assert.match(whole.toYaml(), /\(string\(b"\\xc3\\xa9" \+ b"x" \+ base64\.decode\("w6k="\)\)\)/);
    const kept = split('kro-bytes-kept', 'base64.encode(b"\\xc2")');
    assert.match(kept.toYaml(), /base64\.encode\(b"\\xc2"\)/);
  });

  it('a text only compared is never written: it passes (the UTF-16 length compares with "\\uffff")', () => {
    const compared = kubernetesComposition({ ...definition, name: 'kro-compared' }, (spec) => {
      ConfigMap({ name: 'compared', data: { wide: String(spec.text.startsWith('\uffff')), size: String(spec.text.length) } });
      return { ok: spec.text !== '\u0085' };
    });
    assert.match(compared.toYaml(), /c > "\\uffff"/);
  });

  it('U+2028, U+2029 and U+FEFF, which KRO carries (test/cluster/kro-strings.cluster.test.ts), pass', () => {
    const carried = kubernetesComposition({ ...definition, name: 'kro-carried' }, () => {
      ConfigMap({ name: 'carried', data: { '\ufeffkey': '\ufeffa\u2028b\u2029' } });
      return { ok: true };
    });
    assert.match(carried.toYaml(), /"\\ufeffkey": "\\ufeffa\\Lb\\P"/);
  });
});

describe('kro mode refuses instance annotations KRO would change or refuse, when the composition reads them', () => {
  const reader = kubernetesComposition(
    { name: 'note-reader', apiVersion: 'example.com/v1', kind: 'NoteReader', spec: type({ text: 'string' }), status: type({ ok: 'boolean' }) },
    (spec, instance) => {
      ConfigMap({ name: 'note', data: { text: spec.text, note: instance.metadata.annotations?.note ?? 'none' } });
      return { ok: true };
    },
  );

  it('names the annotation, the character and the way out, in every path to the instance', async () => {
    const expected = { code: 'USAGE', message: `annotation "note" holds U+0085 at index 1: KRO applies resources as YAML 1.1, which reads it as a line break and stores a space instead; ${WAY_OUT}` };
    const annotations = { team: 'ok', note: 'a\u0085b' };
    assert.throws(() => reader.factory('kro').instanceYaml({ text: 'x' }, { annotations }), expected);
    assert.throws(() => reader.instanceYaml({ text: 'x' }, { annotations }), expected);
    await assert.rejects(reader.factory('kro').deploy({ text: 'x' }, { annotations }), expected);
    assert.throws(() => reader.factory('kro').instanceYaml({ text: 'x' }, { annotations: { c1: '\u0090' } }), {
      message: `annotation "c1" holds U+0090 at index 0: KRO applies resources as YAML 1.1, which refuses it as a control character; ${WAY_OUT}`,
    });
    // The spec is checked first, every field of it; and the composition's own instanceYaml checks it too.
    assert.throws(() => reader.instanceYaml({ text: '\ufffe' }, { annotations }), SpecValidationError);
    assert.match(reader.factory('kro').instanceYaml({ text: 'x' }, { annotations: { note: '\ufeffa\u2028' } }), /note: "\\ufeffa\\L"/);
  });

  it('an annotation the composition never reads passes: it stays on the instance, which TypeKro applies escaped (review finding)', () => {
    const annotations = { note: 'a\u0085b', c1: '\u0090' };
    assert.match(note.factory('kro').instanceYaml({ text: 'x' }, { annotations }), /note: "a\\Nb"\n/);
    assert.match(note.instanceYaml({ text: 'x' }, { annotations }), /c1: "\\x90"\n/);
  });

  it('a composition reading only the labels does not read the annotations: such an annotation passes (review 38)', () => {
    const labelReader = kubernetesComposition(
      { name: 'label-reader', apiVersion: 'example.com/v1', kind: 'LabelReader', spec: type({ text: 'string' }), status: type({ ok: 'boolean' }) },
      (spec, instance) => {
        ConfigMap({ name: 'team', data: { text: spec.text, team: instance.metadata.labels?.team ?? 'none' } });
        return { ok: true };
      },
    );
    assert.match(labelReader.factory('kro').instanceYaml({ text: 'x' }, { annotations: { note: 'a\u0085b' } }), /note: "a\\Nb"\n/);
  });
});
