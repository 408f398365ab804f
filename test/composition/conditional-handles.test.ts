/**
 * The status of a resource (or nested composition) that exists only under a condition (trial 8 T04):
 * created by a ternary (`spec.cache ? Deployment(...) : undefined`), under `if`, or with
 * `.withIncludeWhen(...)`, it is read under a guard that implies that condition, written in any of the
 * forms JavaScript means the same by (`spec.cache`, `spec.cache === true`, `!!spec.cache`, extra `&&`
 * terms). Each accepted form is held to JavaScript by the differential harness over specs where the
 * condition is true, false and absent and over observed states; anything else is refused with the
 * condition that would be accepted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { kubernetesComposition, type Composition } from '../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const flags = type({ name: 'string', 'cache?': 'boolean', 'other?': 'boolean' });
const ready = type({ cacheReady: 'boolean' });
const definition = { apiVersion: 'c.typekro.dev/v1alpha1', kind: 'CondHandle', spec: flags, status: ready };

/** Every combination of `cache` and `other` true, false and absent. */
const SPECS = [true, false, undefined].flatMap((cache) => [true, false, undefined].map((other) => ({ name: 'a', ...(cache !== undefined && { cache }), ...(other !== undefined && { other }) })));

/** JavaScript (evaluateConcrete) and the compiled graph agree for every spec above under every observed state. */
function assertSameAsJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: { name: 'a', cache: true }, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, [], name);
}

interface Rgd { spec: { schema: { status: Record<string, string> }; resources: { id: string; includeWhen?: string[] }[] } }
const rgdOf = (app: Composition<never, unknown>): Rgd => parse(app.toYaml()) as Rgd;

test('a handle created by a ternary is read under the same test: the resource takes the variable as its id (T04a)', () => {
  const app = kubernetesComposition({ ...definition, name: 'ternary-handle' }, (spec) => {
    const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    return { cacheReady: spec.cache ? cache!.status.readyReplicas > 0 : true };
  });
  const rgd = rgdOf(app as never);
  assert.deepEqual(rgd.spec.resources.map((r) => [r.id, r.includeWhen]), [['cache', ['${has(schema.spec.cache) && schema.spec.cache}']]]);
  assert.equal(rgd.spec.schema.status.cacheReady, '${has(schema.spec.cache) && schema.spec.cache ? cache.?status.?readyReplicas.orValue(0) > 0 : true}');
  assertSameAsJavaScript('ternary-handle', app);
});

test('the guard may be any form of the condition on a boolean field, or imply it with more terms (T04b)', () => {
  const apps = {
    'truthy-reads-strict': kubernetesComposition({ ...definition, name: 'truthy-reads-strict' }, (spec) => {
      const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' }).withIncludeWhen(spec.cache === true);
      return { cacheReady: spec.cache ? cache.status.readyReplicas > 0 : true };
    }),
    'strict-reads-truthy': kubernetesComposition({ ...definition, name: 'strict-reads-truthy' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: spec.cache === true ? cache!.status.readyReplicas > 0 : true };
    }),
    'double-negation': kubernetesComposition({ ...definition, name: 'double-negation' }, (spec) => {
      const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' }).withIncludeWhen(spec.cache === true);
      return { cacheReady: !!spec.cache ? cache.status.readyReplicas > 0 : !(!spec.cache) };
    }),
    'negated-branch': kubernetesComposition({ ...definition, name: 'negated-branch' }, (spec) => {
      const cache = !spec.cache ? undefined : Deployment({ name: `${spec.name}-cache`, image: 'redis' });
      return { cacheReady: !spec.cache ? true : cache!.status.readyReplicas > 0 };
    }),
    // JavaScript skips this branch on the placeholder: the resource is made from source, under the negated test.
    'skipped-branch': kubernetesComposition({ ...definition, name: 'skipped-branch' }, (spec) => {
      const cache = spec.cache ? undefined : Deployment({ name: `${spec.name}-cache`, image: 'redis' });
      return { cacheReady: spec.cache ? true : cache!.status.readyReplicas > 0 };
    }),
    'extra-conjunct': kubernetesComposition({ ...definition, name: 'extra-conjunct' }, (spec) => {
      const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' }).withIncludeWhen(spec.cache === true);
      return { cacheReady: spec.cache && spec.other ? cache.status.readyReplicas > 0 : false };
    }),
    'nested-guards': kubernetesComposition({ ...definition, name: 'nested-guards' }, (spec) => {
      const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' }).withIncludeWhen(() => spec.cache === true && spec.other === true);
      return { cacheReady: spec.other ? (spec.cache ? cache.status.readyReplicas > 0 : false) : true };
    }),
    'if-block': kubernetesComposition({ ...definition, name: 'if-block' }, (spec) => {
      if (spec.cache === true) Deployment({ id: 'cache', name: `${spec.name}-cache`, image: 'redis' });
      return { cacheReady: true };
    }),
  };
  for (const [name, app] of Object.entries(apps)) assertSameAsJavaScript(name, app);
});

