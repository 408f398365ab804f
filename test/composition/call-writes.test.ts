/**
 * Audit p2c-p2f, trial 6 G19: a local object or list changed THROUGH a call (`configure(cfg, spec)` where
 * `configure` sets `cfg.image`, `Object.defineProperty(o, ...)`, `Array.prototype.push.call(l, ...)`) was
 * compiled as what JavaScript left in it on placeholders: one value for every instance. Such a call is a
 * write of the local, refused where the local is read like `o.v = ...` is; a helper that only reads its
 * argument changes nothing and still compiles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { stringify } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';
import * as M from './fixtures/helpers/mutate-argument.js';
import { addTo, setField, setThrough } from './fixtures/helpers/mutate-argument.js';

const { refusal, at: placeOf } = refusalsIn(import.meta.filename);
/** Where `text` is first written on the line marked `// at: <marker>`. */
const at = (marker: string, text: string): string => placeOf(`// at: ${marker}`, text);

const definition = {
  apiVersion: 'argwrites.typekro.dev/v1alpha1',
  kind: 'ArgWrites',
  spec: type({ name: 'string', prod: 'boolean' }),
  status: type({ v: 'string' }),
};
type Spec = typeof definition.spec.infer;
const CHANGED = 'is changed after it is declared (mutated';
const TAIL = '); CEL cannot follow the order of statements, and its value depends on a reference';

function configure(cfg: { image: string; replicas: number }, s: Spec): void {
  cfg.image = s.prod ? 'nginx:1.27' : 'nginx:latest';
  cfg.replicas = s.prod ? 3 : 1;
}
function collect(out: string[], s: Spec): void {
  if (s.prod) out.push('prod');
}
const addTag = (o: { tags: string[] }, t: string) => o.tags.push(t);
function label(cfg: { name: string }): string {
  return `${cfg.name}-x`;
}

/** The first line of a refusal's message. */
const first = (message: string): string => message.split('\n')[0]!;

