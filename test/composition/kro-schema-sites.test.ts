/**
 * The SimpleSchema refusals KRO rendering finds (an enum value with a comma, a string default with a double
 * quote) carry the field's file:line:col like the definition's own schema refusals (trial 14 F7). Defining
 * the composition still succeeds (direct mode writes no SimpleSchema); the RGD refuses, located.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, SchemaError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
const at = (anchor: string, construct: string): string => where(locate(anchor, construct));
const apiVersion = 'kroschemasites.typekro.dev/v1';
const status = type({ x: 'string' });

const commaEnum = kubernetesComposition(
  { name: 'comma-enum', apiVersion, kind: 'CommaEnum', spec: type({ name: 'string', tier: "'a,b' | 'c'" }), status },
  (spec) => ({ x: ConfigMap({ name: spec.name, data: { tier: spec.tier } }).data.tier ?? 'none' }),
);

const quotedDefault = kubernetesComposition(
  { name: 'quoted-default', apiVersion, kind: 'QuotedDefault', spec: type({ name: 'string', greeting: "string = 'say \"hi\"'" }), status },
  (spec) => ({ x: ConfigMap({ name: spec.name, data: { greeting: spec.greeting } }).data.greeting ?? 'none' }),
);

function rendered(render: () => unknown): SchemaError {
  try {
    render();
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  assert.fail('rendered without a refusal');
}

test('an enum value with a comma is refused at its key', () => {
  const error = rendered(() => commaEnum.toYaml());
  assert.equal(
    error.message,
    `${at("kind: 'CommaEnum'", "tier: \"'a,b'")}: spec.tier: enum value "a,b" cannot be written: KRO splits enum values on "," and trims them; use values without commas or surrounding spaces`,
  );
});

test('a string default with a double quote is refused at its key, by toYaml and by the kro factory', () => {
  const message = `${at("kind: 'QuotedDefault'", 'greeting: "')}: spec.greeting: string defaults cannot contain double quotes, backslashes or control characters in KRO; set the value in the composition with ?? instead`;
  assert.equal(rendered(() => quotedDefault.toYaml()).message, message);
  assert.equal(rendered(() => quotedDefault.factory('kro', { namespace: 'default' }).toYaml()).message, message);
});
