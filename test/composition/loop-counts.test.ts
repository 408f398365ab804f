/**
 * Trial 7 (H14, H15): how many resources a loop makes was decided on placeholders, without a word.
 * - `TIERS.some((t) => { ConfigMap(...); return t === spec.tier; })`: `.some` stops at the first true, and the
 *   placeholder comparison is never true, so every tier got a ConfigMap for every instance.
 * - `for (const z of ['primary', ...extra])` with `extra = spec.ha ? ['secondary'] : []`: the spread ran on the
 *   placeholder (always truthy), so `secondary` existed for every instance; `['base', ...spec.list]` crashed
 *   with an internal error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ name: 'string', tier: 'string', 'ha?': 'boolean', list: 'string[]' });
const status = type({ 'n?': 'string' });
const TIERS = ['bronze', 'silver', 'gold'];
const SPREAD_WHY = 'of a value that depends on a reference: how many items it has was decided once, at definition time, on a placeholder';
const SPREAD_HINT = 'loop over the fixed items, and create the others under their own condition (`if (spec.ha) ConfigMap({ ... })`: an includeWhen), or loop over a spec list';

describe('loops whose number of resources JavaScript decided on placeholders', () => {
  it('a resource created in a .some/.find callback is refused at the call', () => {
    const message = refusal(() =>
      kubernetesComposition({ name: 'early-exit', kind: 'EarlyExit', spec, status }, (s) => {
        TIERS.some((t) => {
          ConfigMap({ name: `${s.name}-${t}`, data: { tier: t } });
          return t === s.tier;
        });
        return {};
      }),
    );
    assert.equal(
      message,
      `${at("'early-exit'", 'TIERS.some(')}: a resource is created in a \`.some(...)\` callback: how many items reach it depends on what the callback returns, which JavaScript decided once, at definition time, on placeholders\n    TIERS.some((t) => { ConfigMap({ name: \`\${s.name}-\${t}\`, data: { tier: t } }); return t === s.tier; })\n  hint: walk the list with \`for (const x of list)\` (or \`.forEach\`) and create the resource under \`if (...)\`: each becomes an includeWhen`,
    );
  });

  it('a loop over a list literal with a spread of a reference-dependent local is refused where the loop is written', () => {
    const message = refusal(() =>
      kubernetesComposition({ name: 'spread-head', kind: 'SpreadHead', spec, status }, (s) => {
        const extra = s.ha ? ['secondary'] : [];
        for (const z of ['primary', ...extra]) ConfigMap({ name: `${s.name}-${z}`, data: { zone: z } });
        return {};
      }),
    );
    assert.equal(message, `${at("'spread-head'", "['primary', ...extra]")}: this loop walks an array literal with a spread (\`...extra\`) ${SPREAD_WHY}\n    ['primary', ...extra]\n  hint: ${SPREAD_HINT}`);
  });

  it('a spread of a spec list in a loop head is refused, not an internal error', () => {
    const message = refusal(() =>
      kubernetesComposition({ name: 'spread-spec', kind: 'SpreadSpec', spec, status }, (s) => {
        for (const z of ['base', ...s.list]) ConfigMap({ name: `${s.name}-${z}`, data: { zone: z } });
        return {};
      }),
    );
    assert.equal(message, `${at("'spread-spec'", "['base', ...s.list]")}: this loop walks an array literal with a spread (\`...s.list\`) ${SPREAD_WHY}\n    ['base', ...s.list]\n  hint: ${SPREAD_HINT}`);
  });

  it('a spread of a constant list in a loop head still makes one resource per item', () => {
    const BASE = ['a', 'b'];
    const app = kubernetesComposition({ name: 'spread-const', kind: 'SpreadConst', spec, status }, (s) => {
      for (const z of ['base', ...BASE]) ConfigMap({ name: `${s.name}-${z}`, data: { zone: z } });
      return {};
    });
    assert.deepEqual(app.toYaml().match(/name: \$\{schema\.spec\.name\}-\w+/g), ['name: ${schema.spec.name}-base', 'name: ${schema.spec.name}-a', 'name: ${schema.spec.name}-b']);
  });
});
