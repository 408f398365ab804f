/**
 * Constructs JavaScript runs that TypeKro used to refuse (issue 10): a list item chosen by a test of presence
 * (`[x !== undefined ? x : y]`), a key that is not a CEL name read from an object folded from a constant table
 * (`o['b-c']`), the count of a spec map's entries a callback keeps (`Object.values(m).filter(...).length`, of
 * keys and of `[k, v]` entries, and `some`/`every` over the entries), list `indexOf`/`lastIndexOf` with any
 * integer position (negative, past either end, from the spec, `undefined`), and text beside an integer where an
 * int-or-string field takes it (`targetPort: spec.portName ?? 8080`), and a call's arguments spread from an array
 * literal (`Math.min(...[a, 2])`, also to a helper and a method), and `split()` with no separator. Several
 * specs each, with the edge values. Held to JavaScript by differential.test.ts and to KRO's cel-go by expression-gap-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const base = { apiVersion: 'gaps.typekro.dev/v1alpha1' };

const presence = kubernetesComposition(
  { ...base, name: 'gap-list-presence', kind: 'GapListPresence', spec: type({ name: 'string', 'x?': 'string', y: 'string' }), status: type({ a: 'string', b: 'number', c: 'string', d: 'string', e: 'boolean' }) },
  (spec) => {
    const items = [(spec.x !== undefined) ? spec.x : spec.y, spec.x ? spec.x : 'none'];
    ConfigMap({ name: spec.name, data: { items: items.join(',') } });
    return {
      a: items.join(','), b: [spec.x === undefined ? spec.y : spec.x].length, c: [spec.y, (undefined !== spec.x) ? spec.x : '-'].join('|'),
      d: [typeof spec.x !== 'undefined' ? spec.x : spec.y].join(''), e: 'undefined' === typeof spec.x,
    };
  },
);

const ITEMS = [{ name: 'b-c', v: 'x' }, { name: 'd', v: 'y' }, { name: 'b-c', v: 'z' }];
const folded = kubernetesComposition(
  { ...base, name: 'gap-folded-key', kind: 'GapFoldedKey', spec: type({ name: 'string', level: 'string' }), status: type({ v: 'string', w: 'string' }) },
  (spec) => {
    const o = ITEMS.reduce((acc, i) => ({ ...acc, [i.name]: `${i.v}-${spec.level}` }), {} as Record<string, string>);
    const p = Object.fromEntries(ITEMS.map((i) => [`${i.name}.k`, spec.level]));
    ConfigMap({ name: spec.name, data: o });
    return { v: o['b-c'] ?? 'none', w: `${p['d.k']}/${o['d']}` };
  },
);

const mapCounts = kubernetesComposition(
  { ...base, name: 'gap-map-counts', kind: 'GapMapCounts', spec: type({ name: 'string', config: 'Record<string, string>' }), status: type({ values: 'number', keys: 'number', pairs: 'number', some: 'boolean', every: 'boolean' }) },
  (spec) => ({
    values: Object.values(spec.config).filter((v) => v.length > 1).length,
    keys: Object.keys(spec.config).filter((k) => k.startsWith('a')).length,
    pairs: Object.entries(spec.config).filter(([k, v]) => k === v || v === spec.name).length,
    some: Object.entries(spec.config).some(([k, v]) => k.length > v.length),
    every: Object.entries(spec.config).every(([, v]) => v !== ''),
  }),
);

const positions = kubernetesComposition(
  {
    ...base, name: 'gap-positions', kind: 'GapPositions',
    spec: type({ name: 'string', nums: 'number.integer[]', words: 'string[]', from: 'number.integer', 'opt?': 'number.integer' }),
    status: type({ i: 'string', last: 'string', words: 'string', text: 'string' }),
  },
  (spec) => ({
    i: [spec.nums.indexOf(3, spec.from), spec.nums.indexOf(3, -2), spec.nums.indexOf(3, 1), spec.nums.indexOf(3, spec.opt), spec.nums.indexOf(3, -spec.from)].join(','),
    last: [spec.nums.lastIndexOf(3, spec.from), spec.nums.lastIndexOf(3, -2), spec.nums.lastIndexOf(3), spec.nums.lastIndexOf(3, spec.opt), spec.nums.lastIndexOf(3, 0)].join(','),
    words: [spec.words.indexOf(spec.name, spec.from), spec.words.lastIndexOf('a', spec.from), spec.words.lastIndexOf('a', -1)].join(','),
    text: [spec.name.indexOf('a', spec.from), spec.name.lastIndexOf('a', spec.from), spec.name.indexOf('a', -3)].join(','),
  }),
);

const ports = kubernetesComposition(
  { ...base, name: 'gap-int-or-string', kind: 'GapIntOrString', spec: type({ name: 'string', 'portName?': 'string', 'port?': 'number.integer', named: 'boolean' }), status: type({ text: 'string', both: 'string' }) },
  (spec) => {
    const target = spec.portName ?? 8080;
    Service({ name: spec.name, selector: { app: spec.name }, ports: [{ name: 'web', port: 80, targetPort: target }, { name: 'alt', port: 81, targetPort: spec.named ? 'metrics' : (spec.port ?? 9090) }] });
    return { text: String(target), both: `${spec.port ?? 'none'}:${spec.portName || 7070}` };
  },
);

/** A helper the spread passes its arguments to (trial 15 F4). */
const limited = (value: number, low: number, high: number): number => Math.max(low, Math.min(value, high));

