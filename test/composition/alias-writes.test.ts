/**
 * Trial 7a H19/H20/H21 (issue 10): a write made through an alias (`const flags = cfg.flags; if (spec.debug)
 * flags.push('--debug')`, `const { server } = cfg; if (spec.tls) server.port = 443`, a loop item, a callback's
 * parameter, `Object.values(meta)[0]`, a method writing `this`) changed an object the placeholder run then
 * answered for every instance: the value, or whether a resource exists, was frozen to the branch JavaScript
 * took. Such a write is a write of the object the alias shares, refused where that object is read with the
 * alias named; through an alias of the spec (`const zones = spec.zones; zones.sort()`) or a helper given the
 * spec, it is a write to a reference, refused at the write in any branch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at: placeOf, locate } = refusalsIn(import.meta.filename);
/** Where `text` is first written on the line marked `// at: <marker>`. */
const at = (marker: string, text: string): string => placeOf(`// at: ${marker}`, text);
/** The line of the write marked `// write: <marker>`. */
const line = (marker: string): number => locate(`// write: ${marker}`, '').line;

const definition = {
  apiVersion: 'alias.typekro.dev/v1alpha1',
  kind: 'Alias',
  spec: type({ name: 'string', zones: 'string[]', 'debug?': 'boolean', 'tls?': 'boolean', 'm?': 'Record<string, string>' }),
  status: type({ v: 'string' }),
};
const CHANGED = 'CEL cannot follow the order of statements, and its value depends on a reference';
const READ_ONLY = 'is a reference (its value exists only in the cluster) and references are read-only: the composition runs once, on placeholders, when it is defined, so the graph would read the value unchanged';
const REFERENCE_HINT = "  hint: build the value where it is used instead (`spec.zones.filter((z) => z !== 'old')`, a new list or object of the fields you need), or give the spec's type a default";
const sortZones = (zones: string[]): void => void zones.sort();

describe('a write through an alias of a local object', () => {
  it('is refused where the object is read, naming the alias (H20)', () => {
    const flags = refusal(() =>
      kubernetesComposition({ ...definition, name: 'flags' }, (spec) => {
        const cfg = { flags: ['--log=info'], server: { port: 80 } };
        const list = cfg.flags;
        if (spec.debug) list.push('--verbose'); // write: flags
        return { v: cfg.flags.join(' ') }; // at: flags
      }),
    );
    assert.equal(flags.split('\n')[0], `${at('flags', 'cfg')}: \`cfg\` is changed after it is declared (mutated through \`list\` at line ${line('flags')}); ${CHANGED}`);
    const server = refusal(() =>
      kubernetesComposition({ ...definition, name: 'server' }, (spec) => {
        const cfg = { server: { port: 80 } };
        const { server } = cfg;
        if (spec.tls) server.port = 443; // write: server
        return { v: String(cfg.server.port) }; // at: server
      }),
    );
    assert.equal(server.split('\n')[0], `${at('server', 'cfg')}: \`cfg\` is changed after it is declared (mutated through \`server\` at line ${line('server')}); ${CHANGED}`);
  });

  it('is refused when the object is given to a factory, and when it decides which resources exist (H20b, H21)', () => {
    const options = refusal(() =>
      kubernetesComposition({ ...definition, name: 'options' }, (spec) => {
        const opts = { name: spec.name, data: { MODE: 'prod' } };
        const data = opts.data;
        if (spec.debug) data.MODE = 'debug'; // write: options
        ConfigMap(opts); // at: options
        return { v: 'x' };
      }),
    );
    assert.equal(options.split('\n')[0], `${at('options', 'opts')}: \`opts\` is changed after it is declared (mutated through \`data\` at line ${line('options')}); ${CHANGED}`);
    const wanted = refusal(() =>
      kubernetesComposition({ ...definition, name: 'wanted' }, (spec) => {
        const cfg = { want: [] as string[] };
        const w = cfg.want;
        if (spec.debug) w.push('x');
        for (const x of cfg.want) ConfigMap({ name: `al-${x}`, data: { a: '1' } }); // at: wanted
        return { v: 'x' };
      }),
    );
    assert.match(wanted, new RegExp(`^${at('wanted', 'cfg.want')}: this loop walks a list JavaScript computed from a reference`));
  });

  it('is refused through a loop item, an element, Object.values, a callback parameter and a method writing this', () => {
    const cases: [string, string, () => unknown][] = [
      ['loop-item', 'o.tags', () => kubernetesComposition({ ...definition, name: 'loop-item' }, (spec) => {
        const meta = { tags: ['a'] };
        for (const o of [meta]) if (spec.debug) o.tags.push('b'); // write: loop-item
        return { v: meta.tags.join(',') }; // at: loop-item
      })],
      ['element', 'first', () => kubernetesComposition({ ...definition, name: 'element' }, (spec) => {
        const meta = [{ n: 'a' }];
        const first = meta[0]!;
        if (spec.debug) first.n = 'changed'; // write: element
        return { v: meta[0]!.n }; // at: element
      })],
      ['values', 'Object.values(meta)[0]', () => kubernetesComposition({ ...definition, name: 'values' }, (spec) => {
        const meta = { tags: ['a'] };
        if (spec.debug) Object.values(meta)[0]!.push('b'); // write: values
        return { v: meta.tags.join(',') }; // at: values
      })],
      ['callback', 'l', () => kubernetesComposition({ ...definition, name: 'callback' }, (spec) => {
        const meta = { tags: ['a'] };
        [meta.tags].forEach((l) => { if (spec.debug) l.push('b'); }); // write: callback
        return { v: meta.tags.join(',') }; // at: callback
      })],
    ];
    for (const [name, alias, define] of cases) {
      assert.equal(refusal(define).split('\n')[0], `${at(name, 'meta')}: \`meta\` is changed after it is declared (mutated through \`${alias}\` at line ${line(name)}); ${CHANGED}`, name);
    }
    const method = refusal(() =>
      kubernetesComposition({ ...definition, name: 'method' }, (spec) => {
        const o = { a: 'x', update() { this.a = 'y'; } };
        if (spec.debug) o.update(); // write: method
        return { v: o.a }; // at: method
      }),
    );
    assert.equal(method.split('\n')[0], `${at('method', 'o.a')}: \`o\` is changed after it is declared (mutated by the call of \`update\` at line ${line('method')}); ${CHANGED}`);
  });

  it('leaves alone a copy changed at its top level, and an alias changed with no condition on a reference', () => {
    const copy = kubernetesComposition({ ...definition, name: 'copy' }, (spec) => {
      const base = ['a', 'b'];
      const extra = base.slice();
      if (spec.debug) extra.push('c');
      return { v: `${base.join(',')}-${spec.name}` };
    });
    assert.match(copy.toYaml(), /v: a,b-\$\{schema\.spec\.name\}/);
    const constant = kubernetesComposition({ ...definition, name: 'constant' }, () => {
      const cfg = { flags: ['a'] };
      const flags = cfg.flags;
      flags.push('b');
      return { v: cfg.flags.join(',') };
    });
    assert.match(constant.toYaml(), /a,b/);
  });
});