describe('a local changed through a call', () => {
  it('is refused for a helper that writes its parameter, declared here', () => {
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'configure' }, (spec) => {
      const cfg = { image: 'x', replicas: 1 };
      configure(cfg, spec);
      ConfigMap({ name: 'c', data: { image: cfg.image } }); // at: configure
      return { v: 'x' };
    }))), `${at('configure', 'cfg.image')}: \`cfg\` ${CHANGED} by the call of \`configure\` at line ${Number(at('configure', 'cfg').split(':')[1]) - 1}${TAIL}`);
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'collect' }, (spec) => {
      const names: string[] = [];
      collect(names, spec);
      return { v: names.join(',') }; // at: collect
    }))), `${at('collect', 'names')}: \`names\` ${CHANGED} by the call of \`collect\` at line ${Number(at('collect', 'names').split(':')[1]) - 1}${TAIL}`);
    // G19: a one-expression arrow, called under a condition on the spec.
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'add-tag' }, (spec) => {
      const meta = { tags: ['base'] };
      if (spec.prod) addTag(meta, 'prod');
      return { v: meta.tags.join(',') }; // at: add-tag
    }))), `${at('add-tag', 'meta')}: \`meta\` ${CHANGED} by the call of \`addTag\` at line ${Number(at('add-tag', 'meta').split(':')[1]) - 1}${TAIL}`);
  });

  it('names the helper in the way out', () => {
    const message = refusal(() => kubernetesComposition({ ...definition, name: 'configure-hint' }, (spec) => {
      const cfg = { image: 'x', replicas: 1 };
      configure(cfg, spec);
      return { v: cfg.image }; // at: configure-hint
    }));
    const line = Number(at('configure-hint', 'cfg').split(':')[1]) - 1;
    assert.equal(message, `${at('configure-hint', 'cfg.image')}: \`cfg\` ${CHANGED} by the call of \`configure\` at line ${line}${TAIL}\n` +
      '    cfg\n' +
      '  hint: have `configure` return the value it builds (a ternary for a choice, `.map(...)` or `.filter(...)` for a list) and bind that with const, instead of changing its argument');
  });

  it('is refused for a helper imported by name, through a namespace, or writing through another helper', () => {
    const line = (marker: string): number => Number(at(marker, 'v').split(':')[1]) - 1;
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'imported' }, (spec) => {
      const o = { v: 'd' };
      setField(o, spec.prod ? 'p' : 'd');
      return { v: o.v }; // at: imported
    }))), `${at('imported', 'o.v')}: \`o\` ${CHANGED} by the call of \`setField\` at line ${line('imported')}${TAIL}`);
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'namespace' }, (spec) => {
      const l: string[] = [];
      M.addTo(l, spec.name);
      return { v: l.join(',') }; // at: namespace
    }))), `${at('namespace', 'l.join')}: \`l\` ${CHANGED} by the call of \`addTo\` at line ${line('namespace')}${TAIL}`);
    assert.equal(first(refusal(() => kubernetesComposition({ ...definition, name: 'through' }, (spec) => {
      const o = { v: 'd' };
      setThrough(o, spec.name);
      return { v: o.v }; // at: through
    }))), `${at('through', 'o.v')}: \`o\` ${CHANGED} by the call of \`setThrough\` at line ${line('through')}${TAIL}`);
    void addTo;
  });

  it('is refused for the built-ins that change their first argument', () => {
    const messages = [
      refusal(() => kubernetesComposition({ ...definition, name: 'define-value' }, (spec) => { const o = { v: 'd' }; Object.defineProperty(o, 'v', { value: spec.prod ? 'p' : 'd' }); return { v: o.v }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'define-getter' }, (spec) => { const o = { v: 'd' }; Object.defineProperty(o, 'v', { get: () => (spec.prod ? 'p' : 'd') }); return { v: o.v }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'define-properties' }, (spec) => { const o = { v: 'd' }; Object.defineProperties(o, { v: { value: spec.name } }); return { v: o.v }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'set-prototype' }, (spec) => { const o: { v?: string } = {}; Object.setPrototypeOf(o, { v: spec.name }); return { v: o.v ?? 'none' }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'reflect-set' }, (spec) => { const o = { v: 'd' }; Reflect.set(o, 'v', spec.name); return { v: o.v }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'reflect-define' }, (spec) => { const o = { v: 'd' }; Reflect.defineProperty(o, 'v', { value: spec.name }); return { v: o.v }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'prototype-call' }, (spec) => { const l: string[] = []; Array.prototype.push.call(l, spec.name); return { v: l.join(',') }; })),
      refusal(() => kubernetesComposition({ ...definition, name: 'prototype-apply' }, (spec) => { const l: string[] = []; Array.prototype.push.apply(l, [spec.name]); return { v: l.join(',') }; })),
    ];
    assert.equal(messages.length, 8);
    for (const message of messages) {
      assert.match(first(message), /^<this file>:\d+:\d+: `[ol]` is changed after it is declared \(mutated\); CEL cannot follow the order of statements, and its value depends on a reference$/, message);
    }
  });

  it('is refused on a returned status object changed by Object.defineProperty', () => {
    const message = refusal(() => kubernetesComposition({ ...definition, name: 'status-define' }, (spec) => {
      const st = { v: 'd' };
      Object.defineProperty(st, 'v', { value: spec.prod ? 'p' : 'd' });
      return st; // at: status-define
    }));
    assert.equal(message.split('\n')[0], `${at('status-define', 'st')}: the composition must return an object literal (its status)`);
  });

  it('is refused for a package function given a local object, with the copy as the way out', () => {
    const message = refusal(() => kubernetesComposition({ ...definition, name: 'package' }, (spec) => {
      const o = { v: spec.name };
      stringify(o);
      return { v: o.v }; // at: package
    }));
    const line = Number(at('package', 'o.v').split(':')[1]) - 1;
    assert.equal(message, `${at('package', 'o.v')}: \`o\` ${CHANGED} by the call of \`stringify\` at line ${line}, a package function TypeKro cannot read, so it may change it${TAIL}\n` +
      '    o\n' +
      '  hint: if `stringify` only reads its argument, pass it a copy (`{ ...value }`, `[...list]`) so the local stays as declared; if it changes it, build the value in one expression and bind it with const');
  });
});

describe('a local given to a call that does not change it', () => {
  it('compiles: a helper that only reads its parameter, a copy given to a package function, a string local', () => {
    const composition = kubernetesComposition({ ...definition, name: 'reads' }, (spec) => {
      const cfg = { name: spec.name };
      const suffix = 'y';
      stringify({ ...cfg });
      stringify(suffix);
      ConfigMap({ name: label(cfg), data: { v: `${label(cfg)}-${suffix}` } });
      return { v: label(cfg) };
    });
    const run = simulate(composition, { name: 'web', prod: true });
    assert.equal(run.status.v, 'web-x');
  });

  it('compiles when the helper writes only constants into a local that holds no reference', () => {
    const composition = kubernetesComposition({ ...definition, name: 'constant' }, () => {
      const o = { v: 'd' };
      setField(o, 'fixed');
      return { v: o.v };
    });
    assert.equal(simulate(composition, { name: 'web', prod: false }).status.v, 'fixed');
  });
});

describe('a local passed to a method of another local', () => {
  it('compiles (generated program: `t.endsWith(t)` in a callback over a constant loop)', () => {
    const composition = kubernetesComposition({ ...definition, name: 'self-method' }, (spec) => {
      const a = ['x'];
      const b = ['y'];
      const both = a.includes(b[0]!) || b.includes(a[0]!);
      for (const t of ['a', 'b']) ConfigMap({ name: `m-${t}`, data: { v: [t].filter((x) => x.endsWith(t))[0] ?? spec.name } });
      return { v: both ? 'yes' : 'no' };
    });
    assert.equal(simulate(composition, { name: 'web', prod: false }).status.v, 'no');
  });
});