const spreads = kubernetesComposition(
  {
    ...base, name: 'gap-spread-arguments', kind: 'GapSpreadArguments',
    spec: type({ name: 'string', nums: 'number.integer[]', from: 'number.integer', 'opt?': 'number.integer' }),
    status: type({ min: 'number', max: 'number', helper: 'number', found: 'number', has: 'boolean', text: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { low: String(Math.min(...[spec.from, 2])) } });
    return {
      min: Math.min(...[spec.from, spec.opt ?? 7]),
      max: Math.max(spec.from, ...[spec.nums.length, ...[-1]]),
      helper: limited(...([spec.from, 0, spec.nums.length] as const)),
      found: spec.nums.indexOf(...([3, spec.from] as const)),
      has: spec.nums.includes(...[spec.from]),
      text: String(...[spec.opt ?? 'none']),
    };
  },
);

/** `split()` with no separator: the whole text as the one item (trial 18 F5), empty text included. */
const wholeSplit = kubernetesComposition(
  { ...base, name: 'gap-whole-split', kind: 'GapWholeSplit', spec: type({ name: 'string', y: 'string' }), status: type({ parts: 'string[]', n: 'number', text: 'string' }) },
  (spec) => {
    // TypeScript's lib declares a separator, JavaScript takes none (a .js composition, or code tsx runs unchecked).
    // @ts-expect-error split() without a separator
    ConfigMap({ name: spec.name, data: { first: spec.y.split()[0] ?? 'none', joined: `${spec.y},x`.split().join('|') } });
    // @ts-expect-error split() without a separator
    return { parts: spec.y.split(), n: spec.y.split().length, text: [...spec.y.split(), ...`${spec.name}:${spec.y}`.split()].join('+') };
  },
);

const numbers = [[], [3], [3, 1, 3], [1, 2, 3, 3], [5, 3, 4]];
const froms = [-10, -2, -1, 0, 1, 2, 3, 10];

export const expressionGapCases: Readonly<Record<string, CaseInput>> = {
  'gap-list-presence': { composition: presence as never, spec: { name: 'a', y: 'why' }, specs: [{ name: 'a', y: 'why' }, { name: 'b', x: 'ex', y: 'why' }, { name: 'c', x: '', y: 'why' }] },
  'gap-folded-key': { composition: folded as never, spec: { name: 'a', level: 'x' }, specs: [{ name: 'a', level: 'x' }, { name: 'b', level: '' }] },
  'gap-map-counts': {
    composition: mapCounts as never,
    spec: { name: 'a', config: {} },
    specs: [{ name: 'a', config: {} }, { name: 'b', config: { a: 'a', ab: 'x', c: 'b' } }, { name: 'xy', config: { abc: 'xy', b: '', aa: 'aa' } }],
  },
  'gap-positions': {
    composition: positions as never,
    spec: { name: 'banana', nums: [3], words: [], from: 0 },
    specs: numbers.flatMap((nums, i) => froms.map((from, j) => ({
      name: ['', 'a', 'banana', 'xyz', 'aXa'][(i + j) % 5]!, nums, words: [[], ['a'], ['a', 'b', 'a'], ['b', 'banana', 'a']][(i + j) % 4]!, from, ...(j % 3 === 0 ? {} : { opt: froms[(j + i) % froms.length]! }),
    }))),
  },
  'gap-spread-arguments': {
    composition: spreads as never,
    spec: { name: 'a', nums: [], from: 0 },
    specs: numbers.flatMap((nums, i) => [-3, 0, 2, 9].map((from, j) => ({ name: `s${i}${j}`, nums, from, ...(j % 2 === 0 ? {} : { opt: froms[i + j]! }) }))),
  },
  'gap-whole-split': { composition: wholeSplit as never, spec: { name: 'a', y: '' }, specs: [{ name: 'a', y: '' }, { name: 'b', y: 'x,y z' }, { name: 'c', y: ' 😀é ' }] },
  'gap-int-or-string': {
    composition: ports as never,
    spec: { name: 'a', named: false },
    specs: [{ name: 'a', named: false }, { name: 'b', portName: 'http', port: 8000, named: true }, { name: 'c', portName: '', port: 0, named: false }, { name: 'd', portName: '8080', named: false }],
  },
};