test('a read on the right of `&&` (or of `||` after a negated test) is guarded by the left side, as JavaScript evaluates it', () => {
  const apps = {
    'and-guard': kubernetesComposition({ ...definition, name: 'and-guard' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: spec.cache === true && cache!.status.readyReplicas > 0 };
    }),
    'or-guard': kubernetesComposition({ ...definition, name: 'or-guard' }, (spec) => {
      const cache = Deployment({ name: `${spec.name}-cache`, image: 'redis' }).withIncludeWhen(spec.cache === true);
      return { cacheReady: !spec.cache || cache.status.readyReplicas > 0 };
    }),
    'and-in-ternary': kubernetesComposition({ ...definition, name: 'and-in-ternary' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: spec.other ? spec.cache === true && cache!.status.readyReplicas > 0 : false };
    }),
  };
  for (const [name, app] of Object.entries(apps)) assertSameAsJavaScript(name, app);
  // JavaScript reads the left side first: there the handle is undefined where the resource is absent.
  const left = refusal(() => kubernetesComposition({ ...definition, name: 'and-left' }, (spec) => {
    const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    return { cacheReady: cache!.status.readyReplicas > 0 && spec.cache === true };
  }));
  assert.equal(
    left,
    `${at("'and-left'", 'cache!.status.readyReplicas > 0 &&')}: this status field reads resource "cache", which exists only when spec.cache: when it does not, KRO leaves the field unset, while JavaScript computes it with "cache" undefined (the value its ternary chose)\n    cache!.status.readyReplicas > 0 && spec.cache === true\n  hint: read it under the condition it is created under (\`spec.cache ? <read> : <fallback>\`), or do not read "cache" here`,
  );
});

test('a read its guard does not imply is refused, the hint giving the condition that is accepted', () => {
  const numbers = { ...definition, spec: type({ name: 'string', 'replicas?': 'number.integer', 'cache?': 'boolean', 'other?': 'boolean' }), status: type({ 'replicas?': 'number' }) };
  const messages = [
    // `spec.replicas` is false for 0 too: set is not enough.
    refusal(() => kubernetesComposition({ ...numbers, name: 'number-truthy' }, (spec) => {
      const web = spec.replicas ? Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas }) : undefined;
      return { replicas: spec.replicas !== undefined ? web!.status.readyReplicas ?? 0 : 0 };
    })),
    refusal(() => kubernetesComposition({ ...numbers, name: 'either' }, (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx' }).withIncludeWhen(spec.cache === true);
      return { replicas: spec.cache || spec.other ? web.status.readyReplicas ?? 0 : 0 };
    })),
    // JavaScript's handle is undefined where the ternary chose it: every read needs the guard, a plain one too.
    refusal(() => kubernetesComposition({ ...numbers, name: 'plain-read' }, (spec) => {
      const web = spec.cache ? Deployment({ name: spec.name, image: 'nginx' }) : undefined;
      return { replicas: web!.status.readyReplicas };
    })),
    refusal(() => kubernetesComposition({ ...numbers, name: 'optional-read' }, (spec) => {
      const web = spec.cache ? Deployment({ name: spec.name, image: 'nginx' }) : undefined;
      return { replicas: web?.status.readyReplicas ?? 0 };
    })),
  ];
  const why = (read: string, when: string, js: string) => `this status field reads ${read}, which exists only when ${when}: when it does not, KRO leaves the field unset, while JavaScript ${js}`;
  const hint = (condition: string, name: string) => `  hint: read it under the condition it is created under (\`${condition} ? <read> : <fallback>\`), or do not read "${name}" here`;
  const chosen = 'computes it with "web" undefined (the value its ternary chose)';
  assert.deepEqual(messages, [
    `${at("'number-truthy'", 'spec.replicas !==')}: ${why('resource "web"', 'spec.replicas !== 0', chosen)}\n    spec.replicas !== undefined ? web!.status.readyReplicas ?? 0 : 0\n${hint('spec.replicas !== undefined && spec.replicas !== 0', 'web')}`,
    `${at("'either'", 'spec.cache ||')}: ${why('resource "web"', 'spec.cache', 'computes it with "web" read as undefined')}\n    spec.cache || spec.other ? web.status.readyReplicas ?? 0 : 0\n${hint('spec.cache', 'web')}`,
    `${at("'plain-read'", 'web!.status')}: ${why('resource "web"', 'spec.cache', chosen)}\n    web!.status.readyReplicas\n${hint('spec.cache', 'web')}`,
    `${at("'optional-read'", 'web?.status')}: ${why('resource "web"', 'spec.cache', chosen)}\n    web?.status.readyReplicas ?? 0\n${hint('spec.cache', 'web')}`,
  ]);
});

