/**
 * What a definition records while its composition function runs (the references behind template markers, the
 * coercions, the refusals a reference proxy threw) belongs to that definition alone: nothing of it is left
 * once the definition returns or throws, however many compositions a process defines, and a definition made
 * while another is in progress keeps its own. A composition defined inside another's function is refused
 * (that function runs once, on placeholders), as a refusal of the outer definition, so a `catch` around it
 * cannot leave its resources out silently.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { definitionDepth, firstTrapRefusal, referenceMarkerCount, splitMarkers, trapRefusal, withReferenceMarkers, createRef } from '../../src/model/refs.js';
import { TypeKroError } from '../../src/util/errors.js';
import { refusalsIn } from '../support/refusals.js';

const { definitionError, at } = refusalsIn(import.meta.filename);
const definition = (name: string) => ({
  name,
  apiVersion: 'scope.typekro.dev/v1alpha1',
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ app: 'string', zones: 'string[]' }),
  status: type({ n: 'string' }),
});

/** Runs `body` and swallows what it throws, as defensive code in a shared helper might. */
const safely = (body: () => void): void => {
  try {
    body();
  } catch {
    // ignored on purpose: the refusal must not depend on the error reaching TypeKro
  }
};

/** Nothing of any definition is left in progress. */
function assertNothingLeft(): void {
  assert.equal(definitionDepth(), 0);
  assert.equal(referenceMarkerCount(), 0);
  assert.equal(firstTrapRefusal(), undefined);
}

describe('the record of a definition', () => {
  it('does not grow with the number of definitions, and a refused one leaves nothing for the next', () => {
    for (let i = 0; i < 20; i++) {
      const refused = definitionError(() =>
        kubernetesComposition(definition(`refused-${i}`), (spec) => {
          safely(() => void (spec.zones as string[]).push('backup'));
          ConfigMap({ name: `${spec.app}-cm`, data: { zones: spec.zones.join(',') } });
          return { n: `${spec.app}` };
        }),
      );
      assert.match(refused, /`push` changes spec\.zones in place/);
      assertNothingLeft();
      const accepted = kubernetesComposition(definition(`accepted-${i}`), (spec) => {
        ConfigMap({ name: `${spec.app}-cm`, data: { zones: spec.zones.join(',') } });
        return { n: `${spec.app}` };
      });
      assert.equal(accepted.graph.resources.length, 1);
      assertNothingLeft();
    }
  });

  it('keeps a definition made during another apart: its refusals and markers are its own, the outer ones are back after it', () => {
    const ref = (field: string): unknown => createRef({ root: { kind: 'schema' }, path: ['spec', field] });
    const outerRefusal = new TypeKroError('DEFINITION_INVALID', 'outer');
    const innerRefusal = new TypeKroError('DEFINITION_INVALID', 'inner');
    withReferenceMarkers(() => {
      const outerText = `${String(ref('a'))}-x`;
      trapRefusal(outerRefusal);
      withReferenceMarkers(() => {
        assert.equal(firstTrapRefusal(), undefined, 'the outer refusal is not the inner definition\'s');
        assert.equal(referenceMarkerCount(), 0);
        const innerText = String(ref('b'));
        trapRefusal(innerRefusal);
        assert.equal(firstTrapRefusal(), innerRefusal);
        assert.deepEqual(splitMarkers(innerText).map((part) => (typeof part === 'string' ? part : part.path.join('.'))), ['spec.b']);
      });
      assert.equal(firstTrapRefusal(), outerRefusal, 'the inner refusal is not the outer definition\'s');
      assert.deepEqual(splitMarkers(outerText).map((part) => (typeof part === 'string' ? part : part.path.join('.'))), ['spec.a', '-x']);
    });
    assertNothingLeft();
  });

  it('refuses a composition defined inside another composition\'s function, also when the outer function catches the error', () => {
    const expected = (anchor: string): string =>
      `${at(anchor, 'kubernetesComposition(definition(\'inner')}: composition "inner" is defined inside the function of another composition, which TypeKro does not compile (that function runs once, on placeholders, to build its own graph)\n  hint: define it once at module level (\`const child = kubernetesComposition(...)\`) and call it in the function to nest it (\`child({ ... })\`)`;
    const plain = definitionError(() =>
      kubernetesComposition(definition('outer-plain'), (spec) => {
        const inner = kubernetesComposition(definition('inner'), (s) => ({ n: s.app }));
        return { n: inner({ app: spec.app, zones: [] }).status.n };
      }),
    );
    assert.equal(plain, expected("definition('outer-plain')"));
    assertNothingLeft();
    const caught = definitionError(() =>
      kubernetesComposition(definition('outer-caught'), (spec) => {
        safely(() => {
          const inner = kubernetesComposition(definition('inner'), (s) => {
            ConfigMap({ name: s.app, data: {} });
            return { n: s.app };
          });
          inner({ app: spec.app, zones: [] });
        });
        return { n: spec.app };
      }),
    );
    assert.equal(caught, expected("definition('outer-caught')"));
    assertNothingLeft();
  });
});
