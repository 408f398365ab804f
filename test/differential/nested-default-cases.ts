/**
 * A parent passes a value that may be absent into a nested composition's optional or defaulted field
 * (trial 9 T06, trial 8 T05): JavaScript calls the child with `undefined` there, and the child's defaults
 * fill it in (missing and `undefined` keys alike, as the API server fills a JSON spec). The compiled graph
 * reads `passed ?? default` at every level: a defaulted field (`replicas: spec.replicas`), an optional
 * chain (`spec.db?.size`), an optional object whose fields have defaults (`opt: spec.opt`, `opt: spec.wrap?.opt`), a literal object
 * around an optional read, a ternary with `undefined`, and a child nested two levels down.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const apiVersion = 'nestdefaults.typekro.dev/v1alpha1';

/**
 * The child: a defaulted integer, an optional enum, an option object whose field has a default, a defaulted double.
 * The option object has an explicit default (`'=', () => ({})`): KRO creates it whenever it is left out, and an
 * optional key (`'opt?'`) would say otherwise, so TypeKro refuses that spelling.
 */
export const defaultsChild = kubernetesComposition(
  {
    name: 'defaults-child',
    apiVersion,
    kind: 'DefaultsChild',
    spec: type({ name: 'string', replicas: 'number.integer = 2', 'size?': "'small' | 'large'", opt: [{ level: "string = 'std'" }, '=', () => ({})], ratio: 'number = 2' }),
    status: type({ r: 'number.integer', big: 'boolean', size: 'string', level: 'string', ratio: 'number' }),
  },
  (spec) => {
    Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    ConfigMap({ name: `${spec.name}-cfg`, data: { size: spec.size ?? 'small', level: spec.opt.level, ratio: spec.ratio > 1 ? "high" : "low" } });
    if (spec.replicas > 2) ConfigMap({ name: `${spec.name}-many`, data: { n: `${spec.replicas}` } });
    return { r: spec.replicas, big: spec.size === 'large', size: spec.size ?? 'unset', level: spec.opt.level, ratio: spec.ratio };
  },
);

const status = type({ r: 'number.integer', big: 'boolean', size: 'string', level: 'string', ratio: 'number' });
const relay = (c: { status: { r: number; big: boolean; size: string; level: string; ratio: number } }) => ({ r: c.status.r, big: c.status.big, size: c.status.size, level: c.status.level, ratio: c.status.ratio });

/** `replicas: spec.replicas` from the parent's optional field into the child's `'number.integer = 2'` (T06). */
const passDefaulted = kubernetesComposition(
  { name: 'nd-pass-defaulted', apiVersion, kind: 'NdPassDefaulted', spec: type({ name: 'string', 'replicas?': 'number.integer', 'ratio?': 'number' }), status },
  (spec) => relay(defaultsChild({ name: `${spec.name}-c`, replicas: spec.replicas, ratio: spec.ratio })),
);

/** `size: spec.db?.size`: optional through an optional object, into the child's optional enum (trial 8 T05). */
const passChain = kubernetesComposition(
  { name: 'nd-pass-chain', apiVersion, kind: 'NdPassChain', spec: type({ name: 'string', 'db?': { 'size?': "'small' | 'large'", 'replicas?': 'number.integer' } }), status },
  (spec) => relay(defaultsChild({ name: `${spec.name}-c`, size: spec.db?.size, replicas: spec.db?.replicas })),
);

/** `opt: spec.opt`: the parent's optional object (its field optional, no default) into the child's defaulted option object. */
const passObject = kubernetesComposition(
  { name: 'nd-pass-object', apiVersion, kind: 'NdPassObject', spec: type({ name: 'string', 'opt?': { 'level?': 'string' }, 'wrap?': { 'opt?': { 'level?': 'string' } } }), status },
  (spec) => {
    const direct = defaultsChild({ name: `${spec.name}-c`, opt: spec.opt });
    const chained = defaultsChild({ name: `${spec.name}-w`, opt: spec.wrap?.opt });
    return { ...relay(direct), level: `${direct.status.level}/${chained.status.level}` };
  },
);

/** A required object of the parent whose field is optional, and a literal object around an optional read. */
const passInner = kubernetesComposition(
  { name: 'nd-pass-inner', apiVersion, kind: 'NdPassInner', spec: type({ name: 'string', opt: { 'level?': 'string' }, 'level?': 'string' }), status },
  (spec) => {
    const whole = defaultsChild({ name: `${spec.name}-w`, opt: spec.opt });
    const literal = defaultsChild({ name: `${spec.name}-l`, opt: { level: spec.level } });
    return { ...relay(whole), level: `${whole.status.level}/${literal.status.level}` };
  },
);

/** `size: spec.big ? 'large' : undefined`: a CEL optional from a ternary. */
const passTernary = kubernetesComposition(
  { name: 'nd-pass-ternary', apiVersion, kind: 'NdPassTernary', spec: type({ name: 'string', big: 'boolean', 'n?': 'number.integer' }), status },
  (spec) => relay(defaultsChild({ name: `${spec.name}-c`, size: spec.big ? 'large' : undefined, replicas: spec.big ? spec.n : undefined })),
);

