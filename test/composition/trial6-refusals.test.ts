/**
 * Trial 6 (G03, G08): working JavaScript TypeKro refused, or refused with a message that was not true.
 * What compiles is held to JavaScript by the differential harness (evaluateConcrete against the compiled
 * graph in the direct runtime's engine) on several specs, absent optional fields included; what stays
 * refused has its exact message, naming the place, the construct and the way out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, type Composition } from '../../src/index.js';
import { ConfigMap, Service } from '../../src/simple.js';
import { port } from '../differential/fixtures/modules/params.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ s: 'string', n: 'number.integer', list: 'string[]', 'o?': 'string', 'op?': 'number.integer' });
const status = type({ 'v?': 'string', 'w?': 'string', 'x?': 'string' });
const definition = { apiVersion: 't6.typekro.dev/v1alpha1', kind: 'Trial6', spec, status };
/** The spec variants' base; `o` and `op` are also left out (and lists emptied) by the variants. */
const base = { s: 'ab', n: 2, list: ['x'], o: 'h', op: 9 };
const absent = [{ s: '', n: 0, list: [] }, { s: 'q', n: -1, list: ['a', 'b'], o: '' }, { s: 'q', n: 5, list: [], op: 0 }];

/** Holds `app` to JavaScript on the spec variants of `base` and on the specs leaving the optional fields out. */
function agreesWithJavaScript(name: string, app: Composition<never, unknown>): void {
  for (const input of [{ spec: base }, { spec: base, specs: absent }]) {
    const report = runCase(name, { composition: app, ...input });
    assert.ok(report.evaluations >= (input.specs?.length ?? 3), `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  }
}

describe('G03: a parameter destructured from an object with defaults', () => {
  it('takes the default for a key given an optional field that is absent, as JavaScript does', () => {
    const app = kubernetesComposition({ ...definition, name: 'object-defaults' }, (s) => {
      const options = { host: s.o };
      ConfigMap({ name: 'ports', data: { given: port({ host: s.o }), none: port(), both: port({ p: s.op, host: s.s }) } });
      return { v: port({ host: s.o }), w: port(options), x: port({ p: s.n }) };
    });
    const yaml = app.toYaml();
    assert.match(yaml, /\n {6}v: \$\{schema\.spec\.\?o\.orValue\("localhost"\)\}:8080\n/);
    assert.match(yaml, /\n {6}x: localhost:\$\{string\(schema\.spec\.n\)\}\n/);
    agreesWithJavaScript('object-defaults', app as never);
  });
});

function opt(a: string, b?: string): string {
  return b === undefined ? `${a}-nob` : `${a}-${b}`;
}
function kind(b?: string | null): string {
  return `${b === undefined ? 'undefined' : b === null ? 'null' : 'text'}/${b == null ? 'nullish' : 'set'}`;
}

describe('G08a: a missing argument is `undefined`', () => {
  it('a test on it is decided, and the branch JavaScript does not take is not compiled', () => {
    const app = kubernetesComposition({ ...definition, name: 'missing-argument' }, (s) => {
      return { v: opt(s.s), w: opt(s.s, s.list[0]), x: `${kind()},${kind(null)},${kind(s.s)}` };
    });
    assert.match(app.toYaml(), /\n {6}v: \$\{schema\.spec\.s\}-nob\n/);
    agreesWithJavaScript('missing-argument', app as never);
  });

  it('used as text, it is refused naming the value JavaScript writes', () => {
    const text = (a: string, b?: string): string => `${a}-${b}`;
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'undefined-text' }, (s) => ({ v: text(s.s) }))), // m:textCall
      `${at('const text =', 'b}`')}: \`b\` is always \`undefined\` here, which JavaScript turns into the text "undefined"\n    b\n  hint: give it a default (\`b ?? '<text>'\`), or leave it out of the text\n  in \`text(...)\` called at ${at('m:textCall', 'text(s.s)')}`,
    );
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'null-text' }, (s) => ({ v: s.s + null }))),
      `${at("'null-text'", 'null }')}: JavaScript turns \`null\` into the text "null"\n    null\n  hint: write the text you mean ('null' if it is that word), or leave it out`,
    );
  });
});