test("the hint's condition is accepted as written", () => {
  const numbers = { ...definition, spec: type({ name: 'string', 'replicas?': 'number.integer' }), status: type({ replicas: 'number' }) };
  const app = kubernetesComposition({ ...numbers, name: 'number-hinted' }, (spec) => {
    const web = spec.replicas ? Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas }) : undefined;
    return { replicas: spec.replicas !== undefined && spec.replicas !== 0 ? web!.status.readyReplicas ?? 0 : 0 };
  });
  const report = runCase('number-hinted', { composition: app as never, spec: { name: 'a', replicas: 2 }, specs: [{ name: 'a' }, { name: 'a', replicas: 0 }, { name: 'a', replicas: 3 }] });
  assert.deepEqual(report.findings, []);
});

/** A child whose status reads one of its resources (`ready`) and one that reads none (`endpoint`). */
const cache = kubernetesComposition(
  { name: 'cache', apiVersion: 'c.typekro.dev/v1alpha1', kind: 'Cache', spec: type({ name: 'string' }), status: type({ ready: 'boolean', endpoint: 'string' }) },
  (spec) => {
    const d = Deployment({ name: spec.name, image: 'redis' });
    return { ready: d.status.readyReplicas > 0, endpoint: `${spec.name}:6379` };
  },
);
const nestedDefinition = { ...definition, status: type({ cacheReady: 'boolean', endpoint: 'string' }) };

test('a nested composition chosen by a ternary, or given .withIncludeWhen, reaches the parent status under its condition (T06)', () => {
  const apps = {
    'nested-ternary': kubernetesComposition({ ...nestedDefinition, name: 'nested-ternary' }, (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      return { cacheReady: spec.cache ? c!.status.ready : true, endpoint: spec.cache ? c!.status.endpoint : 'none' };
    }),
    'nested-include-when': kubernetesComposition({ ...nestedDefinition, name: 'nested-include-when' }, (spec) => {
      const c = cache({ name: `${spec.name}-cache` }).withIncludeWhen(spec.cache === true);
      // The handle exists without the cache: a status field that reads none of its resources needs no guard.
      return { cacheReady: spec.cache ? c.status.ready : true, endpoint: c.status.endpoint };
    }),
    'nested-include-when-callback': kubernetesComposition({ ...nestedDefinition, name: 'nested-include-when-callback' }, (spec) => {
      const c = cache({ name: `${spec.name}-cache` }).withIncludeWhen(() => spec.cache === true && spec.other === true);
      return { cacheReady: spec.other && spec.cache ? c.status.ready : false, endpoint: 'x' };
    }),
  };
  for (const [name, app] of Object.entries(apps)) assertSameAsJavaScript(name, app);
  const rgd = rgdOf(apps['nested-include-when'] as never);
  assert.deepEqual(rgd.spec.resources.map((r) => [r.id, r.includeWhen]), [['cD', ['${has(schema.spec.cache) && schema.spec.cache == true}']]]);
  assert.equal(rgd.spec.schema.status.endpoint, '${schema.spec.name + "-cache"}:6379');
  // Direct mode plans over the same graph; simulate cross-checks it against the JavaScript run.
  for (const spec of [{ name: 'a', cache: true }, { name: 'a', cache: false }, { name: 'a' }]) {
    const result = simulate(apps['nested-include-when'] as never, spec);
    assert.deepEqual(result.resources.filter((r) => r.plan !== 'skipped').map((r) => r.id), spec.cache ? ['cD'] : [], JSON.stringify(spec));
  }
});

