/**
 * A mapped value asserted with TypeScript's `!` (issue 10, a new-user trial: `cms.map((c) => c.data!.x!)`):
 * the `!` is erased, JavaScript reads the observed object as it is, and its list holds `undefined` where the
 * object lacks the field. The refusal says so and rewrites the read with `?.`, for a collection (the `map`
 * macro) and for a list of handles TypeKro unrolls; the way out it gives compiles. Exact messages, locations
 * computed from this file's text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
/** `file:line:column` of `fragment` on the first line holding `marker` (test/support/refusals.ts). */
const at = (marker: string, fragment: string): string => where(locate(marker, fragment));

const definition = { apiVersion: 'asserted.typekro.dev/v1alpha1', kind: 'Asserted', spec: type({ items: 'string[]' }), status: type({ v: 'string' }) };
const statusOf = (yaml: string): string => (parse(yaml) as { spec: { schema: { status: { v: string } } } }).spec.schema.status.v;
const why = (text: string): string =>
  `a mapped value that may be undefined: \`!\` only tells TypeScript that \`${text}\` is set; JavaScript reads it from the object observed in the cluster, which may not have it, and its list then holds \`undefined\`, which a CEL list cannot hold`;

describe('a mapped value asserted with `!`', () => {
  it('over a collection says why `!` is not enough and gives the `?.` read', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'collection' }, (spec) => {
        const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
        return { v: cms.map((c) => c.data!.x!).join(',') }; // m:collection
      }),
      { message: `${at('m:collection', 'c.data!')}: ${why('c.data!.x!')}\n    c.data!.x!\n  hint: read it with \`?.\` and give the value the list should hold where it is missing: \`c.data?.x ?? ''\`` },
    );
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'indexed' }, (spec) => {
        const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
        return { v: cms.map((c) => c.data!['x']).join(',') }; // m:indexed
      }),
      { message: `${at('m:indexed', 'c.data!')}: ${why("c.data!['x']")}\n    c.data!['x']\n  hint: read it with \`?.\` and give the value the list should hold where it is missing: \`c.data?.['x'] ?? ''\`` },
    );
  });

  it('over a list of handles TypeKro unrolls says the same', () => {
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'unrolled' }, () => {
        const cms = ['a', 'b'].map((e) => ConfigMap({ name: `cm-${e}`, data: { x: e } }));
        return { v: cms.map((c) => c.data!.x!).join(',') }; // m:unrolled
      }),
      { message: `${at('m:unrolled', 'c.data!')}: ${why('c.data!.x!')}\n    c.data!.x!\n  hint: read it with \`?.\` and give the value the list should hold where it is missing: \`c.data?.x ?? ''\`` },
    );
  });

  it('only a read asserted with `!` gets it: a choice whose `undefined` is its own gets the usual refusal, and a key read inside is rewritten too (review 38)', () => {
    const flagged = { ...definition, spec: type({ items: 'string[]', flag: 'boolean' }) };
    assert.throws(
      () => kubernetesComposition({ ...flagged, name: 'choice' }, (spec) => {
        const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
        return { v: cms.map((c) => (spec.flag ? c.data!.x : undefined)).join(',') }; // m:choice
      }),
      { message: `${at('m:choice', 'spec.flag ?')}: a mapped value that may be undefined\n    spec.flag ? c.data!.x : undefined\n  hint: give it a default with \`??\`: \`(spec.flag ? c.data!.x : undefined) ?? ''\`` },
    );
    const wayOut = kubernetesComposition({ ...flagged, name: 'choice-way-out' }, (spec) => {
      const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
      return { v: cms.map((c) => (spec.flag ? c.data!.x : undefined) ?? '').join(',') };
    });
    assert.match(statusOf(wayOut.toYaml()), /^\$\{cms\.map\(c, /);
    assert.throws(
      () => kubernetesComposition({ ...definition, name: 'keyed' }, (spec) => {
        const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
        return { v: cms.map((c) => c.metadata.labels![c.data!.x!]).join(',') }; // m:keyed
      }),
      { message: `${at('m:keyed', 'c.metadata')}: ${why('c.metadata.labels![c.data!.x!]')}\n    c.metadata.labels![c.data!.x!]\n  hint: read it with \`?.\` and give the value the list should hold where it is missing: \`c.metadata.labels?.[c.data?.x] ?? ''\`` },
    );
  });

  it('the way out compiles', () => {
    const collection = kubernetesComposition({ ...definition, name: 'way-out' }, (spec) => {
      const cms = spec.items.map((i) => ConfigMap({ name: i, data: { x: 'a' } }));
      return { v: cms.map((c) => c.data?.['x'] ?? '').join(',') };
    });
    assert.equal(statusOf(collection.toYaml()), '${cms.map(c, c.data.?x.orValue("")).join(",")}');
    const unrolled = kubernetesComposition({ ...definition, name: 'way-out-unrolled' }, () => {
      const cms = ['a', 'b'].map((e) => ConfigMap({ name: `cm-${e}`, data: { x: e } }));
      return { v: cms.map((c) => c.data?.x ?? '').join(',') };
    });
    assert.equal(statusOf(unrolled.toYaml()), '${[cms.data.?x.orValue(""), configMapCmB.data.?x.orValue("")].join(",")}');
  });
});