describe('a function passed to a helper, called there', () => {
  it('is compiled where it is written, as JavaScript calls it', () => {
    const apply = (f: (x: string) => string, v: string): string => f(v);
    const app = kubernetesComposition({ ...definition, name: 'passed-function' }, (s) => {
      const suffix = s.o ?? 'none';
      return { v: apply((x) => `${x}-${suffix}`, s.s), w: apply((x) => `<${x}>`, s.list[0] ?? 'empty') };
    });
    agreesWithJavaScript('passed-function', app as never);
  });
});

describe('G08b: loops the compiler does not express, without a resource in them', () => {
  it('run in JavaScript; a do-while building a local is refused for the local, not for a resource', () => {
    const app = kubernetesComposition({ ...definition, name: 'plain-loops' }, (s) => {
      const seen: string[] = [];
      let i = 0;
      while (i < 2) {
        seen.push('x');
        i++;
      }
      for (const key in { a: 1 }) seen.push(key);
      return { v: s.s };
    });
    agreesWithJavaScript('plain-loops', app as never);
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'do-while' }, (s) => {
        const out: string[] = [];
        do {
          out.push('x');
        } while (out.length < 2);
        return { v: out.join(s.s) };
      })),
      `${at("'do-while'", 'out.join')}: \`out\` is changed after it is declared (mutated); CEL cannot follow the order of statements; its value is not known to the compiler\n    out\n  hint: build the value in one expression and bind it with const: a ternary for a choice, \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over the list for what a loop collects`,
    );
  });

  it('a resource in a do-while is still refused as one', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'do-while-resource' }, (s) => {
        let i = 0;
        do {
          ConfigMap({ name: `c${i}`, data: { s: s.s } });
          i++;
        } while (i < 2);
        return {};
      })),
      `${at("'do-while-resource'", 'do {')}: a resource is created inside a loop form the compiler cannot express\n    do { ConfigMap({ name: \`c\${i}\`, data: { s: s.s } }); i++; } while (i < 2);\n  hint: use \`for (const x of list)\` or \`list.map((x) => ...)\` over a spec list`,
    );
  });
});

describe('G08c: a loop over a local list whose items depend on a reference', () => {
  it('over an array literal held by a local (of values or of closures), compiles per item', () => {
    const app = kubernetesComposition({ ...definition, name: 'local-literal-loop' }, (s) => {
      const values = [`${s.s}-0`, `${s.s}-1`];
      values.forEach((v, k) => ConfigMap({ name: `v${k}`, data: { v } }));
      const fns = [() => `${s.s}-a`, () => `${s.n}-b`];
      fns.forEach((f, k) => ConfigMap({ name: `f${k}`, data: { v: f() } }));
      return {};
    });
    agreesWithJavaScript('local-literal-loop', app as never);
  });

  it('over a list built by statements, is refused saying so', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'pushed-closures' }, (s) => {
        const fns: (() => string)[] = [];
        for (let i = 0; i < 3; i++) fns.push(() => `${s.s}-${i}`);
        fns.forEach((f, k) => ConfigMap({ name: `c${k}`, data: { v: f() } }));
        return {};
      })),
      `${at("'pushed-closures'", 'fns.forEach')}: this loop walks \`fns\`, a list changed after it is declared (line ${at("'pushed-closures'", 'fns.push').split(':')[1]}) with items that depend on a reference: CEL cannot follow the statements that build it, so the compiler cannot tell what each item means in the cluster\n    fns\n` +
        "  hint: create the resource in the loop that builds the list (`for (let i = 0; i < 3; i++) ConfigMap({ ... })`), or hold the items in an array literal (`const items = [a, b]`) and loop over that",
    );
  });

  it('over a list a method computed from a constant list, is refused saying so', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'mapped-constants' }, (s) => {
        const values = [0, 1].map((i) => `${s.s}-${i}`);
        values.forEach((v, k) => ConfigMap({ name: `c${k}`, data: { v } }));
        return {};
      })),
      `${at("'mapped-constants'", 'values.forEach')}: this loop walks a list a method computed from a constant list, with items that depend on a reference: the compiler reads the items of an array literal, not what a method computes from them\n    values\n` +
        '  hint: loop over the constant list itself and compute each value inside the loop (`for (const i of [0, 1, 2]) { const v = `${spec.name}-${i}`; ... }`)',
    );
  });
});

