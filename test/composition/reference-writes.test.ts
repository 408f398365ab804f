/**
 * Trial 6 G12: a mutating method on a spec list or a resource's field, used as a statement (`spec.zones.sort()`,
 * `spec.zones.push('backup')`, `delete spec.m.k`, `svc.spec.ports.push(...)`), ran once on a placeholder and was
 * dropped: the graph read the unchanged value (2 objects where JavaScript made 3). Refused from source, in any
 * branch, like an assignment to a reference; changing a local list built in the composition stays allowed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, toResourceGraph } from '../../src/index.js';
import { ConfigMap, Service } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'writes.typekro.dev/v1alpha1',
  kind: 'Zones',
  spec: type({ app: 'string', zones: 'string[]', m: 'Record<string, string>', env: 'string', 'n?': 'number' }),
  status: type({ n: 'number' }),
};
const READ_ONLY = 'is a reference (its value exists only in the cluster) and references are read-only: the composition runs once, on placeholders, when it is defined, so the graph would read the value unchanged';
const HINT = "  hint: build the value where it is used instead (`spec.zones.filter((z) => z !== 'old')`, a new list or object of the fields you need), or give the spec's type a default";
const { definitionError } = refusalsIn(import.meta.filename);
/** Defensive code as a shared helper might have it: runs `body` and swallows what it throws. */
const safely = (body: () => void): void => {
  try {
    body();
  } catch {
    // ignored on purpose: the refusal must not depend on the error reaching TypeKro
  }
};

