import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { E } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { exprValue } from '../../ir/value.js';
import { compileRgd } from './compile.js';
import { dependencyOrder } from './deps.js';
import {
  CompositionError,
  DependencyCycleError,
  DuplicateResourceIdError,
  ForEachError,
  InvalidDefinitionError,
  InvalidResourceError,
  InvalidResourceIdError,
  InvalidResourceNameError,
  InvalidStatusError,
  MissingNameError,
  ReadyWhenReferenceError,
  ReservedResourceIdError,
  UnknownReferenceError,
} from './errors.js';
import { collection, graph, ref, resource, spec, webApp } from './fixtures.test.js';

/** A ConfigMap whose data reads the given roots, to build reference graphs quickly. */
const reads = (id: string, ...roots: string[]) =>
  resource(id, { template: { metadata: { name: id.toLowerCase() }, data: Object.fromEntries(roots.map((r) => [r, ref(r, 'metadata', 'name')])) } });

const cases: { name: string; graph: CompositionGraph; error: new (...args: never[]) => CompositionError; message: RegExp }[] = [
  { name: 'id with a dash', graph: graph({ resources: [resource('my-app')] }), error: InvalidResourceIdError, message: /the id "my-app" must be lowerCamelCase .* e\.g\. "myApp"/ },
  { name: 'id starting upper-case', graph: graph({ resources: [resource('App')] }), error: InvalidResourceIdError, message: /"App"/ },
  { name: 'reserved kro id', graph: graph({ resources: [resource('status')] }), error: ReservedResourceIdError, message: /the id "status" is reserved/ },
  { name: 'reserved CEL word', graph: graph({ resources: [resource('while')] }), error: ReservedResourceIdError, message: /"while" is reserved/ },
  // CEL's type names cannot be declared as variables in direct mode's engine (and cel-go before v0.27): trial G11
  { name: 'CEL type name as id', graph: graph({ resources: [resource('map')] }), error: ReservedResourceIdError, message: /the id "map" is a name CEL declares itself \(the type `map`\); choose another, e\.g\. "mapResource"/ },
  { name: 'CEL namespace as id', graph: graph({ resources: [resource('optional')] }), error: ReservedResourceIdError, message: /the id "optional" is a name CEL declares itself \(a namespace of functions `optional`\)/ },
  {
    name: 'duplicate ids name both',
    graph: graph({ resources: [resource('web'), resource('db'), resource('web', { kind: 'Secret', source: { file: 'app.ts', line: 9, column: 1 } })] }),
    error: DuplicateResourceIdError,
    message: /two resources have the id "web": #1 ConfigMap and #3 Secret at app\.ts:9/,
  },
  { name: 'missing name', graph: graph({ resources: [resource('web', { template: { metadata: {} } })] }), error: MissingNameError, message: /resource "web" \(ConfigMap\) has no metadata\.name/ },
  { name: 'externalRef without name', graph: graph({ resources: [resource('web', { template: undefined, externalRef: { apiVersion: 'v1', kind: 'Secret' } })] }), error: MissingNameError, message: /has no metadata\.name/ },
  { name: 'upper-case literal name', graph: graph({ resources: [resource('web', { template: { metadata: { name: 'Web' } } })] }), error: InvalidResourceNameError, message: /metadata\.name "Web" is not a valid ConfigMap name: it has uppercase letters \("W"\) \(a DNS-1123 subdomain: .*\); it is set in the composition: change it there$/ },
  { name: 'name with underscore', graph: graph({ resources: [resource('web', { template: { metadata: { name: 'a_b' } } })] }), error: InvalidResourceNameError, message: /metadata\.name "a_b" is not a valid ConfigMap name: it contains "_" \(a DNS-1123 subdomain: lowercase letters, digits/ },
  { name: 'no template and no externalRef', graph: graph({ resources: [resource('web', { template: undefined })] }), error: InvalidResourceError, message: /exactly one of a template or an externalRef/ },
  { name: 'template kind disagrees', graph: graph({ resources: [resource('web', { template: { kind: 'Secret', metadata: { name: 'x' } } })] }), error: InvalidResourceError, message: /template\.kind must be the literal "ConfigMap"/ },
  { name: 'unknown root in template', graph: graph({ resources: [reads('web', 'ghost')] }), error: UnknownReferenceError, message: /resource "web": template\.data\.ghost references "ghost", which is not schema, a resource id \(web\)/ },
  { name: 'each in a template', graph: graph({ resources: [reads('web', 'each')] }), error: UnknownReferenceError, message: /only available in readyWhen/ },
  { name: 'unknown root in includeWhen', graph: graph({ resources: [resource('web', { includeWhen: [E.path('nope', 'x')] })] }), error: UnknownReferenceError, message: /includeWhen\[0\] references "nope"/ },
  { name: 'iterator in includeWhen', graph: graph({ resources: [resource('web', { forEach: [{ name: 'w', source: spec('ws') }], includeWhen: [E.ident('w')], template: { metadata: { name: exprValue(E.ident('w')) } } })] }), error: UnknownReferenceError, message: /includeWhen\[0\] references "w"/ },
  { name: 'unknown dependsOn', graph: graph({ resources: [resource('web', { dependsOn: ['db'] })] }), error: UnknownReferenceError, message: /dependsOn names "db"/ },
  { name: 'unknown root in status', graph: graph({ status: { x: ref('ghost', 'y') } }), error: UnknownReferenceError, message: /status\.x references "ghost"/ },
  { name: 'status field named state', graph: graph({ status: { state: ref('schema', 'spec', 'name') } }), error: InvalidStatusError, message: /status\.state is written by KRO/ },
  { name: 'readyWhen on another resource', graph: graph({ resources: [resource('db'), resource('web', { readyWhen: [E.path('db', 'status', 'ready')] })] }), error: ReadyWhenReferenceError, message: /readyWhen\[0\] references "db"; readyWhen may only read the resource itself \("web"\)/ },
  { name: 'readyWhen on schema', graph: graph({ resources: [resource('web', { readyWhen: [E.path('schema', 'spec', 'on')] })] }), error: ReadyWhenReferenceError, message: /references "schema"/ },
  { name: 'collection readyWhen uses own id', graph: graph({ resources: [resource('web', { forEach: [{ name: 'w', source: spec('ws') }], readyWhen: [E.path('web', 'x')], template: { metadata: { name: exprValue(E.ident('w')) } } })] }), error: ReadyWhenReferenceError, message: /may only read `each`/ },
  { name: 'iterator not in name', graph: graph({ resources: [resource('web', { forEach: [{ name: 'w', source: spec('ws') }] })] }), error: ForEachError, message: /every forEach iterator must be used in metadata\.name .* missing: w/ },
  { name: 'reserved iterator', graph: graph({ resources: [resource('web', { forEach: [{ name: 'item', source: spec('ws') }] })] }), error: ForEachError, message: /iterator "item" is reserved by KRO or CEL; rename the loop variable/ },
  { name: 'CEL type name as iterator', graph: graph({ resources: [resource('web', { forEach: [{ name: 'type', source: spec('ws') }] })] }), error: ForEachError, message: /iterator "type" is a name CEL declares itself \(the type `type`\); rename the loop variable/ },
  { name: 'iterator equal to an id', graph: graph({ resources: [resource('db'), resource('web', { forEach: [{ name: 'db', source: spec('ws') }] })] }), error: ForEachError, message: /"db" is also a resource id/ },
  {
    name: 'iterators referencing each other',
    graph: graph({ resources: [resource('web', { forEach: [{ name: 'a', source: spec('as') }, { name: 'b', source: E.path('a', 'bs') }], template: { metadata: { name: exprValue(E.template([E.ident('a'), E.ident('b')])) } } })] }),
    error: ForEachError,
    message: /iterates over a list read from the item of another loop \(a\)/,
  },
  { name: 'externalRef with forEach', graph: graph({ resources: [resource('web', { template: undefined, externalRef: { apiVersion: 'v1', kind: 'Secret', name: 'x' }, forEach: [{ name: 'w', source: spec('ws') }] })] }), error: InvalidResourceError, message: /externalRef cannot be combined with forEach/ },
  { name: 'two-resource cycle', graph: graph({ resources: [reads('a', 'b'), reads('b', 'a')] }), error: DependencyCycleError, message: /cycle: a -> b -> a;/ },
  { name: 'three-resource cycle via includeWhen and dependsOn', graph: graph({ resources: [reads('a', 'b'), resource('b', { includeWhen: [E.path('c', 'ok')] }), resource('c', { dependsOn: ['a'] })] }), error: DependencyCycleError, message: /cycle: a -> b -> c -> a;/ },
  { name: 'self reference', graph: graph({ resources: [reads('a', 'a')] }), error: DependencyCycleError, message: /cycle: a -> a;/ },
  { name: 'lower-case kind', graph: graph({ kind: 'webApp' }), error: InvalidDefinitionError, message: /kind "webApp" must be UpperCamelCase/ },
  { name: 'group/version as version', graph: graph({ version: 'example.com/v1' }), error: InvalidDefinitionError, message: /version "example\.com\/v1" must look like v1/ },
  { name: 'RGD name with capitals', graph: graph({ name: 'WebApp' }), error: InvalidDefinitionError, message: /RGD name "WebApp" is not a valid DNS subdomain/ },
  { name: 'group without a dot', graph: graph({ group: 'example' }), error: InvalidDefinitionError, message: /group "example" is not valid: a CRD group needs at least one dot/ },
  { name: 'kro.run/ label in a template', graph: graph({ resources: [resource('web', { template: { metadata: { name: 'web', labels: { app: 'web', 'kro.run/owned': 'true' } } } })] }), error: InvalidResourceError, message: /the label "kro\.run\/owned" uses the prefix "kro\.run\/", which KRO reserves for its own labels; use a prefix of your own, e\.g\. "example\.com\/owned"/ },
  { name: 'internal.kro.run/ annotation in a template', graph: graph({ resources: [resource('web', { template: { metadata: { name: 'web', annotations: { 'internal.kro.run/x': 'y' } } } })] }), error: InvalidResourceError, message: /the annotation "internal\.kro\.run\/x" uses the prefix "internal\.kro\.run\/"/ },
  { name: 'upper-case short name', graph: graph({ shortNames: ['ok', 'WA'] }), error: InvalidDefinitionError, message: /shortNames\[1\] "WA" must be a lower-case DNS label .* e\.g\. "wa"/ },
  { name: 'short name ending in a dash', graph: graph({ shortNames: ['wa-'] }), error: InvalidDefinitionError, message: /shortNames\[0\] "wa-" must be a lower-case DNS label/ },
  { name: 'short name starting with a digit', graph: graph({ shortNames: ['1wa'] }), error: InvalidDefinitionError, message: /shortNames\[0\] "1wa" must be a lower-case DNS label.* e\.g\. "wa"/ },
  { name: 'empty short name', graph: graph({ shortNames: [''] }), error: InvalidDefinitionError, message: /shortNames\[0\] "" must be a lower-case DNS label/ },
  { name: 'short name of 64 characters', graph: graph({ shortNames: ['a'.repeat(64)] }), error: InvalidDefinitionError, message: /shortNames\[0\] "a{64}" must be .* at most 63 characters/ },
  { name: 'duplicate short name', graph: graph({ shortNames: ['wa', 'web', 'wa'] }), error: InvalidDefinitionError, message: /shortNames lists "wa" twice/ },
  { name: 'category with a dot', graph: graph({ categories: ['example.com'] }), error: InvalidDefinitionError, message: /categories\[0\] "example\.com" must be a lower-case DNS label/ },
  { name: '33 categories', graph: graph({ categories: Array.from({ length: 33 }, (_, i) => `c${i}`) }), error: InvalidDefinitionError, message: /categories has 33 entries; KRO allows at most 32/ },
];

describe('compileRgd validation', () => {
  for (const c of cases) {
    it(c.name, () =>
      assert.throws(() => compileRgd(c.graph), (err: unknown) => {
        assert.ok(err instanceof c.error, `expected ${c.error.name}, got ${String(err)}`);
        assert.ok(err instanceof CompositionError);
        assert.match(err.message, c.message);
        return true;
      }),
    );
  }

  it('readyWhen and status add no ordering edges', () => {
    const g = graph({ resources: [resource('a', { readyWhen: [E.path('a', 'ok')] }), resource('b')], status: { x: ref('a', 'y'), y: ref('b', 'z') } });
    assert.deepEqual(dependencyOrder(g), ['a', 'b']);
  });
});

describe('dependencyOrder', () => {
  it('orders dependencies first and keeps declaration order for ties', () => {
    assert.deepEqual(dependencyOrder(webApp()), ['deployment', 'service']);
    assert.deepEqual(dependencyOrder(collection()), ['workers', 'summary']);
    assert.deepEqual(dependencyOrder(graph({ resources: [reads('c', 'a'), resource('x'), resource('a')] })), ['x', 'a', 'c']);
  });
  it('names the cycle in the error', () => {
    const err = (() => {
      try {
        dependencyOrder(graph({ resources: [reads('a', 'b'), reads('b', 'a')] }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof DependencyCycleError);
    assert.deepEqual(err.cycle, ['a', 'b', 'a']);
  });
});