describe('a write through an alias of the spec, or a helper given it (H19)', () => {
  it('is refused at the write, in a branch JavaScript skipped', () => {
    const sorted = refusal(() =>
      kubernetesComposition({ ...definition, name: 'alias-sort' }, (spec) => {
        const zones = spec.zones;
        if (!spec.debug) zones.sort(); // at: alias-sort
        return { v: spec.zones[0] ?? 'none' };
      }),
    );
    assert.equal(sorted, `${at('alias-sort', 'zones.sort')}: \`sort\` changes zones in place: zones ${READ_ONLY}\n    zones.sort()\n${REFERENCE_HINT}`);
    const assigned = refusal(() =>
      kubernetesComposition({ ...definition, name: 'alias-assign' }, (spec) => {
        const sp: { name: string } = spec;
        if (!spec.debug) sp.name = 'changed'; // at: alias-assign
        return { v: spec.name };
      }),
    );
    assert.equal(assigned, `${at('alias-assign', 'sp.name')}: cannot assign to sp.name: sp ${READ_ONLY}\n    sp.name = 'changed'\n${REFERENCE_HINT}`);
    const merged = refusal(() =>
      kubernetesComposition({ ...definition, name: 'alias-merge' }, (spec) => {
        if (!spec.debug) Object.assign(spec.m ?? {}, { added: 'y' }); // at: alias-merge
        return { v: spec.m?.added ?? 'none' };
      }),
    );
    assert.equal(merged, `${at('alias-merge', 'Object.assign')}: \`assign\` changes spec.m ?? {} in place: spec.m ?? {} ${READ_ONLY}\n    Object.assign(spec.m ?? {}, { added: 'y' })\n${REFERENCE_HINT}`);
  });

  it('is refused at the call of a local or module helper that changes the spec it is given', () => {
    const local = refusal(() =>
      kubernetesComposition({ ...definition, name: 'local-helper' }, (spec) => {
        const sorter = (l: string[]): void => void l.sort();
        if (!spec.debug) sorter(spec.zones); // at: local-helper
        return { v: spec.zones.join(',') };
      }),
    );
    assert.equal(local, `${at('local-helper', 'sorter(')}: \`sorter\` changes spec.zones in place: spec.zones ${READ_ONLY}\n    sorter(spec.zones)\n${REFERENCE_HINT}`);
    const shared = refusal(() =>
      kubernetesComposition({ ...definition, name: 'module-helper' }, (spec) => {
        if (!spec.debug) sortZones(spec.zones); // at: module-helper
        return { v: spec.zones.join(',') };
      }),
    );
    // Not "`spec` is declared outside the composition function" (the trial's H19b): the spec is its parameter.
    assert.equal(shared, `${at('module-helper', 'sortZones(')}: \`sortZones\` changes spec.zones in place: spec.zones ${READ_ONLY}\n    sortZones(spec.zones)\n${REFERENCE_HINT}`);
  });

  it('leaves alone a copy of a spec list changed at its top level', () => {
    const copy = kubernetesComposition({ ...definition, name: 'spec-copy' }, (spec) => {
      const zones = spec.zones.filter((z) => z !== 'old');
      if (spec.debug) zones.sort();
      return { v: spec.zones.join(',') };
    });
    assert.match(copy.toYaml(), /v: \$\{schema\.spec\.zones\.join\(","\)\}/);
  });
});
