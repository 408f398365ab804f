/**
 * Trial 6 G05/G06/G06b: a composition function that changed a binding declared outside it (a module `let`,
 * a module object or array, an imported array, a `let` or parameter of the function that makes the
 * composition) was accepted, and the value JavaScript left there after its one run on placeholders was
 * compiled for every instance (`tier: gold` for `if (spec.premium) tier = 'gold'`), and seen by the
 * compositions defined after it (a reference pushed into a module array reached another kind's graph). Such
 * a write is refused before the function runs, written inline or passed by name, in the function, in a
 * closure of it, or in a helper it calls.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';
import { register, registry } from './fixtures/shared/registry.js';

const { refusal, definitionError, at: placeOf } = refusalsIn(import.meta.filename);
/** Where `text` is first written on the line marked `// at: <marker>`. */
const at = (marker: string, text: string): string => placeOf(`// at: ${marker}`, text);
const REGISTRY = `${import.meta.dirname}/fixtures/shared/registry.ts`;

const definition = {
  apiVersion: 'outer.typekro.dev/v1alpha1',
  kind: 'Outer',
  spec: type({ name: 'string', premium: 'boolean', env: 'string' }),
  status: type({ v: 'string' }),
};
type Spec = typeof definition.spec.infer;

const WHY = 'inside it: the function runs once, at definition time, on placeholders, so the change JavaScript made there would be kept for every instance (and seen by the compositions defined after it)';
const hint = (name: string): string =>
  `hint: declare the value inside the composition function and compute it with one expression (a ternary for a choice: \`const ${name} = spec.flag ? 'a' : 'b'\`; \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over a list for what a loop collects); a value shared by compositions belongs in a module const that none of them changes`;

let tier = 'standard';
const flags: Record<string, boolean> = {};
const registered: string[] = [];

// The same bodies, passed by name.
const setsTier = (spec: Spec) => {
  if (spec.premium) tier = 'gold'; // at: named-let
  return { v: tier };
};
const setsFlag = (spec: Spec) => {
  if (spec.env === 'dev') flags.debug = true; // at: named-object
  return { v: flags.debug ? 'on' : 'off' };
};
const pushes = (spec: Spec) => {
  registered.push(spec.name); // at: named-array
  return { v: String(registered.length) };
};
const pushesImported = (spec: Spec) => {
  registry.push(spec.name); // at: named-import
  return { v: registry.join(',') };
};

