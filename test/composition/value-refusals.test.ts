/**
 * Refusals of values that had no test of their exact message (issue 10, "Bad input": every rejected construct
 * gets one), found by an audit that matched each refusal text in src/analysis against the tests: functions
 * as values, the comma operator, tagged templates, arithmetic on text, spec fields whose names CEL cannot
 * read, an optional item field copied into an object, a name holding several resources, a method CEL lacks
 * on a number, searches and lookups that may meet `undefined`. Each is defined as a whole composition, so the
 * message is the one a user sees. Exact messages in golden/value-refusals.txt (UPDATE_GOLDEN=1 rewrites it;
 * review the diff).
 */
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, yamlFile } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'values.typekro.dev/v1alpha1',
  kind: 'Refused',
  spec: type({
    name: 'string',
    n: 'number.integer',
    prod: 'boolean',
    env: "'dev' | 'prod'",
    tags: 'string[]',
    'nick?': 'string',
    'my-field': 'string',
    users: type({ name: 'string', 'port?': 'number.integer' }).array(),
  }),
  status: type({ 'v?': 'string' }),
};

const identity = (x: string): string => x;

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['an arrow function as a value', () => kubernetesComposition({ ...definition, name: 'arrow-value' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec.prod ? ((() => 'a') as unknown as string) : 'b' } });
    return {};
  }), 'a function is not a value CEL can hold'],
  ['a named function as a value', () => kubernetesComposition({ ...definition, name: 'function-value' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec.prod ? (identity as unknown as string) : 'b' } });
    return {};
  }), '`identity` is a function; a function is not a value CEL can hold'],
  ['the comma operator', () => kubernetesComposition({ ...definition, name: 'comma' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: (identity('x'), spec.name) } });
    return {};
  }), 'the comma operator has no CEL equivalent'],
  ['a tagged template', () => kubernetesComposition({ ...definition, name: 'tagged' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: String.raw`${spec.name}` } });
    return {};
  }), 'tagged templates run JavaScript code'],
  ['arithmetic on text', () => kubernetesComposition({ ...definition, name: 'text-minus' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: `${(spec.name as unknown as number) - 1}` } });
    return {};
  }), '`-` needs numbers, got string and int'],
  ['a spec field whose name is not a CEL identifier', () => kubernetesComposition({ ...definition, name: 'dash-field' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec['my-field'] } });
    return {};
  }), 'the field `my-field` cannot be read in KRO\'s CEL: its name is not a CEL identifier'],
  ['an optional item field copied into an object', () => kubernetesComposition({ ...definition, name: 'absent-property' }, (spec) => {
    const ports = spec.users.map((u) => ({ name: u.name, port: u.port }));
    ConfigMap({ name: 'a', data: { v: `${ports.length}` } });
    return {};
  }), '`port` is set from `u.port`, which may be `undefined` (an optional field without a default)'],
  ['a name holding several resources', () => kubernetesComposition({ ...definition, name: 'several-resources' }, (spec) => {
    const files = yamlFile('../fixtures/manifests/app/base.yaml');
    ConfigMap({ name: 'a', data: { v: spec.prod ? (files as unknown as string) : 'b' } });
    return {};
  }), '`files` holds several resources; read one of them'],
  ['a number method CEL lacks', () => kubernetesComposition({ ...definition, name: 'to-fixed' }, (spec) => {
    ConfigMap({ name: 'a', data: { v: spec.n.toFixed(2) } });
    return {};
  }), '`toFixed` on an int value cannot be compiled to CEL'],
  ['a lookup table with an undefined value', () => kubernetesComposition({ ...definition, name: 'lookup-undefined' }, (spec) => {
    const table = { dev: 'x', prod: undefined };
    ConfigMap({ name: 'a', data: { v: table[spec.env] ?? 'z' } });
    return {};
  }), 'a lookup table value that may be undefined'],
];

test('every refused value has its exact message (golden/value-refusals.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/value-refusals.txt', import.meta.url));
});