/** A middle composition with optional fields of its own, passing them on to the defaulted child. */
const middle = kubernetesComposition(
  { name: 'nd-middle', apiVersion, kind: 'NdMiddle', spec: type({ name: 'string', 'replicas?': 'number.integer', 'level?': 'string' }), status },
  (spec) => relay(defaultsChild({ name: `${spec.name}-m`, replicas: spec.replicas, opt: { level: spec.level } })),
);

const passTwice = kubernetesComposition(
  { name: 'nd-pass-twice', apiVersion, kind: 'NdPassTwice', spec: type({ name: 'string', 'cfg?': { 'replicas?': 'number.integer', 'level?': 'string' } }), status },
  (spec) => relay(middle({ name: spec.name, replicas: spec.cfg?.replicas, level: spec.cfg?.level })),
);

/** A child that reads its option object whole (a ConfigMap's data, its status). */
export const wholeChild = kubernetesComposition(
  {
    name: 'whole-child',
    apiVersion,
    kind: 'WholeChild',
    spec: type({ name: 'string', opt: [{ level: "string = 'std'", 'mode?': 'string' }, '=', () => ({})] }),
    status: type({ opt: { level: 'string', 'mode?': 'string' } }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: spec.opt });
    return { opt: spec.opt };
  },
);

/** The parent builds the object from an optional field (`opt: { level: spec.level }`), or passes `{}`. */
const passWhole = kubernetesComposition(
  { name: 'nd-pass-whole', apiVersion, kind: 'NdPassWhole', spec: type({ name: 'string', 'level?': 'string' }), status: type({ a: { level: 'string', 'mode?': 'string' }, b: { level: 'string', 'mode?': 'string' } }) },
  (spec) => {
    const a = wholeChild({ name: `${spec.name}-a`, opt: { level: spec.level } });
    const b = wholeChild({ name: `${spec.name}-b`, opt: {} });
    return { a: a.status.opt, b: b.status.opt };
  },
);

/**
 * Over a constant list (trial 20 F2): each item's test is a constant, so one child gets the parent's field and
 * the other `undefined` (the child's default), as JavaScript passes them; both spellings of the choice.
 */
const passLoopTernary = kubernetesComposition(
  { name: 'nd-pass-loop-ternary', apiVersion, kind: 'NdPassLoopTernary', spec: type({ name: 'string', r: 'number.integer', 'size?': "'small' | 'large'" }), status: type({ rs: 'string', sizes: 'string' }) },
  (spec) => {
    const kids = (['a', 'b'] as const).map((n) => defaultsChild({ name: `${spec.name}-${n}`, replicas: n === 'a' ? spec.r : undefined, size: n !== 'b' ? undefined : spec.size }));
    return { rs: kids.map((k) => k.status.r).join(','), sizes: kids.map((k) => k.status.size).join(',') };
  },
);

export const nestedDefaultCases: Record<string, CaseInput> = {
  'nested-defaults-defaulted': {
    composition: passDefaulted as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', replicas: 3 }, { name: 'c', replicas: 0, ratio: 0.5 }, { name: 'd', ratio: 3 }],
  },
  'nested-defaults-chain': {
    composition: passChain as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', db: {} }, { name: 'c', db: { size: 'large', replicas: 4 } }, { name: 'd', db: { size: 'small' } }, { name: 'e', db: { replicas: 1 } }],
  },
  'nested-defaults-object': {
    composition: passObject as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', opt: {}, wrap: {} }, { name: 'c', opt: { level: 'gold' }, wrap: { opt: {} } }, { name: 'd', opt: { level: '' }, wrap: { opt: { level: 'w' } } }],
  },
  'nested-defaults-inner': {
    composition: passInner as never,
    spec: { name: 'a', opt: {} },
    specs: [{ name: 'a', opt: {} }, { name: 'b', opt: { level: 'gold' }, level: 'x' }, { name: 'c', opt: {}, level: '' }],
  },
  'nested-defaults-ternary': {
    composition: passTernary as never,
    spec: { name: 'a', big: false },
    specs: [{ name: 'a', big: false }, { name: 'b', big: true }, { name: 'c', big: true, n: 5 }, { name: 'd', big: false, n: 5 }],
  },
  'nested-defaults-whole': {
    composition: passWhole as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', level: 'gold' }, { name: 'c', level: '' }],
  },
  'nested-defaults-loop-ternary': {
    composition: passLoopTernary as never,
    spec: { name: 'a', r: 5 },
    specs: [{ name: 'a', r: 5 }, { name: 'b', r: 0, size: 'large' }, { name: 'c', r: 3, size: 'small' }],
  },
  'nested-defaults-twice': {
    composition: passTwice as never,
    spec: { name: 'a' },
    specs: [{ name: 'a' }, { name: 'b', cfg: {} }, { name: 'c', cfg: { replicas: 3, level: 'gold' } }, { name: 'd', cfg: { level: '' } }],
  },
};