describe('G08d: an optional field as the value of a key of a compiled object', () => {
  it('is refused saying that JavaScript keeps the key', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'kept-key' }, (s) => {
        const o = { a: s.o };
        return { v: o.a ?? 'none', w: `${'a' in o}` };
      })),
      `${at("'kept-key'", 's.o }')}: \`a\` is set from \`s.o\`, which may be \`undefined\` (an optional field without a default): JavaScript keeps \`a\` with the value \`undefined\` (JSON then leaves it out), but a CEL map cannot hold a missing value, so KRO waits for the field forever\n    s.o\n` +
        '  hint: give it a default (`a: s.o ?? <default>`; a spec field can also get one in the spec type)',
    );
  });
});

const cache = kubernetesComposition(
  { name: 't6-cache', apiVersion: 't6.typekro.dev/v1alpha1', kind: 'T6Cache', spec: type({ name: 'string' }), status: type({ endpoint: 'string' }) },
  (c) => {
    ConfigMap({ name: c.name, data: { a: 'b' } });
    return { endpoint: `${c.name}:6379` };
  },
);
function addCache(name: string): void {
  cache({ name });
}

describe('a nested composition reached through a helper in a branch JavaScript skipped', () => {
  it('is refused at the helper call, naming the composition and the condition', () => {
    const message = refusal(() => kubernetesComposition({ ...definition, name: 'skipped-helper-nest' }, (s) => {
      if (!s.s) addCache(s.s);
      return {};
    }));
    assert.equal(
      message,
      `${at("'skipped-helper-nest'", 'addCache(s.s)')}: this call makes the nested composition \`cache({ name })\` (line ${at('function addCache', 'cache(').split(':')[1]}); it did not run when the composition was defined (it runs where \`!s.s\` holds): its branch was decided on a placeholder value (JavaScript enters only a branch whose condition is truthy for a placeholder, as a bare reference \`if (spec.cache)\` is), and TypeKro cannot make a composition from source\n    addCache(s.s)\n` +
        '  hint: put the call in a branch whose condition is a spec field read as it is (`if (spec.withCache) { cache({ ... }) }`: its resources then take that includeWhen; add a boolean field for a negated or compared condition), or call its factories in the branch directly',
    );
  });
});

describe('arithmetic on an int-or-string field', () => {
  it('is refused with what to do instead', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'port-plus' }, (s) => {
        const svc = Service({ name: 'svc', selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.n }] });
        return { v: `${(svc.spec.ports[0]!.targetPort as number) + 1}` };
      })),
      `${at("'port-plus'", '(svc.spec')}: \`+\` on an int-or-string field (x-kubernetes-int-or-string: an int or a string, e.g. a port 8080 or "http", a count 1 or "25%") cannot be compiled exactly: JavaScript gives it a different meaning on a number and on a string\n` +
        '    (svc.spec.ports[0]!.targetPort as number) + 1\n' +
        '  hint: compute from the number the field was set from (e.g. `spec.port + 1` rather than `svc.spec.ports[0].targetPort + 1`), build text with String(value), or write the CEL for both cases with Cel.expr (`type(value) == int` tells them apart)',
    );
  });
});

describe('a comparison of an int-or-string field', () => {
  it('is refused: JavaScript converts "8080" to a number and "http" to NaN, CEL has no string-to-int comparison', () => {
    assert.equal(
      refusal(() => kubernetesComposition({ ...definition, name: 'port-above' }, (s) => {
        const svc = Service({ name: 'svc', selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.n }] });
        return { v: 1000 < (svc.spec.ports[0]!.targetPort as number) ? 'high' : 'low' };
      })),
      `${at("'port-above'", '1000 <')}: \`<\` on an int-or-string field (x-kubernetes-int-or-string: an int or a string, e.g. a port 8080 or "http", a count 1 or "25%") cannot be compiled exactly: JavaScript gives it a different meaning on a number and on a string\n` +
        '    1000 < (svc.spec.ports[0]!.targetPort as number)\n' +
        '  hint: compare the number the field was set from (e.g. `spec.port > 1000` rather than `svc.spec.ports[0].targetPort > 1000`), or write the CEL for both cases with Cel.expr (`type(value) == int && value > 1000`)',
    );
  });

  it('compares by equality as JavaScript does', () => {
    const app = kubernetesComposition({ ...definition, name: 'port-equals' }, (s) => {
      const svc = Service({ name: 'svc', selector: { app: 'a' }, ports: [{ port: 80, targetPort: s.n }] });
      return { v: svc.spec.ports[0]!.targetPort === 2 ? 'two' : 'other' };
    });
    agreesWithJavaScript('port-equals', app as never);
  });
});
