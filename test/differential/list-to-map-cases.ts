/**
 * Maps built from a list the instance gives (src/analysis/list-to-map.ts): `reduce` from `{}` spreading the
 * accumulator with a computed key, the same assigning `acc[key] = value`, `reduceRight` of both,
 * `Object.fromEntries(list.map(...))`, an integer key, a destructured item. The specs hold what JavaScript's
 * objects make special: repeated keys (the last value wins), an empty list, `__proto__` (an own key through
 * a computed key or fromEntries, none through an assignment, which calls Object.prototype's setter),
 * `constructor`, `toString`, `hasOwnProperty`, the empty key, integer-like keys (JavaScript orders them
 * first: a map's order is not data to the API server). Held to JavaScript by list-to-map.test.ts (direct
 * mode, into a ConfigMap and the status) and to KRO's cel-go by list-to-map-cel.go.test.ts.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

type Item = { name: string; value: string; port: number };

const listToMap = kubernetesComposition(
  {
    apiVersion: 'maps.typekro.dev/v1alpha1', name: 'list-to-map', kind: 'ListToMap',
    spec: type({ name: 'string', items: type({ name: 'string', value: 'string', port: 'number.integer' }).array() }),
    status: type({ spread: 'Record<string, string>', assign: 'Record<string, string>', right: 'Record<string, string>', rightAssign: 'Record<string, string>', entries: 'Record<string, string>', ports: 'Record<string, string>', named: 'Record<string, number>' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {} as Record<string, string>) });
    return {
      spread: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {} as Record<string, string>),
      assign: spec.items.reduce((acc: Record<string, string>, it) => {
        acc[it.name] = it.value;
        return acc;
      }, {}),
      right: spec.items.reduceRight((acc, it) => ({ ...acc, [`${it.name}-r`]: it.value }), {} as Record<string, string>),
      rightAssign: spec.items.reduceRight((acc: Record<string, string>, { name, value }) => {
        acc[name] = value;
        return acc;
      }, {}),
      entries: Object.fromEntries(spec.items.map((it) => [it.name, `${it.value}!`])),
      ports: spec.items.reduce((acc, it) => ({ ...acc, [it.port]: it.name }), {} as Record<string, string>),
      named: Object.fromEntries(spec.items.map(({ name, port }) => [name, port])),
    };
  },
);

const item = (name: string, value: string, port = 80): Item => ({ name, value, port });

export const listToMapCases: Record<string, CaseInput> = {
  'list-to-map': {
    composition: listToMap as never,
    spec: { name: 'a', items: [] },
    specs: [
      { name: 'a', items: [] },
      { name: 'b', items: [item('k', 'v', 1), item('l', '', 2)] },
      { name: 'c', items: [item('k', '1', 1), item('k', '2', 2), item('j', '3', 1), item('k', '4', 3)] },
      { name: 'd', items: [item('__proto__', 'p', 1), item('constructor', 'c', 2), item('toString', 't', 3), item('hasOwnProperty', 'h', 4)] },
      { name: 'e', items: [item('__proto__', 'p1', 7), item('x', 'x', 7), item('__proto__', 'p2', 8)] },
      { name: 'f', items: [item('', 'empty', 0), item('10', 'ten', -1), item('2', 'two', 10), item('b', 'bee', 2)] },
    ],
  },
};