describe('a write from a composition function to a binding declared outside it', () => {
  it('is refused for a module let, a module object property, a module array and an imported array, written inline', () => {
    const messages = [
      refusal(() => kubernetesComposition({ ...definition, name: 'inline-let' }, (spec) => {
        if (spec.premium) tier = 'gold'; // at: inline-let
        ConfigMap({ name: spec.name, data: { tier } });
        return { v: tier };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'inline-object' }, (spec) => {
        if (spec.env === 'dev') flags.debug = true; // at: inline-object
        return { v: flags.debug ? 'on' : 'off' };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'inline-array' }, (spec) => {
        registered.push(spec.name); // at: inline-array
        return { v: String(registered.length) };
      })),
      refusal(() => kubernetesComposition({ ...definition, name: 'inline-import' }, (spec) => {
        registry.push(spec.name); // at: inline-import
        return { v: registry.join(',') };
      })),
    ];
    assert.deepEqual(messages.map((message) => message.split('\n')), [
      [`${at('inline-let', 'tier =')}: \`tier\` is declared outside the composition function and reassigned (\`tier =\`) ${WHY}`, "    tier = 'gold'", `  ${hint('tier')}`],
      [`${at('inline-object', 'flags.debug')}: \`flags\` is declared outside the composition function and changed (a property of it is set: \`flags.debug =\`) ${WHY}`, '    flags.debug = true', `  ${hint('flags')}`],
      [`${at('inline-array', 'registered.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`, '    registered.push(spec.name)', `  ${hint('registered')}`],
      [`${at('inline-import', 'registry.push')}: \`registry\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`, '    registry.push(spec.name)', `  ${hint('registry')}`],
    ]);
    // Refused before the function ran: the module's values are what the module made them.
    assert.deepEqual([tier, flags, registered, registry], ['standard', {}, [], []]);
  });

  it('is refused the same way when the composition function is passed by name', () => {
    const messages = [
      refusal(() => kubernetesComposition({ ...definition, name: 'named-let' }, setsTier)),
      refusal(() => kubernetesComposition({ ...definition, name: 'named-object' }, setsFlag)),
      refusal(() => kubernetesComposition({ ...definition, name: 'named-array' }, pushes)),
      refusal(() => kubernetesComposition({ ...definition, name: 'named-import' }, pushesImported)),
    ];
    assert.deepEqual(messages.map((message) => message.split('\n')[0]), [
      `${at('named-let', 'tier =')}: \`tier\` is declared outside the composition function and reassigned (\`tier =\`) ${WHY}`,
      `${at('named-object', 'flags.debug')}: \`flags\` is declared outside the composition function and changed (a property of it is set: \`flags.debug =\`) ${WHY}`,
      `${at('named-array', 'registered.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`,
      `${at('named-import', 'registry.push')}: \`registry\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`,
    ]);
    assert.deepEqual([tier, flags, registered, registry], ['standard', {}, [], []]);
  });

  it('is refused for a let and a parameter of the function that makes the composition (a composition generator)', () => {
    // A function passed by name is found at module level only: a generator's composition is written inline.
    function makeApp(name: string, opts: { labels: string[] }) {
      let replicas = 1;
      return kubernetesComposition({ ...definition, name }, (spec) => {
        if (spec.premium) replicas = 3; // at: generator-let
        return { v: String(replicas) };
      });
    }
    function makeLabelled(name: string, opts: { labels: string[] }) {
      return kubernetesComposition({ ...definition, name }, (spec) => {
        if (spec.premium) opts.labels.push('ha'); // at: generator-param
        return { v: opts.labels.join(',') };
      });
    }
    const opts = { labels: ['app'] };
    assert.equal(
      refusal(() => makeApp('generator-let', opts)).split('\n')[0],
      `${at('generator-let', 'replicas =')}: \`replicas\` is declared outside the composition function and reassigned (\`replicas =\`) ${WHY}`,
    );
    assert.equal(
      refusal(() => makeLabelled('generator-param', opts)).split('\n')[0],
      `${at('generator-param', 'opts.labels')}: \`opts\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`,
    );
    assert.deepEqual(opts, { labels: ['app'] });
  });

  it('is refused in a closure of the function, through a local alias, and with ++, compound assignment, delete and Object.assign', () => {
    let count = 0;
    const settings: Record<string, string> = { a: '1' };
    const cases: [string, () => unknown, string][] = [
      ['closure', () => kubernetesComposition({ ...definition, name: 'closure' }, (spec) => {
        [spec.name].forEach((n) => registered.push(n)); // at: closure
        return { v: 'x' };
      }), `${at('closure', 'registered.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`],
      ['alias', () => kubernetesComposition({ ...definition, name: 'alias' }, (spec) => {
        const list = registered;
        list.push(spec.name); // at: alias
        return { v: 'x' };
      }), `${at('alias', 'list.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) ${WHY}`],
      ['increment', () => kubernetesComposition({ ...definition, name: 'increment' }, () => {
        count++; // at: increment
        return { v: 'x' };
      }), `${at('increment', 'count++')}: \`count\` is declared outside the composition function and reassigned (\`++\`) ${WHY}`],
      ['compound', () => kubernetesComposition({ ...definition, name: 'compound' }, (spec) => {
        tier += spec.name; // at: compound
        return { v: 'x' };
      }), `${at('compound', 'tier +=')}: \`tier\` is declared outside the composition function and reassigned (\`tier +=\`) ${WHY}`],
      ['delete', () => kubernetesComposition({ ...definition, name: 'delete' }, (spec) => {
        if (spec.premium) delete settings['a']; // at: delete
        return { v: 'x' };
      }), `${at('delete', 'delete')}: \`settings\` is declared outside the composition function and changed (a property of it is deleted) ${WHY}`],
      ['assign', () => kubernetesComposition({ ...definition, name: 'assign' }, (spec) => {
        Object.assign(settings, { b: spec.name }); // at: assign
        return { v: 'x' };
      }), `${at('assign', 'Object.assign')}: \`settings\` is declared outside the composition function and mutated (\`Object.assign(...)\`) ${WHY}`],
    ];
    for (const [name, define, expected] of cases) assert.equal(refusal(define).split('\n')[0], expected, name);
    assert.deepEqual([count, settings, registered], [0, { a: '1' }, []]);
  });

  it('is refused in a local or imported helper the function calls, also through the helper’s parameter', () => {
    const remember = (host: string): void => {
      registered.push(host); // at: local-helper
    };
    const addTo = (list: string[], value: string): void => {
      list.push(value); // at: param-helper
    };
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'local-helper' }, (spec) => {
        remember(spec.name); // at: call-local
        return { v: 'x' };
      })).split('\n')[0],
      `${at('local-helper', 'registered.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) by \`remember\`, which the composition function calls at ${at('call-local', 'remember(')}: ${WHY.replace('inside it: ', '')}`,
    );
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'import-helper' }, (spec) => {
        register(spec.name); // at: call-import
        return { v: 'x' };
      })).split('\n')[0],
      `${REGISTRY}:5:3: \`registry\` is declared outside the composition function and mutated (\`.push(...)\`) by \`register\`, which the composition function calls at ${at('call-import', 'register(')}: ${WHY.replace('inside it: ', '')}`,
    );
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'param-helper' }, (spec) => {
        addTo(registered, spec.name); // at: call-param
        return { v: 'x' };
      })).split('\n')[0],
      `${at('param-helper', 'list.push')}: \`registered\` is declared outside the composition function and mutated (\`.push(...)\`) by \`addTo\` (through its parameter \`list\`), which the composition function calls at ${at('call-param', 'addTo(')}: ${WHY.replace('inside it: ', '')}`,
    );
    assert.deepEqual([registered, registry], [[], []]);
  });

  it('is not a write the function makes to its own locals, a catch parameter, or a local list a helper fills', () => {
    const addTo = (list: string[], value: string): void => {
      list.push(value);
    };
    const graph = kubernetesComposition({ ...definition, name: 'own-locals' }, (spec) => {
      const names: string[] = [];
      addTo(names, 'fixed');
      let mode = 'a';
      mode = 'b';
      try {
        JSON.parse('{');
      } catch (error) {
        (error as Error).message = 'ignored';
      }
      ConfigMap({ name: spec.name, data: { names: names.join(','), mode } });
      return { v: spec.premium ? 'gold' : 'standard' };
    });
    const yaml = graph.toYaml();
    assert.match(yaml, /names: fixed/);
    assert.match(yaml, /mode: b/);
    assert.ok(yaml.includes('v: \'${schema.spec.premium ? "gold" : "standard"}\''), yaml);
  });

  it('a reference kept where the analysis cannot see (a package\'s state) fails the later definition that reads it', () => {
    // Reflect.apply stands for a package function storing its argument: no write the source shows.
    const kept: unknown[] = [];
    const keep = (value: unknown): void => void Reflect.apply(Array.prototype.push, kept, [value]);
    kubernetesComposition({ ...definition, name: 'keeps' }, (spec) => {
      keep(spec.name);
      return { v: 'x' };
    });
    const gateway = { ...definition, kind: 'Gateway', spec: type({ host: 'string' }) };
    const message = definitionError(() => kubernetesComposition({ ...gateway, name: 'reads-kept' }, (spec) => {
      ConfigMap({ name: spec.host, data: { hosts: (kept as string[]).join(',') } });
      return { v: 'x' };
    }));
    assert.match(message, /^<this file>:\d+:\d+: the reference spec\.name was made by the definition of another composition, whose run has ended: it was kept outside that composition function \(a module variable, a closure, a package's state\) and would name the other composition's spec or resources here\n {2}hint: compute the value inside each composition function from its own spec and resources; share constants between compositions, never references$/);
  });
});
