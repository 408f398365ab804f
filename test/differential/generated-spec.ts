/**
 * The spec every generated program declares (schema, TypeScript type, fields) and the specs the programs run
 * on (generated.test.ts, generated-cel.go.test.ts).
 */
import fc from 'fast-check';

/** The spec every generated program declares (arktype syntax), and the TypeScript type helpers take. */
export const SPEC_SCHEMA = {
  // The spec's text fields carry the patterns their values fit (ASCII), as a user's would: case mapping, trim,
  // positions and order of them compile exactly (src/analysis/text-refusals.ts); `text` is free text.
  name: '/^[A-Za-z0-9-]{0,6}$/',
  title: '/^ ?[A-Za-z]{0,4} ?$/',
  env: "'dev' | 'prod'",
  replicas: 'number.integer',
  enabled: 'boolean',
  tags: '/^[ -~]*$/[]',
  digits: '/^[0-9]{1,3}$/',
  'nick?': '/^[A-Za-z]*$/',
  // free text (any character: letters whose case JavaScript maps beyond ASCII, U+0085, U+FEFF, emoji), read only
  // where its CEL is exact for every character: `===`, includes/startsWith/endsWith, templates and `+`
  text: 'string',
  // read with no default where a boolean goes: `undefined` flows through `!`, `&&`, `||`, ternaries, callbacks, conditions
  'flag?': 'boolean',
  // read with no default where a number goes: comparisons, `??`, `||`, `!`, substring indices, status, under tests
  'count?': 'number.integer',
  'opt?': { mode: '/^[a-z]*$/' },
  labels: 'Record<string, string>',
  // sorted, concatenated, filtered with Boolean (which drops 0)
  nums: 'number.integer[]',
  // mapped with a destructured callback parameter (`({ name, replicas = 1 }) =>`); a nested child defaults `replicas`
  workers: [{ name: '/^[ -~]*$/', 'replicas?': 'number.integer' }, '[]'],
} as const;
export const SPEC_TYPE = '{ name: string; title: string; text: string; env: string; replicas: number; enabled: boolean; tags: string[]; digits: string; nick?: string; flag?: boolean; count?: number; opt?: { mode: string }; labels: Record<string, string>; nums: number[]; workers: { name: string; replicas?: number }[] }';
export const SPEC_FIELDS = ['name', 'title', 'text', 'env', 'replicas', 'enabled', 'tags', 'digits', 'nick', 'flag', 'count', 'opt', 'labels', 'nums', 'workers'] as const;
/** A spec satisfying SPEC_SCHEMA. */
export const BASE_SPEC = { name: 'web', title: ' Ab ', text: 'É😀\u0085x', env: 'prod', replicas: 2, enabled: true, tags: ['a', 'Bc'], digits: '12', labels: { dev: 'd', a: 'x' }, nums: [3, -1, 3, 0], workers: [{ name: 'api', replicas: 3 }, { name: 'q' }] };

/** The characters of the free-text field: where JavaScript and CEL differ on case, spaces, positions and order. */
const FREE_CHARS = ['a', 'Z', ' ', 'É', 'ß', 'İ', '\u00a0', '\u0085', '\ufeff', '｡', '😀', '\u{10ffff}'];
const freeText = fc.array(fc.constantFrom(...FREE_CHARS), { maxLength: 4 }).map((chars) => chars.join(''));

/**
 * The specs programs run on: edge values chosen by hand (empty strings and lists, zero and negative
 * numbers, literals the generator also uses, duplicates, optional fields present and absent) and values
 * drawn from the schema with a fixed seed. The base spec leaves `flag` and `count` out: every program runs with them undefined; `count` is 0, negative and positive in others. Every program runs the base spec and a rotating few of the rest.
 */
export function specPool(seed: number): Record<string, unknown>[] {
  const drawn = fc.sample(
    fc.record(
      {
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), title: fc.stringMatching(/^ ?[A-Za-z]{0,4} ?$/), env: fc.constantFrom('dev', 'prod'), text: freeText,
        replicas: fc.integer({ min: -2, max: 6 }), enabled: fc.boolean(), tags: fc.array(fc.constantFrom('a', 'b', 'Web', '', ' x ', 'a-b', 'prod'), { maxLength: 3 }),
        digits: fc.stringMatching(/^[0-9]{1,3}$/), nick: fc.constantFrom('', 'Zed', 'a'), flag: fc.boolean(), count: fc.integer({ min: -2, max: 4 }), opt: fc.record({ mode: fc.constantFrom('', 'b', 'prod') }),
        labels: fc.dictionary(fc.constantFrom('dev', 'prod', 'a', 'b', 'Web', ''), fc.constantFrom('', 'x', 'Web', 'prod'), { maxKeys: 3 }),
        nums: fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 4 }),
        workers: fc.array(fc.record({ name: fc.constantFrom('a', '', 'Web', 'q-1'), replicas: fc.integer({ min: -1, max: 4 }) }, { requiredKeys: ['name'] }), { maxLength: 3 }),
      },
      { requiredKeys: ['name', 'title', 'text', 'env', 'replicas', 'enabled', 'tags', 'digits', 'labels', 'nums', 'workers'] },
    ),
    { seed, numRuns: 8 },
  );
  return [
    BASE_SPEC,
    { text: '', name: '', title: '', env: 'dev', replicas: 0, enabled: false, tags: [], digits: '0', labels: {}, nums: [], workers: [] },
    { text: 'ß\ufeff', name: 'Ab-c', title: ' ABcd', env: 'prod', replicas: -1, enabled: true, tags: ['', 'a,b', 'prod'], digits: '999', nick: '', flag: true, count: 0, opt: { mode: '' }, labels: { prod: '', a: 'Web' }, nums: [0, 0, -2], workers: [{ name: '', replicas: 0 }] },
    { text: '\ufeffİ｡a', name: 'a', title: 'x ', env: 'dev', replicas: 5, enabled: false, tags: ['a', 'a'], digits: '7', nick: 'Zed', flag: false, count: -1, opt: { mode: 'b' }, labels: { dev: 'x', '': 'e' }, nums: [12], workers: [{ name: 'a' }, { name: 'a', replicas: 2 }] },
    { text: '\u{10ffff}\u00a0A', name: 'web', title: 'Web', env: 'prod', replicas: 3, enabled: true, tags: ['-', ' x '], digits: '3', nick: 'a', flag: true, count: 3, labels: { prod: 'p', ' x ': 's', Web: 'W' }, nums: [5, 10, 1], workers: [{ name: 'Web', replicas: -1 }, { name: 'b' }, { name: 'prod', replicas: 4 }] },
    { text: '｡😀', name: 'prod', title: ' ', env: 'dev', replicas: 1, enabled: true, tags: ['b'], digits: '10', count: 1, opt: { mode: 'prod' }, labels: { a: '' }, nums: [1, 2], workers: [{ name: 'x' }] },
    ...drawn.map((spec) => ({ ...spec })),
  ];
}
