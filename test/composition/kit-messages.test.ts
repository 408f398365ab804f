/**
 * Refusals found by a new-user trial, each with its exact message: the construct named as the user wrote
 * it, the file, line and column, and the way out. Locations are computed from this file's own text, so the
 * messages are exact without pinning line numbers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const file = fileURLToPath(import.meta.url);
const lines = readFileSync(file, 'utf8').split('\n');

/** `file:line:column` of the first line holding `marker` (a comment unique to it), at `fragment`. */
function at(marker: string, fragment: string): string {
  const index = lines.findIndex((line) => line.includes(marker) && !line.includes('at('));
  assert.ok(index >= 0, `marker ${marker}`);
  const column = lines[index]!.indexOf(fragment);
  assert.ok(column >= 0, `fragment ${fragment} on the line of ${marker}`);
  return `${file}:${index + 1}:${column + 1}`;
}

const definition = { apiVersion: 'messages.typekro.dev/v1alpha1', kind: 'Messages', spec: type({ env: 'string', prod: 'boolean', n: 'number.integer' }), status: type({ 'v?': 'number' }) };

function rec(n: number): string { return n > 0 ? 'pos' : rec(1); } // m:rec
// Each calls the other on a value computed from its argument: `pong(1)` would be decided when defined (`1 > 0`).
function ping(n: number): string { return n > 0 ? 'pos' : pong(n + 1); } // m:ping
function pong(n: number): string { return n > 0 ? 'neg' : ping(n - 1); } // m:pong
const twice = (s: string): string => s + s;
function viaMap(n: number): string[] { return n > 0 ? ['pos'] : [1].map((k) => viaMap(k)[0] ?? ''); } // m:viaMap

describe('refusal messages', () => {
  it('a switch on a reference compiles when each case ends with its break; a break inside a case is refused there', () => {
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'switch' }, (spec) => {
          switch (spec.env) {
            case 'prod':
              if (spec.prod) break; // m:inner
              ConfigMap({ name: 'p', data: {} });
              break;
            default: ConfigMap({ name: 'd', data: {} });
          }
          return {};
        }),
      {
        message: `${at('m:inner', 'break')}: \`break\` before the end of its \`case\` in the switch on \`spec.env\`: it decides whether the rest of the case, and the cases after it, run, which JavaScript decided once, at definition time, on a placeholder (each case of a switch on a reference becomes an includeWhen only when it ends with its \`break\`)\n    break;\n  hint: end each case with its \`break\` and choose inside a case with if / else (each branch becomes an includeWhen), or write the switch as if / else if / else`,
      },
    );
  });

  it('an options object chosen by a condition says so, not "unknown option"', () => {
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'chosen' }, (spec) => {
          const a = { name: 'x', data: { a: 'A' } };
          const b = { name: 'x', data: { a: 'B' } };
          ConfigMap(spec.prod ? a : b); // m:chosen
          return {};
        }),
      {
        message: `${at('m:chosen', 'ConfigMap')}: ConfigMap: the options object itself is chosen by a condition, which a factory cannot take (its options must be known when the composition is defined); write one options object and choose the field values instead, e.g. ConfigMap({ name: 'x', data: spec.prod ? a.data : b.data })`,
      },
    );
  });

  it('a recursive helper is a definition error at its recursive call, directly or through another helper', () => {
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'recursion' }, (spec) => {
          ConfigMap({ name: 'x', data: { a: rec(spec.n) } }); // m:recCall
          return {};
        }),
      {
        message: `${at('m:rec', 'rec(1)')}: \`rec(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion\n    rec(1)\n  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)\n  in \`rec(...)\` called at ${at('m:recCall', 'rec(spec')}`,
      },
    );
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'mutual' }, (spec) => {
          ConfigMap({ name: 'x', data: { a: ping(spec.n) } }); // m:pingCall
          return {};
        }),
      { message: `${at('m:pong', 'ping(n - 1)')}: \`ping(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion\n    ping(n - 1)\n  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)\n  in \`ping(...)\` called at ${at('m:pingCall', 'ping(spec')}` },
    );
    // Through a callback: the helpers being inlined are known inside it too.
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'through-map' }, (spec) => {
          ConfigMap({ name: 'x', data: { a: viaMap(spec.n)[0] ?? '' } }); // m:viaMapCall
          return {};
        }),
      { message: `${at('m:viaMap', 'viaMap(k)')}: \`viaMap(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion\n    viaMap(k)\n  hint: compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)\n  in \`viaMap(...)\` called at ${at('m:viaMapCall', 'viaMap(spec')}` },
    );
  });

  it('a helper inlined twice side by side, or inside its own argument, is no recursion', () => {
    const graph = kubernetesComposition({ ...definition, name: 'not-recursion' }, (spec) => {
      ConfigMap({ name: 'x', data: { a: `${twice(spec.env)}-${twice(twice(spec.env))}` } });
      return {};
    });
    assert.match(JSON.stringify(graph.toYaml()), /spec\.env/);
  });

  it('spreading the spec, a nested composition in a loop and assigning to a reference are refused at their line', () => {
    const child = kubernetesComposition(
      { apiVersion: 'messages.typekro.dev/v1alpha1', kind: 'Child', name: 'child', spec: type({ env: 'string' }), status: type({ 'v?': 'number' }) },
      (spec) => {
        ConfigMap({ name: spec.env, data: {} });
        return {};
      },
    );
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'spread-spec' }, (spec) => {
          child({ ...spec }); // m:spread
          return {};
        }),
      { message: `${at('m:spread', 'spec })')}: the reference spec cannot be spread or enumerated when the composition is defined: its keys are known only once the instance (or the observed object) exists\n  hint: pass it as a whole, or read its fields by name` },
    );
    const listed = { ...definition, spec: type({ envs: 'string[]' }) };
    assert.throws(
      () =>
        kubernetesComposition({ ...listed, name: 'nest-loop' }, (spec) => {
          for (const env of spec.envs) child({ env }); // m:loop
          return {};
        }),
      { message: `${at('m:loop', 'child(')}: nested composition "child" inside a loop is not supported: KRO collections hold single resources; call the child's factories in the loop directly, or call "child" once per instance outside the loop` },
    );
    assert.throws(
      () =>
        kubernetesComposition({ ...listed, name: 'assign' }, (spec) => {
          spec.envs.length = 0; // m:assign
          return {};
        }),
      {
        message:
          `${at('m:assign', 'spec.envs.length')}: cannot assign to spec.envs.length: spec.envs is a reference (its value exists only in the cluster) and references are read-only: the composition runs once, on placeholders, when it is defined, so the graph would read the value unchanged\n` +
          "    spec.envs.length = 0\n  hint: build the value where it is used instead (`spec.zones.filter((z) => z !== 'old')`, a new list or object of the fields you need), or give the spec's type a default",
      },
    );
  });

  it('a built-in that fails on a reference shows the reference as written, where, and the way out', () => {
    assert.throws(
      () =>
        kubernetesComposition({ ...definition, name: 'buffer' }, (spec) => {
          ConfigMap({ name: 'b', data: { v: Buffer.from(spec.env).toString('base64') } }); // m:buffer
          return {};
        }),
      {
        message: `${at('m:buffer', 'from(')}: TypeError: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received the reference spec.env\n  JavaScript ran on a reference there (its value exists only in the cluster), and such code cannot be compiled to CEL; hand Buffer.from the reference as text, \`Buffer.from(String(spec.env)).toString('base64')\` (or a template literal), which TypeKro compiles to KRO's base64.encode of the UTF-8 bytes`,
      },
    );
  });
});
