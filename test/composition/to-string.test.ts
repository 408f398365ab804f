/**
 * Trial 6 (G08 addendum): `spec.s.toString()` was refused with a hint about position arguments. The table of
 * string methods was read by plain lookup, and `toString` is a name every object literal inherits, so it
 * answered with Object.prototype.toString. `x.toString()` of a string is the string, of an int `string(x)`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { ConfigMap, Service } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);
const spec = type({ s: 'string', n: 'number.integer' });

describe('toString() and other names every object inherits', () => {
  it('toString() of a string and of an int compiles and means what JavaScript means', () => {
    const app = kubernetesComposition({ name: 'to-string', kind: 'ToString', spec, status: type({ v: 'string', w: 'string' }) }, (s) => ({ v: s.s.toString(), w: s.n.toString() }));
    assert.match(app.toYaml(), /v: \$\{schema\.spec\.s\}\n\s+w: \$\{string\(schema\.spec\.n\)\}/);
    for (const input of [{ s: 'abc', n: 42 }, { s: '', n: -7 }]) {
      const expected = { v: input.s.toString(), w: input.n.toString() };
      assert.deepEqual(evaluateConcrete(app, input).status, expected);
      assert.deepEqual(simulate(app, input).status, expected);
    }
  });

  it('valueOf() of a string is refused as a method without a CEL equivalent, not as a wrong arity', () => {
    const message = refusal(() => kubernetesComposition({ name: 'value-of', kind: 'ValueOf', spec, status: type({ v: 'string' }) }, (s) => ({ v: s.s.valueOf() })));
    assert.equal(message, `${at("'value-of'", 's.s.valueOf()')}: the string method \`valueOf\` has no CEL equivalent\n    s.s.valueOf()\n  hint: write the CEL yourself with Cel.expr(...)`);
  });
});

describe('a resource used as text (trial 7a H22)', () => {
  const AS_TEXT = 'is used as text (in a template literal, a `+` or String()), and a resource has no text form';
  const hint = (name: string): string => `  hint: use the field you mean: \`${name}.metadata.name\` for its name, or a field of its status (\`${name}.status.<field>\`)`;

  it('is refused where JavaScript converts it, naming the field that was meant', () => {
    // JavaScript failed with "Cannot convert object to primitive value", located at the whole call.
    const status = definitionError(() =>
      kubernetesComposition({ name: 'status-text', kind: 'StatusText', spec, status: type({ url: 'string' }) }, (s) => {
        const svc = Service({ name: s.s, selector: { app: s.s }, ports: [{ port: 80 }] });
        return { url: `http://${svc}` };
      }),
    );
    assert.equal(status, `${at("'status-text'", 'svc}`')}: the Service \`svc\` ${AS_TEXT}\n${hint('svc')}`);
    const argument = definitionError(() =>
      kubernetesComposition({ name: 'argument-text', kind: 'ArgumentText', spec }, (s) => {
        const cm = ConfigMap({ name: s.s, data: {} });
        ConfigMap({ name: 'copy', data: { of: 'config ' + cm } });
      }),
    );
    assert.equal(argument, `${at("'argument-text'", "'config ' + cm")}: the ConfigMap \`cm\` ${AS_TEXT}\n${hint('cm')}`);
  });

  it('is refused when the user\'s code catches the error', () => {
    const caught = definitionError(() =>
      kubernetesComposition({ name: 'caught-text', kind: 'CaughtText', spec, status: type({ v: 'string' }) }, (s) => {
        const cm = ConfigMap({ name: s.s, data: {} });
        let v = 'none';
        try {
          v = String(cm);
        } catch {
          // fall back to the default
        }
        return { v };
      }),
    );
    assert.equal(caught, `${at("'caught-text'", 'String(cm)')}: the ConfigMap \`cm\` ${AS_TEXT}\n${hint('cm')}`);
  });

  it('is refused for a nested composition, whose status holds what it offers', () => {
    const cache = kubernetesComposition({ name: 'text-cache', kind: 'TextCache', spec, status: type({ endpoint: 'string' }) }, (s) => {
      ConfigMap({ name: s.s, data: {} });
      return { endpoint: `${s.s}:6379` };
    });
    const message = definitionError(() =>
      kubernetesComposition({ name: 'nested-text', kind: 'NestedText', spec, status: type({ url: 'string' }) }, (s) => {
        const c = cache({ s: s.s, n: 1 });
        return { url: `redis://${c}` };
      }),
    );
    assert.equal(
      message,
      `${at("'nested-text'", 'c}`')}: the nested composition "text-cache" is used as text (in a template literal, a \`+\` or String()), and a composition has no text form\n  hint: use a field of its status (\`.status.<field>\`)`,
    );
  });

  it('compiles the name read through the handle', () => {
    const app = kubernetesComposition({ name: 'name-text', kind: 'NameText', spec, status: type({ url: 'string' }) }, (s) => {
      const svc = Service({ name: s.s, selector: { app: s.s }, ports: [{ port: 80 }] });
      return { url: `http://${svc.metadata.name}` };
    });
    assert.match(app.toYaml(), /url: http:\/\/\$\{svc\.metadata\.name\}/);
  });
});
