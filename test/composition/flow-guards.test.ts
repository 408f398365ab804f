/**
 * What a write runs under (issue 10, new-user trial 7a, H01-H07): a local assigned under a switch's case label,
 * after a `break`/`continue` under a condition, as a hoisted `var` in a branch or loop, or by a `for...of` head
 * is assigned under a condition; when that condition reads a reference, JavaScript decided it once on a
 * placeholder and the local is refused where it is used (analysis/control-flow-guards.ts). So are a labeled
 * block's guarded `break` before a resource, a `structuredClone` of references and a helper recursing on a
 * reference depth, which crashed before. Each has its exact message (golden/flow-guard-rejections.txt, this
 * file's path written `<this file>`, the line counted from the row's first; UPDATE_GOLDEN=1 rewrites it, review
 * the diff). The shapes that compile are compared with JavaScript in test/differential/control-flow-cases.ts.
 */
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, type RefusalRow } from '../support/refusals.js';

const definition = {
  apiVersion: 'guards.typekro.dev/v1alpha1',
  kind: 'Guards',
  spec: type({ name: 'string', n: 'number.integer', s: 'string', list: 'string[]', 'on?': 'boolean' }),
  status: type({ 'v?': 'string' }),
};

const ENVS = ['dev', 'prod', 'test'];
const isBig = (n: number): boolean => n > 3;
const dots = (s: string, n: number): string => (n <= 0 ? s : dots(`${s}.`, n - 1));
function withThis(this: { suffix: string } | void, s: string): string {
  return s + ((this as { suffix?: string } | undefined)?.suffix ?? '');
}

/** [name, definition, a fragment of the reason it is refused] */
const ROWS: readonly RefusalRow[] = [
  ['a var declared in a branch on the spec, read after it (H02)', () => kubernetesComposition({ ...definition, name: 'var-in-if' }, (spec) => {
    if (spec.on) { var level: string | undefined = 'trace'; }
    ConfigMap({ name: spec.name, data: { level: level ?? 'info' } });
    return { v: level ?? 'info' };
  }), '`level` is changed after it is declared (reassigned)'],
  ['a var declared again in a branch on the spec (H07)', () => kubernetesComposition({ ...definition, name: 'var-again' }, (spec) => {
    var x = 'a';
    if (spec.on) { var x = 'b'; }
    return { v: x };
  }), '`x` is declared more than once in this function, and its value depends on a reference'],
  ['a resource bound to a var in a branch (H02)', () => kubernetesComposition({ ...definition, name: 'var-handle' }, (spec) => {
    if (spec.on) { var cm: ReturnType<typeof ConfigMap> | undefined = ConfigMap({ name: 'x', data: {} }); }
    return { v: cm ? 'has' : 'none' };
  }), '`cm` is declared with `var` under a condition or loop'],
  ['a var declared in a loop over a spec list, read after it (H04, crashed)', () => kubernetesComposition({ ...definition, name: 'var-in-loop' }, (spec) => {
    for (const z of spec.list) { var last: string | undefined = z; }
    return { v: last ?? 'none' };
  }), '`last` is changed after it is declared (reassigned)'],
  ['a var declared in a case on the spec (H04)', () => kubernetesComposition({ ...definition, name: 'var-in-case' }, (spec) => {
    switch (true) {
      case spec.n > 3: var tier: string | undefined = 'big';
    }
    return { v: tier ?? 'none' };
  }), '`tier` is changed after it is declared (reassigned)'],
  ['a var after a labeled break on the spec (H04)', () => kubernetesComposition({ ...definition, name: 'var-after-break' }, (spec) => {
    blk: { if (spec.on) break blk; var z: string | undefined = 'set'; }
    return { v: z ?? 'none' };
  }), '`z` is changed after it is declared (reassigned)'],
  ['a resource after a labeled break on the spec (H03)', () => kubernetesComposition({ ...definition, name: 'block-break' }, (spec) => {
    setup: {
      if (spec.on) break setup;
      ConfigMap({ name: `${spec.name}-db`, data: { mode: 'bundled' } });
    }
    return {};
  }), '`break setup` under `spec.on`, which reads a reference'],
  // The switch's discriminant is no condition: the message named it as one (`under \`spec.name\``, `if (!(spec.name))`).
  ['a resource after a labeled break in a case of a switch on the spec (H03)', () => kubernetesComposition({ ...definition, name: 'switch-break' }, (spec) => {
    setup: {
      switch (spec.name) {
        case 'external':
          break setup;
        default:
          break;
      }
      ConfigMap({ name: `${spec.name}-db`, data: { mode: 'bundled' } });
    }
    return {};
  }), '`break setup` in a `case` of the switch on `spec.name`, which reads a reference'],
  ['a let assigned after a labeled break on the spec (H03)', () => kubernetesComposition({ ...definition, name: 'block-break-let' }, (spec) => {
    let mode = 'external';
    setup: {
      if (spec.on) break setup;
      mode = 'bundled';
    }
    return { v: mode };
  }), '`mode` is changed after it is declared (reassigned)'],
  ['a let assigned after a continue on the spec in a loop over constants (H07)', () => kubernetesComposition({ ...definition, name: 'continue-let' }, (spec) => {
    let lastOther = 'none';
    for (const e of ENVS) {
      if (e === spec.s) continue;
      lastOther = e;
    }
    return { v: lastOther };
  }), '`lastOther` is changed after it is declared (reassigned)'],
  ['a let assigned before a break on the spec in a loop over constants (later iterations)', () => kubernetesComposition({ ...definition, name: 'break-later' }, (spec) => {
    let last = 'none';
    for (const e of ENVS) {
      last = e;
      if (spec.on) break;
    }
    return { v: last };
  }), '`last` is changed after it is declared (reassigned)'],
  ['a let assigned after a break on the spec in do...while (H07)', () => kubernetesComposition({ ...definition, name: 'do-break' }, (spec) => {
    let phase = 'pending';
    do {
      if (spec.on) break;
      phase = 'configured';
    } while (false);
    return { v: phase };
  }), '`phase` is changed after it is declared (reassigned)'],
  ['a let assigned by a for...of head over a list chosen on the spec (H07)', () => kubernetesComposition({ ...definition, name: 'for-head' }, (spec) => {
    let track = 'stable';
    for (track of spec.on ? ['canary'] : ['stable']) { /* the head assigns */ }
    return { v: track };
  }), '`track` is changed after it is declared (reassigned)'],
  ['structuredClone of a local holding a reference (H05, crashed)', () => kubernetesComposition({ ...definition, name: 'clone' }, (spec) => {
    const base = { labels: { team: 'a' }, name: spec.name };
    const copy = structuredClone(base);
    ConfigMap({ name: copy.name, data: { team: copy.labels.team } });
    return {};
  }), '`structuredClone(base)` copies a value that holds references'],
  ['a recursive helper with a depth from the spec (H06, crashed)', () => kubernetesComposition({ ...definition, name: 'recursion' }, (spec) => {
    return { v: dots(spec.name, spec.n) };
  }), '`dots(...)` calls itself'],
  ['this in a helper (H04)', () => kubernetesComposition({ ...definition, name: 'this' }, (spec) => {
    return { v: withThis(spec.name) };
  }), '`this` is the object a function is called on'],
];

test('every write JavaScript decided on a placeholder is refused, with its exact message (golden/flow-guard-rejections.txt)', (t) => {
  refusalsIn(import.meta.filename).assertTable(t, ROWS, new URL('./golden/flow-guard-rejections.txt', import.meta.url));
});