test('a nested composition held only under a condition is refused where it is read outside it, by a status field or a resource', () => {
  const messages = [
    refusal(() => kubernetesComposition({ ...nestedDefinition, name: 'nested-unguarded' }, (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      return { cacheReady: c?.status.ready ?? false, endpoint: 'none' };
    })),
    refusal(() => kubernetesComposition({ ...nestedDefinition, name: 'nested-resource-read' }, (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      ConfigMap({ name: 'ep', data: { endpoint: c!.status.endpoint } });
      return { cacheReady: true, endpoint: 'none' };
    })),
    refusal(() => kubernetesComposition({ ...nestedDefinition, name: 'nested-include-when-unguarded' }, (spec) => {
      const c = cache({ name: `${spec.name}-cache` }).withIncludeWhen(spec.cache === true);
      return { cacheReady: c.status.ready, endpoint: 'none' };
    })),
  ];
  assert.deepEqual(messages, [
    `${at("'nested-unguarded'", 'c?.status')}: this status field reads nested composition "c", which exists only when spec.cache: when it does not, KRO leaves the field unset, while JavaScript computes it with "c" undefined (the value its ternary chose)\n` +
      '    c?.status.ready ?? false\n' +
      '  hint: read it under the condition it is created under (`spec.cache ? <read> : <fallback>`), or do not read "c" here',
    `${at("'nested-resource-read'", 'ConfigMap(')}: resource "configMapEp" reads nested composition "c", which exists only when spec.cache: KRO skips every resource that reads a skipped one, while JavaScript still creates "configMapEp" when "c" is undefined\n` +
      '  hint: create "configMapEp" under the same condition (inside the same `if`, or .withIncludeWhen(spec.cache)), or do not read "c" from it; a status field may read it under a guard (`c ? <read> : <fallback>`)',
    `${at("'nested-include-when-unguarded'", 'c.status')}: this status field reads nested composition "c" (its resource "cD"), which exists only when spec.cache: when it does not, KRO leaves the field unset, while JavaScript computes it with "c" read as undefined\n` +
      '    c.status.ready\n' +
      '  hint: read it under the condition it is created under (`spec.cache ? <read> : <fallback>`), or do not read "c" here',
  ]);
});

test('a method a nested handle does not have, reached through `as any`, names the method instead of suggesting `?.` (T06b)', () => {
  const message = refusal(() => kubernetesComposition({ ...nestedDefinition, name: 'nested-missing-method' }, (spec) => {
    const c = (cache({ name: `${spec.name}-cache` }) as any).withReadyWhen(() => true); // eslint-disable-line @typescript-eslint/no-explicit-any
    return { cacheReady: c.status.ready, endpoint: 'none' };
  }));
  assert.equal(
    message,
    `${at("'nested-missing-method'", '(cache(')}: JavaScript fails here while the composition runs on references (cache(...).withReadyWhen is not a function)\n` +
      '    (cache({ name: `${spec.name}-cache` }) as any).withReadyWhen\n' +
      '  hint: `withReadyWhen` is not a method of this value (a cast such as `as any` hides that from the type checker): call a method its type declares, or choose the value with a ternary or `if`',
  );
});

test('a handle that may be undefined tested for itself (`svc ? svc.x : d`, `!svc`, `if (svc)`) is its own test: compiled as the condition it is made under', () => {
  const apps = {
    'handle-tested': kubernetesComposition({ ...definition, name: 'handle-tested' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: cache ? cache.status.readyReplicas > 0 : true };
    }),
    'and-handle-tested': kubernetesComposition({ ...definition, name: 'and-handle-tested' }, (spec) => {
      const svc = spec.cache && Service({ name: `${spec.name}-svc`, selector: { app: 'a' }, ports: [{ port: 80 }] });
      if (!svc) ConfigMap({ name: 'no-svc', data: {} });
      return { cacheReady: !svc || (svc.spec.ports ?? []).length > 0 };
    }),
    'negated-handle-tested': kubernetesComposition({ ...definition, name: 'negated-handle-tested' }, (spec) => {
      const fallback = spec.cache ? undefined : Deployment({ name: `${spec.name}-fallback`, image: 'redis' });
      if (fallback && spec.other) ConfigMap({ name: 'fallback-other', data: {} });
      return { cacheReady: fallback ? fallback.status.readyReplicas > 0 : !!fallback };
    }),
    'nested-tested': kubernetesComposition({ ...nestedDefinition, name: 'nested-tested' }, (spec) => {
      const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : undefined;
      return { cacheReady: c ? c.status.ready : true, endpoint: c ? c.status.endpoint : 'none' };
    }),
  };
  for (const [name, app] of Object.entries(apps)) assertSameAsJavaScript(name, app);
  assert.equal(rgdOf(apps['handle-tested'] as never).spec.schema.status['cacheReady'], '${has(schema.spec.cache) && schema.spec.cache ? cache.?status.?readyReplicas.orValue(0) > 0 : true}');
});

