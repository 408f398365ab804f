/**
 * Choices inside a template literal whose operands have different types (trial 13 finding 9): JavaScript
 * turns the chosen operand into text, so `${i.v ?? ''}` with `v` an optional integer is `String(i.v)` or
 * `''`, and `${c ? 1 : 'x'}` / `${c ? true : 'x'}` are `'1'`/`'true'` or `'x'`. Several specs each, with
 * the edge values (0, negative, false, empty text, the field missing); `String(...)` around such a choice
 * means the same. Held to JavaScript by differential.test.ts, to KRO's cel-go by expression-gap-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const base = { apiVersion: 'gaps.typekro.dev/v1alpha1' };

const choices = kubernetesComposition(
  {
    ...base, name: 'template-choice', kind: 'TemplateChoice',
    spec: type({ name: 'string', 'n?': 'number.integer', 'flag?': 'boolean', on: 'boolean', items: type({ k: 'string', 'v?': 'number.integer' }).array() }),
    status: type({ a: 'string', b: 'string', c: 'string', d: 'string', e: 'string', f: 'string', g: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { line: `${spec.name}=${spec.n ?? 'none'}` } });
    return {
      a: spec.items.map((i) => `${i.k}${i.v ?? ''}`).join(','),
      b: `${spec.n ?? '-'}/${spec.flag ?? 'unset'}`,
      c: `${spec.on ? 1 : 'x'}|${spec.on ? true : 'no'}|${spec.on ? spec.name : spec.n ?? 0}|${spec.on ? spec.name : spec.n ?? false}`,
      d: `[${spec.on ? spec.n ?? -1 : 'off'}]`,
      e: spec.items.map((i) => `${i.v !== undefined ? i.v : 'none'}:${i.k.length > 1 ? i.k : 7}`).join(' '),
      // `String(...)` around such a choice makes the chosen operand text, as the template does (trial 15 F4).
      f: [String(spec.flag ?? 'unset'), String(spec.on ? spec.n ?? -1 : 'off'), String(spec.on ? spec.flag ?? false : 0), String(spec.n !== undefined ? spec.n : spec.flag ?? 'neither')].join('|'),
      g: spec.items.map((i) => String(i.v ?? i.k)).join(','),
    };
  },
);

export const templateChoiceCases: Readonly<Record<string, CaseInput>> = {
  'template-choice': {
    composition: choices as never,
    spec: { name: 'a', on: false, items: [] },
    specs: [
      { name: 'a', on: false, items: [] },
      { name: 'b', n: 0, flag: false, on: true, items: [{ k: 'x', v: 0 }, { k: 'yy' }, { k: '', v: -3 }] },
      { name: '', n: -12, flag: true, on: false, items: [{ k: 'z', v: 123456789 }] },
      { name: 'c', on: true, items: [{ k: 'q' }] },
      { name: 'd', flag: true, on: true, items: [{ k: 'r', v: 5 }, { k: '' }] },
    ],
  },
};