describe('a write to a reference', () => {
  it('is refused for each mutating method on a spec list, with the method and the list', () => {
    for (const [name, write, construct] of [
      ['sort', (spec: { zones: string[] }) => void spec.zones.sort(), 'spec.zones.sort()'],
      ['push', (spec: { zones: string[] }) => void spec.zones.push('backup'), "spec.zones.push('backup')"],
      ['reverse', (spec: { zones: string[] }) => void spec.zones.reverse(), 'spec.zones.reverse()'],
      ['splice', (spec: { zones: string[] }) => void spec.zones.splice(0, 1), 'spec.zones.splice(0, 1)'],
    ] as const) {
      const message = definitionError(() =>
        kubernetesComposition({ ...definition, name: `zones-${name}` }, (spec) => {
          write(spec);
          return { n: spec.zones.length };
        }),
      );
      // The arrow that holds the call is written in this table, not in the composition: a helper the composition
      // calls, whose write the reference refuses when it runs, located in this file all the same.
      assert.equal(message, `${at(`['${name}'`, construct)}: \`${name}\` changes spec.zones in place: spec.zones ${READ_ONLY}\n    ${construct}\n${HINT}`);
    }
  });

  it('is refused from source in a branch JavaScript skipped, and when it runs for delete and a resource field', () => {
    const skipped = refusal(() =>
      kubernetesComposition({ ...definition, name: 'skipped' }, (spec) => {
        if (spec.env === 'prod') spec.zones.push('backup');
        for (const z of spec.zones) ConfigMap({ name: `${spec.app}-${z}`, data: { zone: z } });
        return { n: spec.zones.length };
      }),
    );
    assert.equal(skipped, `${at("'skipped'", 'spec.zones.push')}: \`push\` changes spec.zones in place: spec.zones ${READ_ONLY}\n    spec.zones.push('backup')\n${HINT}`);
    const deleted = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'deleted' }, (spec) => {
        delete (spec.m as Record<string, string>).secret;
        return { n: spec.zones.length };
      }),
    );
    assert.equal(deleted, `${at("'deleted'", 'delete (spec')}: cannot delete spec.m.secret: spec.m ${READ_ONLY}\n    delete (spec.m as Record<string, string>).secret\n${HINT}`);
    const ports = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'ports' }, (spec) => {
        const svc = Service({ name: spec.app, selector: { app: spec.app }, ports: [{ port: 80 }] });
        (svc.spec.ports as unknown as { port: number }[]).push({ port: 443 });
        return { n: spec.zones.length };
      }),
    );
    // A write that runs is refused by the reference itself, then located at the statement that made it.
    assert.equal(ports, `${at("'ports'", '(svc.spec.ports')}: \`push\` changes svc.spec.ports in place: svc.spec.ports ${READ_ONLY}\n    (svc.spec.ports as unknown as { port: number }[]).push({ port: 443 })\n${HINT}`);
  });

  it('gives the same message whether JavaScript ran the statement or skipped its branch', () => {
    // Ran: the reference proxy refuses the write (model/refs.ts). Skipped (`spec.env === 'prod'` is false for a
    // placeholder): the source check refuses it (reference-writes.ts). One wording, one place, one construct.
    const same = (name: string, construct: string, what: string, ran: () => unknown, skipped: () => unknown): void => {
      const expected = (anchor: string): string => `${at(anchor, construct)}: ${what} ${READ_ONLY}\n    ${construct}\n${HINT}`;
      assert.equal(refusal(ran), expected(`'ran-${name}'`), `${name}, ran`);
      assert.equal(refusal(skipped), expected(`'skipped-${name}'`), `${name}, skipped`);
    };
    same(
      'sort', 'spec.zones.sort()', '`sort` changes spec.zones in place: spec.zones',
      () => kubernetesComposition({ ...definition, name: 'ran-sort' }, (spec) => {
        spec.zones.sort();
        return { n: 0 };
      }),
      () => kubernetesComposition({ ...definition, name: 'skipped-sort' }, (spec) => {
        if (spec.env === 'prod') spec.zones.sort();
        return { n: 0 };
      }),
    );
    same(
      'delete', 'delete spec.m.k', 'cannot delete spec.m.k: spec.m',
      () => kubernetesComposition({ ...definition, name: 'ran-delete' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        delete spec.m.k;
        return { n: 0 };
      }),
      () => kubernetesComposition({ ...definition, name: 'skipped-delete' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        if (spec.env === 'prod') delete spec.m.k;
        return { n: 0 };
      }),
    );
    same(
      'assign', "spec.app = 'x'", 'cannot assign to spec.app: spec',
      () => kubernetesComposition({ ...definition, name: 'ran-assign' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        spec.app = 'x';
        return { n: 0 };
      }),
      () => kubernetesComposition({ ...definition, name: 'skipped-assign' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        if (spec.env === 'prod') spec.app = 'x';
        return { n: 0 };
      }),
    );
    same(
      'increment', 'spec.n!++', 'cannot assign to spec.n: spec',
      () => kubernetesComposition({ ...definition, name: 'ran-increment' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        spec.n!++;
        return { n: 0 };
      }),
      () => kubernetesComposition({ ...definition, name: 'skipped-increment' }, (spec) => {
        // @ts-expect-error the spec's type is read-only; the write is what is tested
        if (spec.env === 'prod') spec.n!++;
        return { n: 0 };
      }),
    );
  });

  it('is refused from source in a skipped branch for every write the shared model records: casts, Object.assign, Reflect, patterns, for-of targets', () => {
    const first = (define: () => unknown): string => refusal(define).split('\n')[0]!;
    const cases: [string, string, string][] = [
      [first(() => kubernetesComposition({ ...definition, name: 'cast-push' }, (spec) => {
        if (spec.env === 'never') (spec.zones as string[]).push('x');
        return { n: 1 };
      })), at("'cast-push'", '(spec.zones'), `\`push\` changes spec.zones in place: spec.zones ${READ_ONLY}`],
      [first(() => kubernetesComposition({ ...definition, name: 'cast-delete' }, (spec) => {
        if (spec.env === 'never') delete (spec.m as Record<string, string>).k;
        return { n: 1 };
      })), at("'cast-delete'", 'delete (spec'), `cannot delete spec.m.k: spec.m ${READ_ONLY}`],
      [first(() => kubernetesComposition({ ...definition, name: 'object-assign' }, (spec) => {
        if (spec.env === 'never') Object.assign(spec.m, { a: '1' });
        return { n: 1 };
      })), at("'object-assign'", 'Object.assign'), `\`assign\` changes spec.m in place: spec.m ${READ_ONLY}`],
      [first(() => kubernetesComposition({ ...definition, name: 'reflect-set' }, (spec) => {
        if (spec.env === 'never') Reflect.set(spec.m, 'k', 'v');
        return { n: 1 };
      })), at("'reflect-set'", 'Reflect.set'), `\`set\` changes spec.m in place: spec.m ${READ_ONLY}`],
      [first(() => kubernetesComposition({ ...definition, name: 'pattern' }, (spec) => {
        // @ts-expect-error: the spec is read-only; JavaScript would write it all the same
        if (spec.env === 'never') [spec.app] = ['x'];
        return { n: 1 };
      })), at("'pattern'", '[spec.app]'), `cannot assign to spec.app: spec ${READ_ONLY}`],
      [first(() => kubernetesComposition({ ...definition, name: 'for-of-target' }, (spec) => {
        // @ts-expect-error: the spec is read-only; JavaScript would write it all the same
        if (spec.env === 'never') for (spec.app of ['a']) void 0;
        return { n: 1 };
      })), at("'for-of-target'", 'for (spec.app'), `cannot assign to spec.app: spec ${READ_ONLY}`],
    ];
    for (const [message, place, why] of cases) assert.equal(message, `${place}: ${why}`);
  });

  it('is not a write to the spec when a nested function writes its own local of the same name', () => {
    const app = kubernetesComposition({ ...definition, name: 'shadowed' }, (spec) => {
      const rebuild = (): string[] => {
        const spec = { zones: [] as string[] };
        spec.zones.push('a');
        return spec.zones;
      };
      if (spec.env === 'never') rebuild();
      return { n: spec.zones.length };
    });
    assert.equal(simulate(app, { app: 'shop', zones: ['a', 'b'], m: {}, env: 'dev' }).status.n, 2);
  });

  it('leaves a local list built in the composition alone', () => {
    const app = kubernetesComposition({ ...definition, name: 'local-list' }, (spec) => {
      const names = ['base'];
      names.push('extra');
      const cms = [];
      for (const z of spec.zones) cms.push(ConfigMap({ name: `${spec.app}-${z}`, data: { names: names.join(',') } }));
      return { n: cms.length };
    });
    const manifests = simulate(app, { app: 'shop', zones: ['a', 'b'], m: {}, env: 'dev' }).manifests;
    assert.deepEqual(manifests.map((manifest) => (manifest as { data: { names: string } }).data.names), ['base,extra', 'base,extra']);
  });

  it('is refused when the user\'s code catches the refusal a reference threw (trial 7a H16)', () => {
    // Through an alias or a helper's nested function, only the reference proxy sees the write, and it can only
    // throw; the run records the refusal, so a `catch` cannot turn it into a silently dropped write.
    const alias = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'alias-try' }, (spec) => {
        const sp: { app: string } = spec;
        try {
          sp.app = 'changed';
        } catch {
          // already normalised
        }
        return { n: spec.zones.length };
      }),
    );
    assert.equal(alias, `${at("'alias-try'", "sp.app = 'changed'")}: cannot assign to sp.app: sp ${READ_ONLY}\n    sp.app = 'changed'\n${HINT}`);
    const helper = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'helper-try' }, (spec) => {
        safely(() => void (spec.zones as string[]).push('backup'));
        return { n: spec.zones.length };
      }),
    );
    assert.equal(
      helper,
      `${at("'helper-try'", '(spec.zones as string[]).push')}: \`push\` changes spec.zones in place: spec.zones ${READ_ONLY}\n    (spec.zones as string[]).push('backup')\n${HINT}`,
    );
    const spread = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'spread-try' }, (spec) => {
        let keys = 0;
        safely(() => {
          keys = Object.keys(spec.m).length;
        });
        return { n: keys };
      }),
    );
    assert.equal(
      spread,
      `${at("'spread-try'", 'keys(spec.m)')}: the reference spec.m cannot be spread or enumerated when the composition is defined: its keys are known only once the instance (or the observed object) exists\n  hint: spread it straight into an object literal that is a factory argument or a status field (\`labels: { team: 't', ...spec.m }\`, compiled to KRO's map merge), pass it as a whole, or read its fields by name`,
    );
    // The first refusal is reported, also when a later error ends the function.
    const first = definitionError(() =>
      kubernetesComposition({ ...definition, name: 'first-try' }, (spec) => {
        safely(() => void (spec.zones as string[]).sort());
        spec.zones.push('backup');
        return { n: spec.zones.length };
      }),
    );
    assert.match(first, /^[^\n]*: `sort` changes spec.zones in place/);
    // toResourceGraph's two functions are held to the same.
    const older = definitionError(() =>
      toResourceGraph(
        { ...definition, name: 'older-try' },
        (schema) => {
          safely(() => void (schema.spec.zones as string[]).reverse());
          return { cm: ConfigMap({ name: schema.spec.app, data: {} }) };
        },
        () => ({ n: 1 }),
      ),
    );
    assert.equal(older, `${at("'older-try'", 'reverse()')}: \`reverse\` changes spec.zones in place: spec.zones ${READ_ONLY}\n${HINT}`);
  });
});