test('a handle that may be undefined used as a value otherwise (compared, passed on) is refused: test the condition itself', () => {
  const message = refusal(() => kubernetesComposition({ ...nestedDefinition, name: 'nested-compared' }, (spec) => {
    const c = spec.cache ? cache({ name: `${spec.name}-cache` }) : null;
    return { cacheReady: true, endpoint: c === null ? 'none' : 'some' };
  }));
  assert.equal(
    message,
    `${at("'nested-compared'", 'c === null')}: \`c\` holds a resource only where \`spec.cache\` is true (\`spec.cache ? cache({ name: \`\${spec.name}-cache\` }) : null\`), and is used here as a value: CEL has no value for a resource that does not exist\n` +
      '    c\n' +
      "  hint: test the condition itself (`spec.cache ? ... : ...`) and read `c`'s fields under it (`c!.status...`)",
  );
});

test('under its own test written again, a handle that may be undefined is the resource: it may be passed to a helper or compared (trial 21 F5)', () => {
  const isUp = (d: { status: { readyReplicas?: number } }) => (d.status.readyReplicas ?? 0) > 0;
  const isNull = (d: unknown) => d === null;
  const apps = {
    'helper-guarded': kubernetesComposition({ ...definition, name: 'helper-guarded' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: spec.cache ? isUp(cache!) : true };
    }),
    'helper-if': kubernetesComposition({ ...definition, name: 'helper-if' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      let cacheReady = true;
      if (spec.cache) cacheReady = isUp(cache!);
      return { cacheReady };
    }),
    'compared-guarded': kubernetesComposition({ ...definition, name: 'compared-guarded' }, (spec) => {
      const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
      return { cacheReady: spec.cache ? !isNull(cache) && cache !== undefined : true };
    }),
  };
  for (const [name, app] of Object.entries(apps)) assertSameAsJavaScript(name, app);
  assert.equal(rgdOf(apps['helper-guarded'] as never).spec.schema.status['cacheReady'], '${has(schema.spec.cache) && schema.spec.cache ? cache.?status.?readyReplicas.orValue(0) > 0 : true}');
  // Under another test the handle may be undefined: still refused.
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'helper-other' }, (spec) => {
    const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    return { cacheReady: spec.other ? isUp(cache!) : true };
  }));
  assert.match(message, /`cache` holds a resource only where `spec\.cache` is true .*, and is used here as a value/);
  // The same text in a nested function may read other values under the same names: still refused (review 42).
  const label = (d: unknown) => (d ? 'some' : 'none');
  const shadowed = refusal(() => kubernetesComposition({ ...definition, name: 'helper-shadowed', status: type({ u: 'string' }) }, (spec) => {
    const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    const pick = (spec: { cache?: boolean }) => (spec.cache ? label(cache) : 'x');
    return { u: pick({ cache: spec.other }) };
  }));
  assert.match(shadowed, /`cache` holds a resource only where `spec\.cache` is true .*, and is used here as a value/);
  const redeclared = refusal(() => kubernetesComposition({ ...definition, name: 'helper-redeclared', status: type({ u: 'string' }) }, (spec) => {
    const cache = spec.cache ? Deployment({ name: `${spec.name}-cache`, image: 'redis' }) : undefined;
    {
      const spec = { cache: true };
      return { u: spec.cache ? label(cache) : 'x' };
    }
  }));
  assert.match(redeclared, /`cache` holds a resource only where `spec\.cache` is true .*, and is used here as a value/);
});
